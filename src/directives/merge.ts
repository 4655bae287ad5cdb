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
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null || Array.isArray(v)) {
    Object.freeze(v);
    for (const x of Object.values(v as object)) deepFreeze(x);
  }
  return v;
}

export function mergeLevels(main: ConfLevel, specs: readonly DirectiveSpec[]): void {
  const rules = slotRules(specs);
  // Every inheritable key is there from the start (undefined when it has no default), so a
  // level only overwrites keys and never adds one: see the note on V8 below.
  const defaults: Record<string, unknown> = {};
  for (const [key, r] of rules) if (r.inherit) defaults[key] = r.hasDefault ? deepFreeze(r.default) : undefined;

  // Planned for 10,000-location confs (V8 costs measured with ~110 keys): spreading an object
  // is cheap (~0.5 µs) when it is unfrozen and got no property added after it was created,
  // ~20x dearer otherwise, and freezing one costs ~9 µs. So what passes down stays private,
  // unfrozen and of a fixed shape; each level freezes one copy, and a level that sets nothing
  // shares its parent's frozen object.
  const visit = (level: ConfLevel, inherited: Record<string, unknown>, inheritedFrozen: Readonly<Record<string, unknown>> | null): void => {
    let passed: Record<string, unknown> | undefined;
    let local: Record<string, unknown> | undefined;
    for (const [key, slot] of level.slots) {
      const value = deepFreeze(slot.value);
      if (rules.get(key)?.inherit ?? false) (passed ??= { ...inherited })[key] = value;
      else (local ??= {})[key] = value;
    }
    const passDown = passed ?? inherited;
    let frozenPassDown: Readonly<Record<string, unknown>> | null = passed === undefined ? inheritedFrozen : null;
    if (local === undefined) {
      frozenPassDown ??= Object.freeze({ ...passDown });
      level.settings = frozenPassDown;
    } else {
      level.settings = Object.freeze(Object.assign({ ...passDown }, local));
    }
    for (const child of level.children) visit(child, passDown, frozenPassDown);
  };
  visit(main, defaults, null);
}