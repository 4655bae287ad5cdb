/**
 * nginx's "too long parameter" rule, which is a property of how it reads a conf file, not of
 * word length alone.
 *
 * `ngx_conf_read_token` reads the file through one buffer of NGX_CONF_BUFFER (4096) bytes.
 * When the buffer is used up and the file has more bytes, it keeps the bytes from `start` and
 * refills the rest; if `start` is still at the beginning of the buffer nothing can be freed and
 * it fails: `too long parameter "<10 bytes from start>..." started` (or, inside quotes,
 * `too long parameter, probably missing terminating "<q>" character`), on the line where
 * `start` was set. `start` is moved by every byte read *between* words (whitespace, the `#`
 * opening a comment, the LF closing one, a terminator), and stays at the first byte of a word
 * (after its opening quote) while the word is read — including the byte that ends the word
 * and the first space after a closing quote. So a 4095-byte word ending with `;` fits, while
 * the same word followed by ` x;` fails if the buffer happens to end right after the space:
 * the boundaries (first at byte 4096, then 4096 bytes after each refill's `start`) decide.
 * nginx-conf.md §1.5 gives the common case; this reproduces the exact one (verified against
 * nginx 1.22.1 by the differential fuzz test).
 */
import { CONF_BUFFER, lineAt } from "./lexer-rules.js";

/** What the buffer simulation needs to know about each token, in file order. */
export interface ScannedSpan {
  readonly start: number;
  /** Last byte of the span (inclusive). */
  readonly end: number;
  readonly kind: "word" | "quoted" | "terminator" | "comment" | "opaque";
  /** For `quoted`: offset of the closing quote, or Infinity when the file ended inside it. */
  readonly close?: number;
}

export interface BufferOverflow {
  /** The refill point: the lexer failed before reading this byte. */
  readonly offset: number;
  readonly message: string;
  readonly line: number;
}

/** Where nginx's `start` points just before byte `p + 1` is read, and whether it is inside quotes. */
function startBefore(
  p: number,
  span: ScannedSpan | undefined,
  text: string,
): { start: number; setter: number; quote: string | null } {
  if (span === undefined) return { start: p, setter: p, quote: null };
  if (p <= span.end) {
    switch (span.kind) {
      case "word":
        return { start: span.start, setter: span.start, quote: null };
      case "quoted": {
        const inside = p > span.start && p < (span.close ?? Infinity);
        return { start: span.start + 1, setter: span.start, quote: inside ? text[span.start]! : null };
      }
      case "comment":
        return { start: span.start, setter: span.start, quote: null };
      case "terminator":
      case "opaque":
        return { start: p + 1, setter: p, quote: null };
    }
  }
  // Between tokens. The byte right after a word (the space that ended it, or the one that
  // satisfied need_space after a closing quote) does not move `start`; every other byte does.
  if (p === span.end + 1) {
    if (span.kind === "word") return { start: span.start, setter: span.start, quote: null };
    if (span.kind === "quoted") return { start: span.start + 1, setter: span.start, quote: null };
  }
  return { start: p, setter: p, quote: null };
}

/**
 * The last token or comment that starts at or before a byte. Queried with growing offsets, once
 * per refill (a file of n bytes needs about n / 4096 queries).
 */
export type SpanBefore = (offset: number) => ScannedSpan | undefined;

/**
 * Replays nginx's buffer refills up to `stop`, the byte at which the lexer stops anyway (a
 * lexing error, or the end of the file). Returns the first refill that cannot make room, or null.
 */
export function findBufferOverflow(text: string, spanBefore: SpanBefore, stop: number): BufferOverflow | null {
  let bufferStart = 0;
  let refill = CONF_BUFFER;
  while (refill < text.length && refill <= stop) {
    const p = refill - 1;
    const { start, setter, quote } = startBefore(p, spanBefore(p), text);
    if (start === bufferStart) {
      const message =
        quote !== null
          ? `too long parameter, probably missing terminating "${quote}" character`
          : `too long parameter "${text.slice(start, start + 10)}..." started`;
      return { offset: refill, message, line: lineAt(text, setter + 1) };
    }
    bufferStart = start;
    refill = start + CONF_BUFFER;
  }
  return null;
}
