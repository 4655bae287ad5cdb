/**
 * Chevrotain token types for nginx-style confs.
 *
 * nginx's lexer is a byte state machine with context (a quote opens a word only at a word start,
 * `}` does not end a word, a closing quote must be followed by a space, `;`, `{` or `)`), so the
 * word tokens use custom matchers. A lexing problem is not a chevrotain lexer error: it becomes a
 * token whose payload carries the nginx message and which swallows the rest of the input, so
 * the parser can place the error after every statement read before it (nginx's order).
 * The 4096-byte limit is not checked here: it depends on buffer boundaries (conf-buffer.ts).
 *
 * Every token declares the bytes it can start with, so chevrotain's first-character
 * optimisation applies: at each offset only the candidates for that byte are tried (without
 * it, every matcher runs at every offset — 3x slower on a 10,000-location conf).
 */
import { createToken, Lexer, type IToken, type TokenType } from "./chevrotain.js";
import { isConfSpace, unescapeWord } from "./lexer-rules.js";
import { scanTsBlock } from "./ts-block-scanner.js";

export interface LexProblem {
  readonly message: string;
  /** Byte offset whose line nginx would report. */
  readonly offset: number;
  /** The line to report when it is not the line of `offset` (nginx's `start_line`). */
  readonly line?: number;
}

/** A word's value (unescaped, as a latin1 string), or the problem that ended lexing there. */
export type WordPayload = string | WordProblem;

export interface WordProblem {
  readonly problem: LexProblem;
  /** A quoted word that closed but was followed by a byte nginx rejects: its closing quote. */
  readonly quoteClosedAt?: number;
}

export type TsBlockPayload =
  | { readonly body: string; readonly closeOffset: number }
  | { readonly problem: LexProblem };

const EOF_EXPECTING = 'unexpected end of file, expecting ";" or "}"';

type Match = RegExpExecArray & { payload?: unknown };

function match(image: string, payload: unknown): Match {
  const m = [image] as unknown as Match;
  m.payload = payload;
  return m;
}

/** A problem token swallows everything left, so lexing stops at the first problem. */
function problem(text: string, offset: number, message: string, at: number, extra: object = {}): Match {
  return match(text.slice(offset), { problem: { message, offset: at }, ...extra });
}

/** nginx's `need_space`: after a closing quote only a space, `;`, `{` or `)` may follow. */
function mayFollowQuote(c: number): boolean {
  return isConfSpace(c) || c === 0x3b /* ; */ || c === 0x7b /* { */ || c === 0x29 /* ) */;
}

function scanQuoted(text: string, offset: number): Match {
  const quote = text.charCodeAt(offset);
  const contentStart = offset + 1;
  const n = text.length;
  for (let i = contentStart; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) {
      i++;
      continue;
    }
    if (c === quote) {
      const next = i + 1;
      if (next < n && !mayFollowQuote(text.charCodeAt(next))) {
        return problem(text, offset, `unexpected "${text[next]}"`, next, { quoteClosedAt: i });
      }
      return match(text.slice(offset, i + 1), unescapeWord(text.slice(contentStart, i)));
    }
  }
  return problem(text, offset, EOF_EXPECTING, n);
}

function scanUnquoted(text: string, offset: number): Match {
  const n = text.length;
  let afterDollar = false;
  for (let i = offset; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ && afterDollar) continue; // `${var}` survives unquoted
    afterDollar = false;
    if (c === 0x5c /* \ */) {
      i++;
      continue;
    }
    if (c === 0x24 /* $ */) {
      afterDollar = true;
      continue;
    }
    if (isConfSpace(c) || c === 0x3b /* ; */ || c === 0x7b /* { */) {
      const raw = text.slice(offset, i);
      return match(raw, unescapeWord(raw));
    }
  }
  return problem(text, offset, EOF_EXPECTING, n);
}

export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /[ \t\r\n]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

