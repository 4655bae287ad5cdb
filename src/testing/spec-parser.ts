// Parses the text of a `.t` file into blocks of raw sections (spec-format.md §1). Nothing here
// knows about servers or macros; values stay text until a block is resolved.

import { HeaderBuilder } from "./spec-header.js";
import { SpecError } from "./spec-error.js";
import { isMarkerSection, isSectionName, type SectionName } from "./section-names.js";
import {
  MODIFIER_NAMES,
  type BlockSelection,
  type ModifierName,
  type Section,
  type SourcePlace,
  type SpecBlock,
  type SpecFile,
} from "./spec-model.js";

const HEADER_KEY_LINE = /^#\s*([a-z][a-z_]*)\s*:\s+(.*?)\s*$/;
const SECTION_LINE = /^--- +(\w+)((?: +\w+)*) *(?::(.*))?$/;

interface PendingSection {
  name: SectionName;
  modifiers: ModifierName[];
  inline: string | undefined;
  lines: string[];
  place: SourcePlace;
}

interface PendingBlock {
  title: string;
  description: string[];
  sections: Map<SectionName, Section>;
  place: SourcePlace;
}

export function parseSpecFile(text: string, file: string): SpecFile {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  if (lines.at(-1) === "") lines.pop();

  const header = new HeaderBuilder();
  let defaults: Map<SectionName, Section> | undefined;
  const blocks: PendingBlock[] = [];
  let block: PendingBlock | undefined;
  let section: PendingSection | undefined;

  const closeSection = (): void => {
    if (!block || !section) return;
    const value = sectionText(section);
    if (block.sections.has(section.name)) {
      const first = block.sections.get(section.name)!;
      throw new SpecError(section.place, `section "${section.name}" is repeated in this block (first at line ${first.place.line})`);
    }
    block.sections.set(section.name, value);
    section = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const place = { file, line: i + 1 };

    if (line.startsWith("===")) {
      closeSection();
      const title = line.slice(3).trim();
      if (title === "DEFAULTS") {
        if (blocks.length > 0 || defaults) throw new SpecError(place, "=== DEFAULTS must be the first block");
        defaults = new Map();
        block = { title, description: [], sections: defaults, place };
      } else {
        block = { title, description: [], sections: new Map(), place };
        blocks.push(block);
      }
      continue;
    }

    if (!block) {
      parseHeaderLine(line, place, header);
      continue;
    }

    if (line.startsWith("--- ")) {
      closeSection();
      section = parseSectionLine(line, place);
      if (isMarkerSection(section.name) && block.sections === defaults) {
        throw new SpecError(place, `marker "${section.name}" cannot appear in DEFAULTS`);
      }
      continue;
    }

    if (section) section.lines.push(line);
    else block.description.push(line);
  }
  closeSection();

  const specBlocks: SpecBlock[] = blocks.map((b, i) => ({
    index: i + 1,
    title: b.title,
    description: b.description.join("\n").trim(),
    sections: b.sections,
    place: b.place,
  }));
  return {
    file,
    header: header.finish(),
    defaults: defaults ?? new Map(),
    blocks: specBlocks,
    selection: selectBlocks(specBlocks),
  };
}

function parseHeaderLine(line: string, place: SourcePlace, header: HeaderBuilder): void {
  if (line.trim() === "" || line === "__DATA__") return;
  if (!line.startsWith("#")) {
    throw new SpecError(place, "text before the first block must be `# key: value` header lines or `#` comments");
  }
  const m = HEADER_KEY_LINE.exec(line);
  if (m) header.add(m[1]!, m[2]!, place);
}

function parseSectionLine(line: string, place: SourcePlace): PendingSection {
  const m = SECTION_LINE.exec(line);
  if (!m) throw new SpecError(place, `malformed section line "${line}" (want "--- name [modifiers][: value]")`);
  const name = m[1]!;
  if (!isSectionName(name)) throw new SpecError(place, `unknown section "${name}"`);
  const modifiers: ModifierName[] = [];
  for (const word of m[2]!.trim().split(/ +/).filter(Boolean)) {
    if (!(MODIFIER_NAMES as readonly string[]).includes(word)) {
      throw new SpecError(place, `unknown modifier "${word}" on section "${name}" (known: ${MODIFIER_NAMES.join(", ")})`);
    }
    modifiers.push(word as ModifierName);
  }
  if (isMarkerSection(name) && (modifiers.length > 0 || m[3] !== undefined)) {
    throw new SpecError(place, `marker "${name}" takes no modifiers and no value`);
  }
  return { name, modifiers, inline: m[3]?.trim(), lines: [], place };
}

/** Applies the normalisation rules of spec-format.md §1 to one section. */
function sectionText(s: PendingSection): Section {
  const isBlank = (l: string): boolean => l.trim() === "";
  let start = 0;
  let end = s.lines.length;
  while (start < end && isBlank(s.lines[start]!)) start++;
  while (end > start && isBlank(s.lines[end - 1]!)) end--;
  const body = s.lines.slice(start, end);

  if (s.inline !== undefined) {
    if (body.length > 0) {
      throw new SpecError(s.place, `section "${s.name}" has an inline value and also lines below it`);
    }
    return { name: s.name, modifiers: s.modifiers, text: s.inline, inline: true, place: s.place };
  }
  if (isMarkerSection(s.name) && body.length > 0) {
    throw new SpecError(s.place, `marker "${s.name}" takes no value`);
  }
  const text = body.length === 0 ? "" : body.join("\n") + "\n";
  return { name: s.name, modifiers: s.modifiers, text, inline: false, place: s.place };
}

/** ONLY / SKIP / LAST (spec-format.md §1). */
function selectBlocks(blocks: readonly SpecBlock[]): BlockSelection[] {
  const lastIndex = blocks.findIndex((b) => b.sections.has("LAST"));
  const anyOnly = blocks.some((b, i) => b.sections.has("ONLY") && (lastIndex < 0 || i <= lastIndex));
  return blocks.map((b, i): BlockSelection => {
    if (lastIndex >= 0 && i > lastIndex) return { run: false, reason: `after the LAST block (TEST ${lastIndex + 1})` };
    if (b.sections.has("SKIP")) return { run: false, reason: "marked SKIP" };
    if (anyOnly && !b.sections.has("ONLY")) return { run: false, reason: "another block is marked ONLY" };
    return { run: true };
  });
}
