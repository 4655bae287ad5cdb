/**
 * The tokens the chevrotain parser reads.
 *
 * nginx splits reading a conf in two: `ngx_conf_read_token` returns one statement at a time
 * (its words and how it ended: `;`, `{`, `}` or the end of the file) and reports what is wrong
 * inside a statement; `ngx_conf_parse` nests the blocks and reports what is wrong between them.
 * tsresty keeps that split: the conf lexer (conf-lexer.ts) is a hand-written byte state machine
 * that makes one token per statement, and the chevrotain grammar (parser.ts) builds the tree.
 *
 * Why not chevrotain's own lexer: nginx's lexing is contextual (a quote opens a word only at a
 * word start, `}` does not end a word, a closing quote must be followed by a space, `;`, `{` or
 * `)`, the `{` after a `*_by_ts_block` opens raw code), so every word needed a custom matcher,
 * and a 10,000-location conf is ~90,000 words read once per process start: the generic lexer
 * with one token object per word spent ~60 ms and most of the garbage where one pass making
 * one token per statement spends a few.
 */
import { createToken, Lexer, type TokenType } from "./chevrotain.js";
import type { ConfDirective, ConfStatement, TsBlockBody } from "./ast.js";

export interface LexProblem {
  readonly message: string;
  /** Byte offset whose line nginx would report. */
  readonly offset: number;
  /** The line to report when it is not the line of `offset` (nginx's `start_line`). */
  readonly line?: number;
}

/**
 * What every token carries. chevrotain, with no token categories and no error recovery, reads
 * nothing of a token but `tokenTypeIdx` (its matcher compares that number), so the tokens do
 * not carry chevrotain's other IToken fields: a statement's token is kept as its AST node, and
 * every field is paid for once per statement of the conf.
 */
export interface ConfToken {
  readonly tokenTypeIdx: number;
  /** The offset of the `;`, `{` or `}` that ended the token; a problem's is the text's last byte. */
  readonly endOffset: number;
}

/**
 * A statement's token is also its AST node: the parser files it into its block as it is,
 * setting `block` and `endLine` when the block closes. One object per statement instead of a
 * token and a copy of it halves what a big conf allocates while it is read, all of it kept
 * alive (and copied by the garbage collector) until the parse ends. The fields are
 * ConfDirective's, with `block` and `endLine` always present and writable.
 */
export interface StatementToken extends ConfToken, Omit<ConfDirective, "block" | "endLine" | "tsBody"> {
  block: ConfStatement[] | undefined;
  endLine: number | undefined;
  readonly tsBody: TsBlockBody | undefined;
}

/** A `}` with no words before it, or the problem that ends the token list. */
export interface MarkToken extends ConfToken {
  readonly line: number;
  readonly problem: LexProblem | undefined;
}

function tokenType(name: string): TokenType {
  return createToken({ name, pattern: Lexer.NA });
}

/** `words… ;` */
export const Statement = tokenType("Statement");
/** `words… {`: opens a block. */
export const BlockStatement = tokenType("BlockStatement");
/** `name_by_ts_block words… { raw code }`. */
export const TsBlockStatement = tokenType("TsBlockStatement");
/** A `}` with no words before it: closes a block. */
export const RBrace = tokenType("RBrace");
/** What stopped the lexer (nginx's message); always the last token. */
export const Problem = tokenType("Problem");

export const allTokens: TokenType[] = [Statement, BlockStatement, TsBlockStatement, RBrace, Problem];