/** Comments are kept in a group: the buffer rule (conf-buffer.ts) needs to know where they are. */
export const Comment = createToken({ name: "Comment", pattern: /#[^\n]*/, group: "comments" });
export const Semicolon = createToken({ name: "Semicolon", pattern: ";" });
export const LBrace = createToken({ name: "LBrace", pattern: "{" });
export const RBrace = createToken({ name: "RBrace", pattern: "}" });

/** Any word; the category the parser consumes. */
export const Word = createToken({ name: "Word", pattern: Lexer.NA });

export const QuotedWord = createToken({
  name: "QuotedWord",
  categories: [Word],
  line_breaks: true,
  start_chars_hint: ['"', "'"],
  pattern: {
    exec(text: string, offset: number): Match | null {
      const c = text.charCodeAt(offset);
      return c === 0x22 || c === 0x27 ? scanQuoted(text, offset) : null;
    },
  },
});

/** Bytes that cannot start an unquoted word: whitespace, terminators, `#` and quotes. */
const NOT_WORD_START = new Set([" ", "\t", "\r", "\n", ";", "{", "}", "#", '"', "'"]);
/** NOT_WORD_START by char code (the text is latin1: one char per byte), for the per-token test. */
const NOT_WORD_START_CODE = new Uint8Array(256);
for (const c of NOT_WORD_START) NOT_WORD_START_CODE[c.charCodeAt(0)] = 1;

export const UnquotedWord = createToken({
  name: "UnquotedWord",
  categories: [Word],
  line_breaks: true,
  start_chars_hint: Array.from({ length: 256 }, (_, c) => String.fromCharCode(c)).filter((c) => !NOT_WORD_START.has(c)),
  pattern: {
    exec(text: string, offset: number): Match | null {
      if (offset >= text.length) return null;
      const c = text.charCodeAt(offset);
      return (c < 256 ? NOT_WORD_START_CODE[c] === 0 : true) ? scanUnquoted(text, offset) : null;
    },
  },
});

const TS_BLOCK_SUFFIX = "_by_ts_block";

/** True when the statement being read (the words since the last terminator) is a `*_by_ts_block`. */
function inTsBlockStatement(tokens: IToken[]): boolean {
  let first: IToken | undefined;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.tokenType !== UnquotedWord && t.tokenType !== QuotedWord) break;
    first = t;
  }
  if (first === undefined) return false;
  const payload = first.payload as WordPayload;
  return typeof payload === "string" && payload.endsWith(TS_BLOCK_SUFFIX);
}

/**
 * The `{ … }` of a `*_by_ts_block`, with the raw body between the braces, found by a
 * TypeScript-aware scanner (strings, templates, comments and regexes do not count braces).
 */
export const TsBlock = createToken({
  name: "TsBlock",
  line_breaks: true,
  start_chars_hint: ["{"],
  pattern: {
    exec(text: string, offset: number, tokens: IToken[]): Match | null {
      if (text.charCodeAt(offset) !== 0x7b || !inTsBlockStatement(tokens)) return null;
      const scan = scanTsBlock(text, offset + 1);
      if (!scan.ok) {
        return problem(
          text,
          offset,
          "unexpected end of file, expecting terminating characters for ts code block",
          scan.lastOpenBrace,
        );
      }
      return match(text.slice(offset, scan.end + 1), {
        body: text.slice(offset + 1, scan.end),
        closeOffset: scan.end,
      });
    },
  },
});

export const allTokens: TokenType[] = [WhiteSpace, Comment, Semicolon, TsBlock, LBrace, RBrace, QuotedWord, UnquotedWord, Word];

export const confLexer = new Lexer(allTokens, {
  // Start positions only: the parser counts the line feeds of a `*_by_ts_block` body itself,
  // and nothing else needs end positions.
  positionTracking: "onlyStart",
  lineTerminatorsPattern: /\n/g,
  lineTerminatorCharacters: ["\n"],
  skipValidations: true,
});
