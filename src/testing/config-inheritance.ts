// Which configuration sections each block runs with (spec-format.md §1 and §7): a block's own
// sections win; DEFAULTS fill what it lacks; and a block that still has no `config` takes the
// configuration sections of the previous block in file order — as a unit, so an `http_config`
// upstream stays next to the `config` that uses it. File order, not run order: a block picked
// with ONLY gets the configuration it was written under.

import { CONFIG_SECTIONS, type SectionName } from "./section-names.js";
import type { Section, SpecFile } from "./spec-model.js";

export type ConfigSections = ReadonlyMap<SectionName, Section>;

export function configSectionsPerBlock(spec: SpecFile): ConfigSections[] {
  const result: ConfigSections[] = [];
  let previous: ConfigSections = new Map();
  for (const block of spec.blocks) {
    const own = new Map<SectionName, Section>();
    for (const name of CONFIG_SECTIONS) {
      const section = block.sections.get(name);
      if (section) own.set(name, section);
    }
    const hasConfig = own.has("config") || spec.defaults.has("config");
    const effective = new Map<SectionName, Section>();
    for (const name of CONFIG_SECTIONS) {
      const section = own.get(name) ?? (hasConfig ? undefined : previous.get(name)) ?? spec.defaults.get(name);
      if (section) effective.set(name, section);
    }
    result.push(effective);
    previous = effective;
  }
  return result;
}
