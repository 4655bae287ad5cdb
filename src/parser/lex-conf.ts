/**
 * Lexing a conf: chevrotain's token stream, plus nginx's buffer-refill failure spliced in where
 * nginx would meet it (a problem token that ends the stream), so the parser reports it in order.
 */
import { createTokenInstance, type IToken } from "./chevrotain.js";
import { findBufferOverflow, type ScannedSpan, type SpanBefore } from "./conf-buffer.js";
import { confLexer, LBrace, QuotedWord, RBrace, Semicolon, TsBlock, UnquotedWord, type WordPayload } from "./tokens.js";

export interface LexOptions {
  /**
   * `-g` strings are lexed from memory, without buffer refills, so they have no length limit.
   * Files are read through nginx's 4096-byte buffer.
   */
  readonly buffered: boolean;
}

/** The offset of a token's last byte (the lexer tracks start positions only). */
function lastByte(t: IToken): number {
  return t.startOffset + t.image.length - 1;
}

function spanOf(t: IToken): ScannedSpan | null {
  const start = t.startOffset;
  const end = lastByte(t);
  switch (t.tokenType) {
    case UnquotedWord:
      return { start, end, kind: "word" };
    case QuotedWord: {
      const p = t.payload as WordPayload;
      return { start, end, kind: "quoted", close: typeof p === "string" ? end : (p.quoteClosedAt ?? Infinity) };
    }
    case Semicolon:
    case LBrace:
    case RBrace:
      return { start, end, kind: "terminator" };
    case TsBlock:
      return { start, end, kind: "opaque" };
    default:
      return null;
  }
}

/**
 * Walks tokens and comments (each list in file order) for `findBufferOverflow`, making a span
 * only for the few offsets it asks about.
 */
function spanWalker(tokens: readonly IToken[], comments: readonly IToken[]): SpanBefore {
  let t = -1;
  let c = -1;
  return (offset) => {
    while (t + 1 < tokens.length && tokens[t + 1]!.startOffset <= offset) t++;
    while (c + 1 < comments.length && comments[c + 1]!.startOffset <= offset) c++;
    const token = t >= 0 ? tokens[t] : undefined;
    const comment = c >= 0 ? comments[c] : undefined;
    if (comment !== undefined && (token === undefined || comment.startOffset > token.startOffset)) {
      return { start: comment.startOffset, end: lastByte(comment), kind: "comment" };
    }
    return token === undefined ? undefined : (spanOf(token) ?? undefined);
  };
}

/** The byte where nginx's lexer stops by itself: a byte it rejects after a quote, else the end of input. */
function stopOffset(text: string, tokens: readonly IToken[]): number {
  const last = tokens[tokens.length - 1];
  if (last !== undefined && last.tokenType === QuotedWord) {
    const p = last.payload as WordPayload;
    if (typeof p !== "string" && p.quoteClosedAt !== undefined) return p.problem.offset;
  }
  return text.length;
}

export function lexConf(text: string, file: string, opts: LexOptions): IToken[] {
  const lexed = confLexer.tokenize(text);
  if (lexed.errors.length > 0) {
    // The word matchers accept every byte, so this means a bug in the token rules.
    const e = lexed.errors[0]!;
    throw new Error(`internal lexer error at ${file}:${e.line}: ${e.message}`);
  }
  const tokens = lexed.tokens;
  if (!opts.buffered || text.length <= 4096) return tokens;
  const comments = (lexed.groups as Record<string, IToken[] | undefined>)["comments"] ?? [];
  const overflow = findBufferOverflow(text, spanWalker(tokens, comments), stopOffset(text, tokens));
  if (overflow === null) return tokens;
  const kept = tokens.filter((t) => lastByte(t) < overflow.offset);
  const failure = createTokenInstance(UnquotedWord, text.slice(overflow.offset), overflow.offset, text.length - 1, overflow.line, overflow.line, 0, 0);
  failure.payload = { problem: { message: overflow.message, offset: overflow.offset, line: overflow.line } };
  kept.push(failure);
  return kept;
}
