/**
 * Merging, once, at load: each level's settings are its own slots over what its parent
 * passes down (slots whose rule is "inherit"), over the defaults of the directive tables.
 * The result is frozen, so a request reads one object and never walks parent chains.
 */
import type { ConfLevel } from "./level.js";
import type { DirectiveSpec } from "./types.js";

interface SlotRule {
  readonly inherit: boolean;
  readonly default: unknown;
  readonly hasDefault: boolean;
}

function slotRules(specs: readonly DirectiveSpec[]): Map<string, SlotRule> {
  const rules = new Map<string, SlotRule>();
  for (const s of specs) {
    const key = s.slot ?? s.name;
    if (rules.has(key)) continue;
    rules.set(key, { inherit: (s.merge ?? "inherit") === "inherit", default: s.default, hasDefault: "default" in s });
  }
  return rules;
}

/**
 * Freezes plain objects and arrays; compiled values (RegExp keeps `lastIndex`) stay as they are.
 * Runs on every stored value of a 10,000-location conf, mostly cold: `for…in` and skipping
 * primitives before the call cost far less than `Object.values` and a call per leaf.
 */
function deepFreeze<T>(v: T): T {
  if (typeof v === "object" && v !== null && !Object.isFrozen(v)) freezeObject(v);
  return v;
}

function freezeObject(v: object): void {
  if (Array.isArray(v)) {
    Object.freeze(v);
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x === "object" && x !== null && !Object.isFrozen(x)) freezeObject(x);
    }
    return;
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return;
  Object.freeze(v);
  for (const key in v) {
    const x: unknown = (v as Record<string, unknown>)[key];
    if (typeof x === "object" && x !== null && !Object.isFrozen(x)) freezeObject(x);
  }
}

export function mergeLevels(main: ConfLevel, specs: readonly DirectiveSpec[]): void {
  const rules = slotRules(specs);
  const defaults: Record<string, unknown> = {};
  const inheritable = new Set<string>();
  for (const [key, r] of rules) {
    if (!r.inherit) continue;
    inheritable.add(key);
    defaults[key] = r.hasDefault ? deepFreeze(r.default) : undefined;
  }
  mergeLevel(main, defaults, inheritable);
  Object.freeze(defaults);
}

/**
 * Planned for 10,000-location confs: copying ~110 keys per level (and freezing the copy) was
 * most of the load time and garbage. So a level's settings are a prototype chain: what a level
 * passes down is an object holding only the inheritable keys it sets itself, whose prototype
 * is what its parent passes down, ending at the defaults; its settings add its non-inherited
 * keys the same way. A level that sets nothing shares its parent's pass-down object. Every key
 * reads as a normal property. A pass-down object is frozen only once its whole subtree is
 * built: an inherited non-writable key would refuse the own assignment of a level below.
 *
 * Runs once per level, cold: no array destructuring (it runs the iterator protocol) and no
 * per-level lists, so keys are read twice from the slots map instead.
 */
function mergeLevel(level: ConfLevel, inherited: Record<string, unknown>, inheritable: ReadonlySet<string>): void {
  const slots = level.slots;
  let passed: Record<string, unknown> | undefined;
  let hasLocal = false;
  if (slots.size !== 0) {
    for (const key of slots.keys()) {
      if (inheritable.has(key)) {
        passed ??= Object.create(inherited) as Record<string, unknown>;
        passed[key] = deepFreeze(slots.get(key)!.value);
      } else hasLocal = true;
    }
  }
  const passDown = passed ?? inherited;
  if (hasLocal) {
    const settings = Object.create(passDown) as Record<string, unknown>;
    for (const key of slots.keys()) {
      if (!inheritable.has(key)) settings[key] = deepFreeze(slots.get(key)!.value);
    }
    level.settings = Object.freeze(settings);
  } else level.settings = passDown;
  const children = level.children;
  for (let i = 0; i < children.length; i++) mergeLevel(children[i]!, passDown, inheritable);
  if (passed !== undefined) Object.freeze(passed);
}
