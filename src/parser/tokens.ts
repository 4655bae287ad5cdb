/**
 * Chevrotain token types for nginx-style confs.
 *
 * nginx's lexer is a byte state machine with context (a quote opens a word only at a word start,
 * `}` does not end a word, a closing quote must be followed by a space, `;`, `{` or `)`), so the
 * word tokens use custom matchers. A lexing problem is not a chevrotain lexer error: it becomes a
 * word token whose payload carries the nginx message and which swallows the rest of the input,
 * so the parser can place the error after every statement read before it (nginx's order).
 */
import { createToken, Lexer, type IToken, type TokenType } from "./chevrotain.js";
import { CONF_BUFFER, isConfSpace, unescapeWord } from "./lexer-rules.js";
import { scanTsBlock } from "./ts-block-scanner.js";

export interface LexProblem {
  readonly message: string;
  /** Byte offset whose line nginx would report. */
  readonly offset: number;
}

export type WordPayload = { readonly value: string } | { readonly problem: LexProblem };

export type TsBodyPayload =
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
function problem(text: string, offset: number, message: string, at: number): Match {
  return match(text.slice(offset), { problem: { message, offset: at } });
}

/** The word-length rule of NGX_CONF_BUFFER: the error fires on a refill, unless the file ended. */
function tooLong(text: string, contentStart: number): boolean {
  return contentStart + CONF_BUFFER < text.length;
}

function scanQuoted(text: string, offset: number): Match {
  const quote = text.charCodeAt(offset);
  const contentStart = offset + 1;
  const n = text.length;
  for (let i = contentStart; i < n; i++) {
    if (i - contentStart >= CONF_BUFFER) break;
    const c = text.charCodeAt(i);
    if (c === 0x5c) {
      i++;
      continue;
    }
    if (c === quote) {
      return match(text.slice(offset, i + 1), { value: unescapeWord(text.slice(contentStart, i)) });
    }
  }
  if (n - contentStart >= CONF_BUFFER && tooLong(text, contentStart)) {
    const q = String.fromCharCode(quote);
    return problem(text, offset, `too long parameter, probably missing terminating "${q}" character`, offset);
  }
  return problem(text, offset, EOF_EXPECTING, n);
}

function scanUnquoted(text: string, offset: number): Match {
  const n = text.length;
  let afterDollar = false;
  for (let i = offset; i < n; i++) {
    if (i - offset >= CONF_BUFFER) break;
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
      return match(raw, { value: unescapeWord(raw) });
    }
  }
  if (n - offset >= CONF_BUFFER && tooLong(text, offset)) {
    return problem(text, offset, `too long parameter "${text.slice(offset, offset + 10)}..." started`, offset);
  }
  return problem(text, offset, EOF_EXPECTING, n);
}

export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /[ \t\r\n]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

export const Comment = createToken({ name: "Comment", pattern: /#[^\n]*/, group: Lexer.SKIPPED });
export const Semicolon = createToken({ name: "Semicolon", pattern: /;/ });
export const LBrace = createToken({ name: "LBrace", pattern: /{/ });
export const RBrace = createToken({ name: "RBrace", pattern: /}/ });

/** Any word; the category the parser consumes. */
export const Word = createToken({ name: "Word", pattern: Lexer.NA });

/** nginx's `need_space`: after a closing quote only space, `;`, `{` or `)` may follow. */
export const AfterQuote = createToken({
  name: "AfterQuote",
  categories: [Word],
  line_breaks: true,
  pattern: {
    exec(text: string, offset: number, tokens: IToken[]): Match | null {
      const last = tokens[tokens.length - 1];
      if (last === undefined || last.tokenType !== QuotedWord || last.endOffset !== offset - 1) return null;
      const c = text.charCodeAt(offset);
      if (isConfSpace(c) || c === 0x3b || c === 0x7b || c === 0x29 /* ) */) return null;
      return problem(text, offset, `unexpected "${text[offset]}"`, offset);
    },
  },
});

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

export const UnquotedWord = createToken({
  name: "UnquotedWord",
  categories: [Word],
  line_breaks: true,
  pattern: {
    exec(text: string, offset: number): Match | null {
      const c = text.charCodeAt(offset);
      if (offset >= text.length || isConfSpace(c)) return null;
      if (c === 0x3b || c === 0x7b || c === 0x7d || c === 0x23 || c === 0x22 || c === 0x27) return null;
      return scanUnquoted(text, offset);
    },
  },
});

const TS_BLOCK_SUFFIX = "_by_ts_block";

/** True when the `{` just read opens a `*_by_ts_block` statement. */
function opensTsBlock(tokens: IToken[]): boolean {
  const brace = tokens[tokens.length - 1];
  if (brace === undefined || brace.tokenType !== LBrace) return false;
  let first: IToken | undefined;
  for (let i = tokens.length - 2; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.tokenType !== UnquotedWord && t.tokenType !== QuotedWord) break;
    first = t;
  }
  if (first === undefined) return false;
  const payload = first.payload as WordPayload;
  return "value" in payload && payload.value.endsWith(TS_BLOCK_SUFFIX);
}

/**
 * The raw body of a `*_by_ts_block`, up to and including its closing `}`, found by a
 * TypeScript-aware scanner (strings, templates, comments and regexes do not count braces).
 */
export const TsBody = createToken({
  name: "TsBody",
  line_breaks: true,
  pattern: {
    exec(text: string, offset: number, tokens: IToken[]): Match | null {
      if (!opensTsBlock(tokens)) return null;
      const scan = scanTsBlock(text, offset);
      if (!scan.ok) {
        return problem(
          text,
          offset,
          "unexpected end of file, expecting terminating characters for ts code block",
          scan.lastOpenBrace,
        );
      }
      return match(text.slice(offset, scan.end + 1), {
        body: text.slice(offset, scan.end),
        closeOffset: scan.end,
      });
    },
  },
});

export const allTokens: TokenType[] = [
  TsBody,
  AfterQuote,
  WhiteSpace,
  Comment,
  Semicolon,
  LBrace,
  RBrace,
  QuotedWord,
  UnquotedWord,
  Word,
];

export const confLexer = new Lexer(allTokens, {
  positionTracking: "full",
  lineTerminatorsPattern: /\n/g,
  lineTerminatorCharacters: ["\n"],
  ensureOptimizations: false,
  skipValidations: true,
});
