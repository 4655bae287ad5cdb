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
  const defaults: Record<string, unknown> = {};
  for (const [key, r] of rules) if (r.hasDefault && r.inherit) defaults[key] = r.default;

  const visit = (level: ConfLevel, inherited: Record<string, unknown>): void => {
    const settings: Record<string, unknown> = { ...inherited };
    for (const [key, slot] of level.slots) settings[key] = slot.value;
    level.settings = deepFreeze(settings);
    const passDown: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(settings)) {
      if (rules.get(key)?.inherit ?? false) passDown[key] = value;
    }
    for (const child of level.children) visit(child, passDown);
  };
  visit(main, defaults);
}
