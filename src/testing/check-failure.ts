// A failed check: which section (file:line), what went wrong, and expected vs actual.

import type { SourcePlace } from "./spec-model.js";

export interface CheckFailure {
  readonly place: SourcePlace;
  /** The section that failed ("response_body"), or "server" / "client" for trouble around it. */
  readonly check: string;
  readonly message: string;
  readonly expected?: string;
  readonly actual?: string;
  /** 0-based; shown 1-based when the block repeats or sends several requests. */
  readonly repeat?: number;
  readonly request?: number;
  /** How many requests the block sends per repeat, to say "request 2 of 3". */
  readonly requests?: number;
}

const MAX_SHOWN = 4000;

/** Shows a value so that whitespace differences are visible: JSON-quoted, long values cut. */
export function show(value: string | Buffer): string {
  const text = typeof value === "string" ? value : value.toString("utf8");
  const quoted = JSON.stringify(text.length > MAX_SHOWN ? text.slice(0, MAX_SHOWN) : text);
  return text.length > MAX_SHOWN ? `${quoted}… (${text.length} chars)` : quoted;
}

export function formatFailure(f: CheckFailure, context: { repeats: number }): string {
  const where: string[] = [];
  if (f.repeat !== undefined && context.repeats > 1) where.push(`repeat ${f.repeat + 1} of ${context.repeats}`);
  if (f.request !== undefined && (f.requests ?? 1) > 1) where.push(`request ${f.request + 1} of ${f.requests}`);
  const lines = [`${f.place.file}:${f.place.line}: ${f.check}${where.length ? ` (${where.join(", ")})` : ""}: ${f.message}`];
  if (f.expected !== undefined) lines.push(`  expected: ${f.expected}`);
  if (f.actual !== undefined) lines.push(`  actual:   ${f.actual}`);
  return lines.join("\n");
}
