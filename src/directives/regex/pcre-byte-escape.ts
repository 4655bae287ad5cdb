/**
 * Escapes that stand for one byte (`\n`, `\x41`, `\x{41}`, `\101`, `\o{101}`, `\cA`, `\.`),
 * read the same way inside and outside a character class, and the `\p{…}` syntax check.
 */
import { PCRE_ERRORS as E, PcreSyntaxError } from "./pcre-errors.js";
import { CHAR_ESCAPES, UNRECOGNIZED_ESCAPES, UNSUPPORTED_PERL_ESCAPES, isHex, isOctal } from "./pcre-escapes.js";

/** The read position in a pattern, shared by the pieces of the reader. */
export interface PatternReader {
  readonly src: string;
  p: number;
  /** Inside `\Q…\E`. */
  inQuote: boolean;
}

/**
 * An escape that stands for one byte (shared with classes), with `r.p` after the letter.
 * Returns the byte; leaves `r.p` after the whole escape.
 */
export function charEscape(r: PatternReader, c: string, at: number, inClass: boolean): number {
  const s = r.src;
  const simple = CHAR_ESCAPES.get(c);
  if (simple !== undefined) return simple;
  if (c === "0") {
    let v = 0;
    for (let k = 0; k < 2 && isOctal(s[r.p]); k++) v = v * 8 + (s.charCodeAt(r.p++) - 48);
    return v;
  }
  if (c >= "1" && c <= "9") {
    // Not a back reference: up to three octal digits, or the digit itself.
    if (!isOctal(c)) return c.charCodeAt(0);
    r.p = at;
    let v = 0;
    for (let k = 0; k < 3 && isOctal(s[r.p]); k++) v = v * 8 + (s.charCodeAt(r.p++) - 48);
    if (v > 0o377) throw new PcreSyntaxError(E.octalTooBig, r.p);
    return v;
  }
  if (c === "o") {
    if (s[r.p] !== "{") throw new PcreSyntaxError(E.oBrace, r.p < s.length ? r.p : s.length - 1);
    return bracedCode(r, 8);
  }
  if (c === "x") {
    if (s[r.p] === "{") return bracedCode(r, 16);
    let v = 0;
    for (let k = 0; k < 2 && isHex(s[r.p]); k++) v = v * 16 + parseInt(s[r.p++]!, 16);
    return v;
  }
  if (c === "c") {
    const x = s[r.p];
    if (x === undefined) throw new PcreSyntaxError(E.cAtEnd, s.length);
    const code = x.charCodeAt(0);
    if (code < 0x20 || code > 0x7e) throw new PcreSyntaxError(E.cPrintable, r.p);
    r.p++;
    return (code >= 0x61 && code <= 0x7a ? code - 0x20 : code) ^ 0x40;
  }
  if (UNSUPPORTED_PERL_ESCAPES.has(c)) throw new PcreSyntaxError(E.perlEscape, r.p);
  if (UNRECOGNIZED_ESCAPES.has(c) || (inClass && /[A-Za-z]/.test(c))) {
    throw new PcreSyntaxError(E.unrecognizedEscape, at);
  }
  if (/[A-Za-z]/.test(c)) throw new PcreSyntaxError(E.unrecognizedEscape, at);
  return c.charCodeAt(0);
}

/** `\o{…}` / `\x{…}`, with `r.p` at the `{` (or where it should be). */
function bracedCode(r: PatternReader, radix: 8 | 16): number {
  const s = r.src;
  if (s[r.p] !== "{") throw new PcreSyntaxError(E.oBrace, r.p);
  r.p++;
  const start = r.p;
  const ok = radix === 8 ? isOctal : isHex;
  while (ok(s[r.p])) r.p++;
  const empty = r.p === start;
  if (r.p >= s.length) throw new PcreSyntaxError(empty ? E.digitsMissing : radix === 8 ? E.nonOctal : E.nonHex, empty ? s.length : s.length - 1);
  if (s[r.p] !== "}") throw new PcreSyntaxError(radix === 8 ? E.nonOctal : E.nonHex, r.p);
  if (empty) throw new PcreSyntaxError(E.digitsMissing, r.p);
  const v = parseInt(s.slice(start, r.p), radix);
  if (v > 0xff) throw new PcreSyntaxError(E.codePointTooBig, r.p);
  r.p++;
  return v;
}

/** Skips the property of `\p`/`\P` (`\pL`, `\p{…}`) so the caller can refuse it; malformed is PCRE2's error. */
export function property(r: PatternReader): void {
  const s = r.src;
  if (s[r.p] === "{") {
    const end = s.indexOf("}", r.p);
    if (end === -1) throw new PcreSyntaxError(E.badProperty, s.length);
    r.p = end + 1;
    return;
  }
  if (r.p >= s.length) throw new PcreSyntaxError(E.badProperty, s.length);
  r.p++;
}
