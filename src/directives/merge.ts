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

/** Freezes plain objects and arrays; compiled values (RegExp keeps `lastIndex`) stay as they are. */
function deepFreeze<T>(v: T): T {
  if (v === null || typeof v !== "object" || Object.isFrozen(v)) return v;
  if (Array.isArray(v)) {
    Object.freeze(v);
    for (let i = 0; i < v.length; i++) deepFreeze(v[i]);
    return v;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) {
    Object.freeze(v);
    for (const x of Object.values(v as object)) deepFreeze(x);
  }
  return v;
}

export function mergeLevels(main: ConfLevel, specs: readonly DirectiveSpec[]): void {
  const rules = slotRules(specs);
  const defaults: Record<string, unknown> = {};
  for (const [key, r] of rules) if (r.inherit) defaults[key] = r.hasDefault ? deepFreeze(r.default) : undefined;

  // Planned for 10,000-location confs: copying ~110 keys per level (and freezing the copy)
  // was most of the load time and garbage. So a level's settings are a prototype chain: what
  // a level passes down is an object holding only the inheritable keys it sets itself, whose
  // prototype is what its parent passes down, ending at the defaults; its settings add its
  // non-inherited keys the same way. A level that sets nothing shares its parent's
  // pass-down object. Every key reads as a normal property; the objects are frozen once the
  // whole tree is built (an inherited non-writable key would refuse an own assignment).
  const made: object[] = [defaults];
  const visit = (level: ConfLevel, inherited: Record<string, unknown>): void => {
    let passed: Record<string, unknown> | undefined;
    let local: [string, unknown][] | undefined;
    for (const [key, slot] of level.slots) {
      const value = deepFreeze(slot.value);
      if (rules.get(key)?.inherit ?? false) {
        if (passed === undefined) made.push((passed = Object.create(inherited) as Record<string, unknown>));
        passed[key] = value;
      } else (local ??= []).push([key, value]);
    }
    const passDown = passed ?? inherited;
    if (local === undefined) level.settings = passDown;
    else {
      const settings = Object.create(passDown) as Record<string, unknown>;
      for (const [key, value] of local) settings[key] = value;
      made.push(settings);
      level.settings = settings;
    }
    for (const child of level.children) visit(child, passDown);
  };
  visit(main, defaults);
  for (const o of made) Object.freeze(o);
}
