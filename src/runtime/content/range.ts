/**
 * Byte ranges (nginx's range filter), verified against nginx 1.22:
 *
 * - only `bytes=` (any case) with at least one more byte; otherwise the full response with
 *   `Accept-Ranges: bytes`;
 * - `If-Range` with a quoted value must equal the ETag exactly (a weak `W/"…"` never does),
 *   otherwise it is a date that must equal Last-Modified to the second;
 * - entries are `a-b`, `a-` and `-n`, spaces allowed around numbers and dashes and commas;
 *   anything else, a trailing comma, or no satisfiable entry → 416 (Content-Range `bytes *`
 *   then `/size`);
 * - an entry starting past the end is skipped; an empty one at 0 (`0-0` of an empty file)
 *   gives up on ranges and sends the whole file;
 * - more entries than `max_ranges`, or ranges adding up to more than the file, send the whole
 *   file; overlapping ranges are sent as asked.
 */
import type { HeaderLookup } from "./conditional.js";
import { parseHttpTime } from "./http-time.js";

/** `[start, end)` in bytes. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export type RangeOutcome =
  /** Send the whole response (with Accept-Ranges). */
  | { readonly kind: "full" }
  | { readonly kind: "unsatisfiable" }
  | { readonly kind: "ranges"; readonly ranges: readonly ByteRange[] };

const FULL: RangeOutcome = { kind: "full" };
const UNSATISFIABLE: RangeOutcome = { kind: "unsatisfiable" };

/** nginx's off_t limit: a larger number in a range makes it unsatisfiable. */
const MAX_OFF_T = "9223372036854775807";

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0x30 && c <= 0x39;
}

/** Reads the digits at `i`: their value (precise up to 2^53, which file sizes stay under). */
function readNumber(s: string, i: number): { value: number; next: number } | null {
  let j = i;
  while (isDigit(s, j)) j++;
  let digits = s.slice(i, j).replace(/^0+(?=.)/, "");
  if (digits.length > MAX_OFF_T.length || (digits.length === MAX_OFF_T.length && digits > MAX_OFF_T)) return null;
  if (digits === "") digits = "0";
  return { value: Number(digits), next: j };
}

function skipSpaces(s: string, i: number): number {
  while (s[i] === " ") i++;
  return i;
}

/** The end of the header counts like nginx's terminating NUL. */
function atEntryEnd(s: string, i: number): boolean {
  return i >= s.length || s[i] === ",";
}

/**
 * One entry from `p`: `[start, end)` clamped to the body (possibly empty), and where the
 * entry stops (at a comma or the end); `null` when the entry is malformed.
 */
function parseEntry(value: string, p: number, size: number): { range: ByteRange; next: number } | null {
  p = skipSpaces(value, p);
  let start = 0;
  let suffix = false;
  if (value[p] !== "-") {
    if (!isDigit(value, p)) return null;
    const first = readNumber(value, p);
    if (first === null) return null;
    start = first.value;
    p = skipSpaces(value, first.next);
    if (value[p] !== "-") return null;
    p = skipSpaces(value, p + 1);
    // `a-`: to the end of the body.
    if (atEntryEnd(value, p)) return { range: { start, end: size }, next: p };
  } else {
    suffix = true;
    p++;
  }
  if (!isDigit(value, p)) return null;
  const second = readNumber(value, p);
  if (second === null) return null;
  p = skipSpaces(value, second.next);
  if (!atEntryEnd(value, p)) return null;
  let last = second.value;
  if (suffix) {
    // `-n`: the last n bytes.
    start = last < size ? size - last : 0;
    last = size - 1;
  }
  return { range: { start, end: last >= size ? size : last + 1 }, next: p };
}

/** Parses the value of a Range header that starts with `bytes=`, for a body of `size` bytes. */
export function parseByteRanges(value: string, size: number, maxRanges: number): RangeOutcome {
  const ranges: ByteRange[] = [];
  let total = 0;
  let left = maxRanges;
  let p = 6;
  for (;;) {
    const entry = parseEntry(value, p, size);
    if (entry === null) return UNSATISFIABLE;
    const { start, end } = entry.range;
    if (start < end) {
      ranges.push(entry.range);
      total += end - start;
      if (left-- === 0) return FULL;
    } else if (start === 0) {
      return FULL;
    }
    p = entry.next;
    if (value[p] !== ",") break;
    p++;
  }
  if (ranges.length === 0) return UNSATISFIABLE;
  if (total > size) return FULL;
  return { kind: "ranges", ranges };
}

/**
 * What the Range and If-Range headers ask of a 200 response of `size` bytes.
 * `maxRanges` 0 turns ranges off (the caller then sends no Accept-Ranges either).
 */
export function requestedRanges(header: HeaderLookup, size: number, etag: string | null, mtime: number | null, maxRanges: number): RangeOutcome {
  const range = header("range");
  if (range === undefined || range.length < 7 || range.slice(0, 6).toLowerCase() !== "bytes=") return FULL;
  const ifRange = header("if-range");
  if (ifRange !== undefined) {
    if (ifRange.length >= 2 && ifRange.endsWith('"')) {
      if (etag === null || ifRange !== etag) return FULL;
    } else if (mtime === null || parseHttpTime(ifRange) !== mtime) {
      return FULL;
    }
  }
  return parseByteRanges(range, size, maxRanges);
}
