/**
 * Character classes: `[…]`, `[^…]`, ranges, class escapes, POSIX `[:name:]` classes, `\Q…\E`
 * inside, read into the set of bytes they match (ASCII case folded for caseless patterns).
 */
import { addAll, addRange, byteSet, foldAsciiCase, type ByteSet, type SetNode } from "./pcre-ast.js";
import { charEscape, property, type PatternReader } from "./pcre-byte-escape.js";
import { PCRE_ERRORS as E, PcreSyntaxError, PcreUnsupportedError } from "./pcre-errors.js";
import { CLASS_ESCAPES, POSIX_CLASSES } from "./pcre-escapes.js";

/** Escapes that mean something outside a class but are refused inside one. */
const INVALID_IN_CLASS = new Set(["A", "B", "C", "G", "K", "R", "X", "Z", "k", "z"]);

/** Reads `[…]` at `r.p`; a POSIX `[:name:]` outside a class is refused as PCRE2 refuses it. */
export function bracket(r: PatternReader, caseless: boolean, extendedMore: boolean): SetNode {
  const s = r.src;
  const start = r.p;
  if ((s[start + 1] === ":" || s[start + 1] === "." || s[start + 1] === "=") && posixEnd(r, start + 1) !== -1) {
    throw new PcreSyntaxError(E.posixOutside, start);
  }
  r.p++;
  let negate = false;
  if (s[r.p] === "^") {
    negate = true;
    r.p++;
  }
  const bytes = byteSet();
  // `]` right after `[` or `[^` is a member; `\Q`/`\E` before it do not change that.
  let first = true;
  for (;;) {
    if (r.inQuote) {
      if (s.startsWith("\\E", r.p)) {
        r.p += 2;
        r.inQuote = false;
        continue;
      }
      if (r.p >= s.length) throw new PcreSyntaxError(E.missingBracket, s.length);
      bytes[s.charCodeAt(r.p++)] = 1;
      first = false;
      continue;
    }
    if (r.p >= s.length) throw new PcreSyntaxError(E.missingBracket, s.length);
    const c = s[r.p]!;
    if (c === "]" && !first) {
      r.p++;
      break;
    }
    if (extendedMore && (c === " " || c === "\t")) {
      r.p++;
      continue;
    }
    if (s.startsWith("\\Q", r.p)) {
      r.p += 2;
      r.inQuote = true;
      continue;
    }
    if (s.startsWith("\\E", r.p)) {
      r.p += 2;
      continue;
    }
    first = false;
    const item = classItem(r);
    if (item.set !== null) {
      addAll(bytes, item.set);
      if (s[r.p] === "-" && s[r.p + 1] !== "]" && r.p + 1 < s.length) {
        throw new PcreSyntaxError(E.invalidRange, r.p);
      }
      continue;
    }
    const from = item.code;
    if (s[r.p] === "-" && r.p + 1 < s.length && s[r.p + 1] !== "]") {
      r.p++;
      const endAt = r.p;
      if (s[r.p] === "[" && (s[r.p + 1] === ":" || s[r.p + 1] === "." || s[r.p + 1] === "=") && posixEnd(r, r.p + 1) !== -1) {
        throw new PcreSyntaxError(E.invalidRange, r.p + 1);
      }
      const to = classItem(r);
      if (to.set !== null) throw new PcreSyntaxError(E.invalidRange, r.p);
      if (to.code < from) throw new PcreSyntaxError(E.rangeOrder, r.p - 1 >= endAt ? r.p - 1 : endAt);
      addRange(bytes, from, to.code);
      continue;
    }
    bytes[from] = 1;
  }
  if (caseless) foldAsciiCase(bytes);
  if (negate) {
    const out = byteSet();
    addAll(out, bytes, true);
    return { t: "set", bytes: out };
  }
  return { t: "set", bytes };
}

/** One member of a class: a byte, or a set (`\d`, `[:alpha:]`). */
function classItem(r: PatternReader): { set: ByteSet | null; code: number } {
  const s = r.src;
  const c = s[r.p]!;
  if (c === "[" && (s[r.p + 1] === ":" || s[r.p + 1] === "." || s[r.p + 1] === "=")) {
    const end = posixEnd(r, r.p + 1);
    if (end !== -1) return { set: posixClass(r, end), code: 0 };
  }
  if (c !== "\\") {
    r.p++;
    return { set: null, code: c.charCodeAt(0) };
  }
  const at = r.p + 1;
  const e = s[at];
  if (e === undefined) throw new PcreSyntaxError(E.missingBracket, s.length);
  r.p = at + 1;
  const set = CLASS_ESCAPES.get(e);
  if (set !== undefined) return { set, code: 0 };
  if (e === "b") return { set: null, code: 0x08 };
  if (e === "N") throw new PcreSyntaxError(E.nInClass, r.p);
  if (INVALID_IN_CLASS.has(e)) throw new PcreSyntaxError(E.invalidClassEscape, at);
  if (e === "g") return { set: null, code: 0x67 };
  if (e === "p" || e === "P") {
    property(r);
    throw new PcreUnsupportedError(`\\${e} (Unicode properties)`);
  }
  if (e === "8" || e === "9") return { set: null, code: e.charCodeAt(0) };
  return { set: null, code: charEscape(r, e, at, true) };
}

/** Where a POSIX `[:name:]` (or `[.x.]`, `[=x=]`) ends, `-1` if this is not one. */
export function posixEnd(r: PatternReader, kindAt: number): number {
  const s = r.src;
  const kind = s[kindAt]!;
  for (let k = kindAt + 1; k < s.length - 1; k++) {
    if (s[k] === "\\" && (s[k + 1] === "]" || s[k + 1] === "\\")) {
      k++;
      continue;
    }
    if ((s[k] === "[" && s[k + 1] === kind) || s[k] === "]") return -1;
    if (s[k] === kind && s[k + 1] === "]") return k;
  }
  return -1;
}

function posixClass(r: PatternReader, end: number): ByteSet {
  const s = r.src;
  const kind = s[r.p + 1];
  if (kind !== ":") throw new PcreSyntaxError(E.posixCollating, r.p);
  let nameStart = r.p + 2;
  let negate = false;
  if (s[nameStart] === "^") {
    negate = true;
    nameStart++;
  }
  const set = POSIX_CLASSES.get(s.slice(nameStart, end));
  if (set === undefined) throw new PcreSyntaxError(E.unknownPosix, nameStart);
  r.p = end + 2;
  if (!negate) return set;
  const out = byteSet();
  addAll(out, set, true);
  return out;
}
