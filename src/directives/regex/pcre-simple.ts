/**
 * A shortcut for the patterns most confs hold (`^/api/(\d+)$`, `\.(?:gif|jpe?g)$`,
 * `^/(?<user>[^/]+)/`): when a pattern uses only literal bytes, `.`, `^`, `$`, class escapes
 * (`\d` …), escaped punctuation, `\n`-style byte escapes, bracket classes, capturing, named and
 * `(?:…)` groups, `|` and the quantifiers `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` (greedy or lazy),
 * it is printed to JavaScript in one pass over its bytes, without building the tree. A
 * 10,000-location conf compiles thousands of regexes, each once and mostly in V8's slow tiers,
 * where the tree reader's calls and allocations cost ~30 µs a pattern.
 *
 * The output is exactly what `toJsPattern(parsePcre(…))` prints for such a pattern: each piece
 * comes from the same printers and shared sets, and with no atomic group or back reference the
 * PCRE2 group numbers are JavaScript's. Anything else gets `null` — including every pattern
 * PCRE2 refuses — so the full reader runs and reports it as it always did.
 */
import { ALL_BUT_LF, literalNode } from "./pcre-ast.js";
import { bracket } from "./pcre-class.js";
import { CHAR_ESCAPES, CLASS_ESCAPES } from "./pcre-escapes.js";
import { ASSERTIONS, byteAtom, quantifierSource, setSource } from "./pcre-to-js.js";

export interface SimpleJsPattern {
  /** The JavaScript regex source, as `toJsPattern` prints it. */
  readonly source: string;
  /** PCRE2's capture count; group `n` is JavaScript group `n`. */
  readonly captureCount: number;
  /** Named groups in the order they appear (`null`: none). */
  readonly names: readonly GroupName[] | null;
}

export interface GroupName {
  readonly name: string;
  readonly index: number;
}

const BACKSLASH = 0x5c;
const DOT = 0x2e;
const CARET = 0x5e;
const DOLLAR = 0x24;
const OPEN = 0x28;
const CLOSE = 0x29;
const BAR = 0x7c;
const STAR = 0x2a;
const PLUS = 0x2b;
const QUESTION = 0x3f;
const BRACE = 0x7b;
const BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;
const COLON = 0x3a;
const LESS = 0x3c;
const GREATER = 0x3e;
const UNDERSCORE = 0x5f;

/** PCRE2's longest group name. */
const MAX_NAME = 32;
/** PCRE2's largest `{n,m}` number, and the most digits the shortcut reads for one. */
const MAX_REPEAT = 65535;
const MAX_REPEAT_DIGITS = 5;

/**
 * V8 makes no regex with more groups (PCRE2 allows 65,535). Past it the full path runs, so the
 * refusal is reported when the conf is loaded; below it a shortcut's source always compiles.
 */
const MAX_CAPTURES = 32767;

/** Printed caseless ASCII letters (`[Aa]`), by code. */
const caselessLetterSources: (string | undefined)[] = [];

/**
 * A literal byte as `setSource` prints its set: a set of one byte is printed as that byte's
 * atom, so only a caseless letter (two bytes) needs the set printer. This skips the printer's
 * scan of 256 flags for each byte's first use, most of a cold run's cost here.
 */
function literalSource(code: number, caseless: boolean): string {
  if (caseless && isAsciiLetter(code)) return (caselessLetterSources[code] ??= setSource(literalNode(code, true).bytes));
  return byteAtom(code);
}

/** Printed `\d`-style class escapes and `\n`-style byte escapes, by the letter's code. */
const letterEscapeSources: (string | null | undefined)[] = [];

function letterEscapeSource(letter: number): string | null {
  let out = letterEscapeSources[letter];
  if (out === undefined) {
    const name = String.fromCharCode(letter);
    const set = CLASS_ESCAPES.get(name);
    const code = CHAR_ESCAPES.get(name);
    // None of these bytes is a letter, so case folding would not change them.
    out = set !== undefined ? setSource(set) : code !== undefined ? literalSource(code, false) : null;
    letterEscapeSources[letter] = out;
  }
  return out;
}

/** Digits, `_` and (case-sensitive) letters: `byteAtom` prints them as themselves. */
function printsAsItself(c: number, caseless: boolean): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x5f || (!caseless && isAsciiLetter(c));
}

