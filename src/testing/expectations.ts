// Reads a section value as one kind of expectation, and picks the entry of a `json` array that
// belongs to this request (multi-request blocks) or this repeat (single-request blocks).

import type { ResolvedSection } from "./block-resolver.js";
import type { SectionValue } from "./section-value.js";
import { nonEmptyLines } from "./modifiers.js";

export class ExpectationError extends Error {}

/** The value for entry `index`: a json array yields its element, anything else applies to all. */
export function entryFor(r: ResolvedSection, index: number): SectionValue {
  const v = r.value;
  if (v.kind === "json" && Array.isArray(v.value)) {
    if (index >= v.value.length) {
      throw new ExpectationError(`the json array has ${v.value.length} entries, there is no entry ${index + 1}`);
    }
    return { kind: "json", value: v.value[index] };
  }
  return v;
}

export function isPerEntry(r: ResolvedSection): boolean {
  return r.value.kind === "json" && Array.isArray(r.value.value);
}

/** Exact text or bytes; or, with the `regex` modifier, patterns that must all match. */
export type ExactOrPatterns = { readonly exact: Buffer } | { readonly patterns: readonly RegExp[] };

export function exactOrPatterns(v: SectionValue, flags: string): ExactOrPatterns {
  switch (v.kind) {
    case "text":
      return { exact: Buffer.from(v.text, "utf8") };
    case "bytes":
      return { exact: v.bytes };
    case "regex":
      return { patterns: v.sources.map((s) => new RegExp(s, flags)) };
    case "json":
      if (typeof v.value === "string") return { exact: Buffer.from(v.value, "utf8") };
      throw new ExpectationError(`wants a string, got ${JSON.stringify(v.value)}`);
    case "lines":
      throw new ExpectationError("wants text, not lines");
  }
}

/**
 * Patterns for the *_like checks. Plain text is one pattern; its final newline (added by section
 * normalisation) is dropped so that `^ok$` means what it says.
 */
export function patterns(v: SectionValue, flags: string): RegExp[] {
  switch (v.kind) {
    case "text":
      return [new RegExp(v.text.replace(/\n$/, ""), flags)];
    case "regex":
      return v.sources.map((s) => new RegExp(s, flags));
    case "lines":
      return v.lines.map((s) => new RegExp(s, flags));
    case "json":
      if (typeof v.value === "string") return [new RegExp(v.value, flags)];
      throw new ExpectationError(`wants a regex string, got ${JSON.stringify(v.value)}`);
    case "bytes":
      throw new ExpectationError("wants a regex, not bytes");
  }
}

/** `Name: value` lines (response_headers and response_headers_like). */
export function headerLines(v: SectionValue): string[] {
  switch (v.kind) {
    case "text":
      return nonEmptyLines(v.text);
    case "lines":
      return [...v.lines];
    case "json":
      if (typeof v.value === "string") return nonEmptyLines(v.value);
      throw new ExpectationError(`wants header lines, got ${JSON.stringify(v.value)}`);
    default:
      throw new ExpectationError(`wants header lines, not a ${v.kind} value`);
  }
}

/** A log pattern list (error_log / no_error_log): substrings, or regexes with `regex`. */
export function logPatterns(v: SectionValue): (string | RegExp)[] {
  switch (v.kind) {
    case "text":
      return nonEmptyLines(v.text);
    case "lines":
      return [...v.lines];
    case "regex":
      return v.sources.map((s) => new RegExp(s));
    case "json":
      if (typeof v.value === "string") return [v.value];
      if (Array.isArray(v.value) && v.value.every((x) => typeof x === "string")) return v.value as string[];
      throw new ExpectationError(`wants a string or an array of strings, got ${JSON.stringify(v.value)}`);
    case "bytes":
      throw new ExpectationError("wants log lines, not bytes");
  }
}

export function describePattern(p: string | RegExp): string {
  return typeof p === "string" ? JSON.stringify(p) : String(p);
}
