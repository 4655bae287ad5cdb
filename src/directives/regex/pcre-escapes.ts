/**
 * The byte classes of PCRE2's default ("C" locale) character tables, which nginx uses: `\d`,
 * `\s`, `\w`, `\h`, `\v` and the POSIX `[:name:]` classes. Only ASCII letters and digits are
 * letters and digits; bytes ≥ 0x80 belong to no class except `\h` (0xA0) and `\v` (0x85).
 */
import { addRange, byteSet, negated, type ByteSet } from "./pcre-ast.js";

function setOf(ranges: readonly (readonly [number, number])[]): ByteSet {
  const s = byteSet();
  for (const [a, b] of ranges) addRange(s, a, b);
  return s;
}

const DIGIT = setOf([[0x30, 0x39]]);
const UPPER = setOf([[0x41, 0x5a]]);
const LOWER = setOf([[0x61, 0x7a]]);
const ALPHA = setOf([[0x41, 0x5a], [0x61, 0x7a]]);
const ALNUM = setOf([[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]]);
const WORD = setOf([[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a], [0x5f, 0x5f]]);
/** `\s` and `[:space:]`: HT LF VT FF CR and space (PCRE2 ≥ 10.0 includes VT). */
const SPACE = setOf([[0x09, 0x0d], [0x20, 0x20]]);
const HSPACE = setOf([[0x09, 0x09], [0x20, 0x20], [0xa0, 0xa0]]);
const VSPACE = setOf([[0x0a, 0x0d], [0x85, 0x85]]);

export const POSIX_CLASSES: ReadonlyMap<string, ByteSet> = new Map([
  ["alpha", ALPHA],
  ["digit", DIGIT],
  ["alnum", ALNUM],
  ["space", SPACE],
  ["upper", UPPER],
  ["lower", LOWER],
  ["word", WORD],
  ["blank", setOf([[0x09, 0x09], [0x20, 0x20]])],
  ["cntrl", setOf([[0x00, 0x1f], [0x7f, 0x7f]])],
  ["print", setOf([[0x20, 0x7e]])],
  ["graph", setOf([[0x21, 0x7e]])],
  ["punct", setOf([[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]])],
  ["xdigit", setOf([[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]])],
  ["ascii", setOf([[0x00, 0x7f]])],
]);

/** The class escapes (`\d` … `\V`) by their letter. */
export const CLASS_ESCAPES: ReadonlyMap<string, ByteSet> = new Map([
  ["d", DIGIT],
  ["D", negated(DIGIT)],
  ["s", SPACE],
  ["S", negated(SPACE)],
  ["w", WORD],
  ["W", negated(WORD)],
  ["h", HSPACE],
  ["H", negated(HSPACE)],
  ["v", VSPACE],
  ["V", negated(VSPACE)],
]);

/** Escapes that stand for one fixed byte. */
export const CHAR_ESCAPES: ReadonlyMap<string, number> = new Map([
  ["a", 0x07],
  ["e", 0x1b],
  ["f", 0x0c],
  ["n", 0x0a],
  ["r", 0x0d],
  ["t", 0x09],
]);

/** Letters PCRE2 refuses after a backslash with "unrecognized character follows \". */
export const UNRECOGNIZED_ESCAPES = new Set(["i", "j", "m", "q", "y", "I", "J", "M", "O", "T", "Y"]);

/** Perl escapes PCRE2 rejects with a message of their own. */
export const UNSUPPORTED_PERL_ESCAPES = new Set(["F", "L", "l", "U", "u"]);

export function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

export function isOctal(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "7";
}

export function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9A-Fa-f]$/.test(c);
}

export function isWordChar(c: string | undefined): boolean {
  return c !== undefined && WORD[c.charCodeAt(0)] === 1;
}