/** ASCII punctuation and space: PCRE2 reads a backslash before one as that byte. */
function isEscapablePunctuation(c: number): boolean {
  return (
    (c >= 0x20 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e)
  );
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Where the name of `(?<name>` starting at `from` ends (at its `>`), or `-1` unless it is a
 * name PCRE2 takes: a letter or `_`, then letters, digits and `_`, at most 32 in all.
 */
function groupNameEnd(pattern: string, from: number): number {
  const first = pattern.charCodeAt(from);
  if (!isAsciiLetter(first) && first !== UNDERSCORE) return -1;
  let p = from + 1;
  while (p < pattern.length && p - from <= MAX_NAME && printsAsItself(pattern.charCodeAt(p), false)) p++;
  return p - from <= MAX_NAME && pattern.charCodeAt(p) === GREATER ? p : -1;
}

/** A number of 1 to 5 digits at `from`: where it ends, or `-1`. */
function repeatNumberEnd(pattern: string, from: number): number {
  let p = from;
  while (p - from < MAX_REPEAT_DIGITS && isDigit(pattern.charCodeAt(p))) p++;
  return p === from || isDigit(pattern.charCodeAt(p)) ? -1 : p;
}

interface BraceRepeat {
  readonly min: number;
  readonly max: number;
  /** After the closing brace. */
  readonly end: number;
}

/**
 * `{n}`, `{n,}` or `{n,m}` with `from` after the `{`, when its numbers have 1 to 5 digits and
 * PCRE2 takes them (within its limit, in order); otherwise `null` (other braces, PCRE2's
 * refusals and `{,m}`, which is literal text, are the full reader's).
 */
function braceRepeat(pattern: string, from: number): BraceRepeat | null {
  const minEnd = repeatNumberEnd(pattern, from);
  if (minEnd === -1) return null;
  const min = Number(pattern.slice(from, minEnd));
  let max = min;
  let p = minEnd;
  if (pattern.charCodeAt(p) === COMMA) {
    p++;
    if (pattern.charCodeAt(p) === CLOSE_BRACE) {
      max = Infinity;
    } else {
      const maxEnd = repeatNumberEnd(pattern, p);
      if (maxEnd === -1) return null;
      max = Number(pattern.slice(p, maxEnd));
      p = maxEnd;
    }
  }
  if (pattern.charCodeAt(p) !== CLOSE_BRACE || min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT) || max < min) return null;
  return { min, max, end: p + 1 };
}

/** The JavaScript regex of a simple pattern (see above), or `null` when the full reader must run. */
export function simpleJsPattern(pattern: string, caseless: boolean): SimpleJsPattern | null {
  const end = pattern.length;
  let out = "";
  let captures = 0;
  let names: GroupName[] | null = null;
  let open = 0;
  // PCRE2 refuses a quantifier after `^`, `$`, `(`, `|`, the start or another quantifier; the
  // full reader reports that.
  let repeatable = false;
  let p = 0;
  while (p < end) {
    const c = pattern.charCodeAt(p++);
    switch (c) {
      case BACKSLASH: {
        const e = pattern.charCodeAt(p++);
        let piece: string | null = null;
        if (isEscapablePunctuation(e)) piece = literalSource(e, caseless);
        // `\E`, `\Q`, `\b`, digits (references, octal) and the rest are the full reader's.
        else if (isAsciiLetter(e)) piece = letterEscapeSource(e);
        if (piece === null) return null;
        out += piece;
        repeatable = true;
        break;
      }
      case DOT:
        out += setSource(ALL_BUT_LF);
        repeatable = true;
        break;
      case CARET:
        out += ASSERTIONS.start;
        repeatable = false;
        break;
      case DOLLAR:
        out += ASSERTIONS.end;
        repeatable = false;
        break;
      case OPEN: {
        const next = pattern.charCodeAt(p);
        if (next === STAR) return null; // verbs and alpha assertions: the full reader's
        if (next !== QUESTION) {
          captures++;
          out += "(";
        } else if (pattern.charCodeAt(p + 1) === COLON) {
          p += 2;
          out += "(?:";
        } else if (pattern.charCodeAt(p + 1) === LESS) {
          // `(?<name>`; `(?<=`, `(?<!` (lookbehinds) and bad names are the full reader's.
          const nameEnd = groupNameEnd(pattern, p + 2);
          if (nameEnd === -1) return null;
          const name = pattern.slice(p + 2, nameEnd);
          // A second group of one name is refused by PCRE2 (no `(?J)` here): the full reader says so.
          if (names !== null && names.some((n) => n.name === name)) return null;
          (names ??= []).push({ name, index: ++captures });
          p = nameEnd + 1;
          out += "(";
        } else {
          return null; // options, lookarounds, atomic groups, comments: the full reader's
        }
        open++;
        repeatable = false;
        break;
      }
      case CLOSE:
        if (open === 0) return null;
        open--;
        out += ")";
        repeatable = true;
        break;
      case BAR:
        out += "|";
        repeatable = false;
        break;
      case STAR:
      case PLUS:
      case QUESTION:
      case BRACE: {
        if (!repeatable) return null;
        if (c === BRACE) {
          const q = braceRepeat(pattern, p);
          if (q === null) return null;
          p = q.end;
          out += quantifierSource(q.min, q.max);
        } else {
          out += c === STAR ? quantifierSource(0, Infinity) : c === PLUS ? quantifierSource(1, Infinity) : quantifierSource(0, 1);
        }
        const next = pattern.charCodeAt(p);
        if (next === QUESTION) {
          out += "?";
          p++;
        } else if (next === PLUS) {
          return null; // possessive: emulated with an atomic group, which adds JavaScript groups
        }
        repeatable = false;
        break;
      }
      case BRACKET: {
        const reader = { src: pattern, p: p - 1, inQuote: false };
        try {
          out += setSource(bracket(reader, caseless, false).bytes);
        } catch {
          // A class PCRE2 refuses (or tsresty cannot run): the full reader reports it.
          return null;
        }
        p = reader.p;
        repeatable = true;
        break;
      }
      default: {
        // Code units above 0xff are not bytes; the full reader decides what they mean.
        if (c > 0xff) return null;
        if (printsAsItself(c, caseless)) {
          // A run of such bytes prints as the same text, so it is copied in one piece.
          const start = p - 1;
          while (p < end && printsAsItself(pattern.charCodeAt(p), caseless)) p++;
          out += pattern.slice(start, p);
        } else {
          out += literalSource(c, caseless);
        }
        repeatable = true;
      }
    }
  }
  if (open !== 0 || captures > MAX_CAPTURES) return null;
  return { source: out, captureCount: captures, names };
}
