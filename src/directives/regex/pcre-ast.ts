/**
 * The parsed form of a PCRE2 pattern, as far as tsresty runs it: enough structure to check
 * what PCRE2 checks at compile time (fixed-length lookbehinds, references) and to print an
 * equivalent JavaScript regex. Positions are byte offsets in the pattern, for PCRE2's
 * `at "…"` part of error messages.
 */

/** 256 flags, one per byte value: the pattern and the subjects are byte strings. */
export type ByteSet = Uint8Array;

export type PcreNode =
  | { readonly t: "set"; readonly bytes: ByteSet }
  | { readonly t: "assert"; readonly kind: AssertKind }
  | { readonly t: "group"; readonly kind: GroupKind; readonly capture: number; readonly alts: PcreNode[][]; readonly pos: number }
  | { readonly t: "repeat"; readonly node: PcreNode; readonly min: number; readonly max: number; readonly lazy: boolean; readonly possessive: boolean }
  | { readonly t: "backref"; readonly group: number | string; readonly pos: number; readonly end: number }
  | { readonly t: "fail" }
  /** `\R`: a newline sequence, `\r\n` or one of LF VT FF CR NEL. */
  | { readonly t: "newline" };

export type SetNode = Extract<PcreNode, { readonly t: "set" }>;

export type AssertKind =
  | "start" /* ^ */
  | "startLine" /* ^ with (?m) */
  | "end" /* $ and \Z */
  | "endLine" /* $ with (?m) */
  | "subjectStart" /* \A, \G */
  | "subjectEnd" /* \z */
  | "wordBoundary"
  | "notWordBoundary";

export type GroupKind = "capture" | "plain" | "atomic" | "ahead" | "notAhead" | "behind" | "notBehind";

export function byteSet(): ByteSet {
  return new Uint8Array(256);
}

export function addRange(set: ByteSet, from: number, to: number): void {
  for (let c = from; c <= to; c++) set[c] = 1;
}

export function addAll(set: ByteSet, other: ByteSet, negate = false): void {
  for (let c = 0; c < 256; c++) if ((other[c] === 1) !== negate) set[c] = 1;
}

export function singleByte(c: number): ByteSet {
  const s = byteSet();
  s[c] = 1;
  return s;
}

/** Adds the other case of every ASCII letter: PCRE2's default tables fold ASCII only. */
export function foldAsciiCase(set: ByteSet): void {
  for (let c = 0x41; c <= 0x5a; c++) {
    if (set[c] === 1 || set[c + 0x20] === 1) {
      set[c] = 1;
      set[c + 0x20] = 1;
    }
  }
}

export function negated(set: ByteSet): ByteSet {
  const out = byteSet();
  for (let c = 0; c < 256; c++) out[c] = set[c] === 1 ? 0 : 1;
  return out;
}

// Nodes and sets are never changed once made, so the common ones are made once and shared:
// the printer then prints each of them once (it remembers printed sets).

/** `.` with `(?s)` and `\C`: every byte. */
export const ALL_BYTES: ByteSet = negated(byteSet());

/** `.` and `\N`: every byte but LF. */
export const ALL_BUT_LF: ByteSet = negated(singleByte(0x0a));

const LITERALS: (SetNode | undefined)[] = [];
const CASELESS_LITERALS: (SetNode | undefined)[] = [];

/** The node of one literal byte; caseless ones match both cases of an ASCII letter. */
export function literalNode(code: number, caseless: boolean): SetNode {
  const cache = caseless ? CASELESS_LITERALS : LITERALS;
  let node = cache[code];
  if (node === undefined) {
    const bytes = singleByte(code);
    if (caseless) foldAsciiCase(bytes);
    node = cache[code] = { t: "set", bytes };
  }
  return node;
}
