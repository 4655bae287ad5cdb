/**
 * The conf parser: chevrotain nests the lexer's statements into blocks, the part of nginx's
 * reading done by `ngx_conf_parse` (the lexer is `ngx_conf_read_token`: see tokens.ts). The
 * grammar is `(statement | block-statement statement* "}" | ts-block-statement)* EOF`; each
 * way the input can go wrong is an explicit alternative that records nginx's message in place
 * and stops, keeping every statement read before it.
 *
 * The grammar is written flat — one loop over the tokens with the open blocks on an explicit
 * stack — rather than with a recursive block rule, so nesting depth costs no JavaScript stack
 * (nginx itself accepts 10,000 nested locations).
 */
import { EmbeddedActionsParser, EOF, type IToken, type TokenType } from "./chevrotain.js";
import type { ConfStatement, ParsedConfFile } from "./ast.js";
import { lexConf } from "./conf-lexer.js";
import { lineAt } from "./lexer-rules.js";
import { allTokens, BlockStatement, Problem, RBrace, Statement, TsBlockStatement, type ConfToken, type MarkToken, type StatementToken } from "./tokens.js";

/** The file name of statements read from `-g`: nginx places their errors "in command line". */
export const COMMAND_LINE = "command line";

/** Thrown inside the parser to stop at the first error; never escapes `parseConfText`. */
class StopParsing {
  constructor(
    readonly message: string,
    readonly line: number,
  ) {}
}

/** A block being read: its statement list and the directive that opened it (none at top). */
interface OpenBlock {
  readonly statements: ConfStatement[];
  readonly opener: StatementToken | null;
}

class ConfParser extends EmbeddedActionsParser {
  private text = "";
  /** The blocks being read, innermost last; the first is the file's top level. */
  private open: OpenBlock[] = [];

  constructor() {
    // skipValidations: the grammar's own checks (ambiguities, left recursion) cost ~5 ms at every
    // start; this fixed grammar is covered by the AST golden files instead.
    super(allTokens, { recoveryEnabled: false, maxLookahead: 1, skipValidations: true });
    this.performSelfAnalysis();
  }

  read(text: string, file: string, tokens: ConfToken[]): ConfStatement[] {
    this.text = text;
    const top: ConfStatement[] = [];
    this.open = [{ statements: top, opener: null }];
    // chevrotain reads only tokenTypeIdx of our tokens (see ConfToken).
    this.input = tokens as unknown as IToken[];
    try {
      this.conf();
    } catch (e) {
      if (!(e instanceof StopParsing)) throw e;
      this.current().push({ kind: "error", message: e.message, file, line: e.line });
    } finally {
      // The shared parser would otherwise keep the last file's tokens alive for the whole load.
      this.input = [];
      this.open = [];
      this.text = "";
    }
    return top;
  }

  private current(): ConfStatement[] {
    return this.open[this.open.length - 1]!.statements;
  }

  private fail(message: string, line: number): never {
    throw new StopParsing(message, line);
  }

  // What one statement can be. The alternatives are built once: chevrotain's OR takes an array,
  // and a literal here would allocate the array, 5 objects and 5 closures per statement (the
  // ACTION wrappers one more each) — the parser's main cost on a 10,000-location conf. Actions
  // run only outside chevrotain's grammar-recording pass.
  private readonly statementKinds = [
    { ALT: () => this.take(Statement, this.add) },
    { ALT: () => this.take(BlockStatement, this.openBlock) },
    { ALT: () => this.take(TsBlockStatement, this.add) },
    { ALT: () => this.take(RBrace, this.closeBlock) },
    { ALT: () => this.take(Problem, this.stop) },
  ];

  conf = this.RULE("conf", () => {
    this.MANY(() => this.OR(this.statementKinds));
    this.CONSUME(EOF);
    if (!this.RECORDING_PHASE && this.open.length > 1) {
      this.fail('unexpected end of file, expecting "}"', lineAt(this.text, this.text.length));
    }
  });

  /** Consumes a token of `type`; its kind of token is the one `action` takes. */
  private take<T extends ConfToken>(type: TokenType, action: (t: T) => unknown): void {
    const t = this.CONSUME(type) as unknown as T;
    if (!this.RECORDING_PHASE) action.call(this, t);
  }

  private stop(t: MarkToken): never {
    const p = t.problem!;
    this.fail(p.message, p.line ?? lineAt(this.text, p.offset));
  }

  private openBlock(t: StatementToken): void {
    this.add(t);
    const inner: ConfStatement[] = [];
    t.block = inner;
    this.open.push({ statements: inner, opener: t });
  }

  /** A `}` alone: ends the innermost block; at a file's top level it closes nothing. */
  private closeBlock(brace: MarkToken): void {
    if (this.open.length === 1) this.fail('unexpected "}"', brace.line);
    const closed = this.open.pop()!;
    closed.opener!.endLine = brace.line;
    // A copy of the exact size: the list grew by push and keeps room for 17 statements, while
    // most blocks (locations) hold one or two.
    closed.opener!.block = closed.statements.slice();
  }

  private add(t: StatementToken): void {
    this.current().push(t);
  }
}

let shared: ConfParser | undefined;

/**
 * Parses conf text (a latin1 string: one char per byte) into statements. Never throws on bad
 * input: the first error becomes an error statement after everything read before it. Text
 * whose `file` is COMMAND_LINE is a `-g` string (no buffer limit, as in nginx).
 */
export function parseConfText(text: string, file: string): ParsedConfFile {
  const tokens = lexConf(text, { file, buffered: file !== COMMAND_LINE });
  shared ??= new ConfParser();
  return { path: file, text, statements: shared.read(text, file, tokens) };
}
