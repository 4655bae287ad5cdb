/**
 * A shortcut for the patterns most confs hold (`^/api/(\d+)$`, `\.(gif|jpe?g)$`, `^/[^/]+/`):
 * when a pattern uses only literal bytes, `.`, `^`, `$`, class escapes (`\d` …), escaped
 * punctuation, `\n`-style byte escapes, bracket classes, capturing groups, `|` and the
 * quantifiers `*`, `+`, `?` (greedy or lazy), it is printed to JavaScript in one pass over its
 * bytes, without building the tree. A 10,000-location conf compiles thousands of regexes, each
 * once and mostly in V8's slow tiers, where the tree reader's calls and allocations were
 * ~30 µs a pattern.
 *
 * The output is exactly what `toJsPattern(parsePcre(…))` prints for such a pattern: each piece
 * comes from the same printers and shared sets, and with no atomic group or back reference the
 * PCRE2 group numbers are JavaScript's. Anything else gets `null` — including every pattern
 * PCRE2 refuses — so the full reader runs and reports it as it always did.
 */
import { ALL_BUT_LF, literalNode } from "./pcre-ast.js";
import { bracket } from "./pcre-class.js";
import { CHAR_ESCAPES, CLASS_ESCAPES } from "./pcre-escapes.js";
import { ASSERTIONS, byteAtom, setSource } from "./pcre-to-js.js";

export interface SimpleJsPattern {
  /** The JavaScript regex source, as `toJsPattern` prints it. */
  readonly source: string;
  /** PCRE2's capture count; group `n` is JavaScript group `n`. */
  readonly captureCount: number;
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

/** The JavaScript regex of a simple pattern (see above), or `null` when the full reader must run. */
export function simpleJsPattern(pattern: string, caseless: boolean): SimpleJsPattern | null {
  const end = pattern.length;
  let out = "";
  let captures = 0;
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
        // `(?…)` and `(*…)` are options, other groups, comments, verbs: the full reader's.
        const next = pattern.charCodeAt(p);
        if (next === QUESTION || next === STAR) return null;
        captures++;
        open++;
        out += "(";
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
      case QUESTION: {
        if (!repeatable) return null;
        out += c === STAR ? "*" : c === PLUS ? "+" : "?";
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
      case BRACE:
        // `{n,m}` or a literal brace, with PCRE2's checks: the full reader's.
        return null;
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
  return { source: out, captureCount: captures };
}
