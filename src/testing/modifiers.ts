// Section modifiers (spec-format.md §3), applied left to right as written.

import { EscapeError, unescapeText } from "./text-escapes.js";
import { SpecError } from "./spec-error.js";
import type { ModifierName, SourcePlace } from "./spec-model.js";
import type { SectionValue } from "./section-value.js";

export function applyModifiers(
  text: string,
  modifiers: readonly ModifierName[],
  place: SourcePlace,
): SectionValue {
  let value: SectionValue = { kind: "text", text };
  for (const modifier of modifiers) value = applyModifier(value, modifier, place);
  return value;
}

function applyModifier(value: SectionValue, modifier: ModifierName, place: SourcePlace): SectionValue {
  const fail = (why: string): never => {
    throw new SpecError(place, `modifier "${modifier}": ${why}`);
  };
  switch (modifier) {
    case "chomp":
      return mapText(value, (s) => (s.endsWith("\n") ? s.slice(0, -1) : s), (b) => (b.at(-1) === 0x0a ? b.subarray(0, -1) : b), fail);
    case "chop":
      // Drop the last code point, not the last UTF-16 unit, so an emoji is never split.
      return mapText(value, (s) => Array.from(s).slice(0, -1).join(""), (b) => b.subarray(0, -1), fail);
    case "escape":
      if (value.kind === "text") {
        try {
          const out = unescapeText(value.text);
          return typeof out === "string" ? { kind: "text", text: out } : { kind: "bytes", bytes: out };
        } catch (e) {
          return fail((e as EscapeError).message);
        }
      }
      if (value.kind === "lines") {
        try {
          return { kind: "lines", lines: value.lines.map((l) => String(unescapeText(l))) };
        } catch (e) {
          return fail((e as EscapeError).message);
        }
      }
      return fail(`cannot apply to a ${value.kind} value`);
    case "lines":
      if (value.kind !== "text") return fail(`cannot apply to a ${value.kind} value`);
      return { kind: "lines", lines: nonEmptyLines(value.text) };
    case "regex": {
      let sources: readonly string[];
      if (value.kind === "text") sources = nonEmptyLines(value.text);
      else if (value.kind === "lines") sources = value.lines;
      else if (value.kind === "json" && Array.isArray(value.value) && value.value.every((v) => typeof v === "string")) {
        sources = value.value as string[];
      } else if (value.kind === "json" && typeof value.value === "string") sources = [value.value];
      else return fail(`cannot apply to a ${value.kind} value`);
      for (const source of sources) {
        try {
          new RegExp(source);
        } catch (e) {
          fail(`bad regex /${source}/: ${(e as Error).message}`);
        }
      }
      return { kind: "regex", sources };
    }
    case "json":
      if (value.kind !== "text") return fail(`cannot apply to a ${value.kind} value`);
      try {
        return { kind: "json", value: JSON.parse(value.text) as unknown };
      } catch (e) {
        return fail(`invalid JSON: ${(e as Error).message}`);
      }
  }
}

function mapText(
  value: SectionValue,
  onString: (s: string) => string,
  onBytes: (b: Buffer) => Buffer,
  fail: (why: string) => never,
): SectionValue {
  switch (value.kind) {
    case "text":
      return { kind: "text", text: onString(value.text) };
    case "bytes":
      return { kind: "bytes", bytes: onBytes(value.bytes) };
    case "lines":
      return { kind: "lines", lines: value.lines.map(onString) };
    default:
      return fail(`cannot apply to a ${value.kind} value`);
  }
}

export function nonEmptyLines(text: string): string[] {
  return text.split("\n").filter((l) => l.trim() !== "");
}
