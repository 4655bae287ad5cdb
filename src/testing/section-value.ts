// A section's value after macros and modifiers. The kind records how it was written, because it
// changes what an array means: a `json` array has one entry per request (or per repeat), while
// `lines`/`regex` produce a set of patterns that all apply to the same response or log slice.

export type SectionValue =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "bytes"; readonly bytes: Buffer }
  | { readonly kind: "lines"; readonly lines: readonly string[] }
  | { readonly kind: "regex"; readonly sources: readonly string[] }
  | { readonly kind: "json"; readonly value: unknown };

/** The value as bytes to put on the wire, when it is text, bytes or a json string. */
export function toBytes(value: SectionValue): Buffer | undefined {
  if (value.kind === "text") return Buffer.from(value.text, "utf8");
  if (value.kind === "bytes") return value.bytes;
  if (value.kind === "json" && typeof value.value === "string") return Buffer.from(value.value, "utf8");
  return undefined;
}
