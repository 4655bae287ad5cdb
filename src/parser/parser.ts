/**
 * The conf parser: chevrotain turns tokens into statements, nginx's grammar being
 * `word+ (";" | "{" statement* "}")`. Each way the input can go wrong is an explicit alternative
 * that records nginx's message in place and stops, keeping every statement read before it.
 *
 * The grammar is written flat — `(statement | "}" | stray ";" | stray "{")* EOF` with the open
 * blocks on an explicit stack — rather than with a recursive block rule, so nesting depth costs
 * no JavaScript stack (nginx itself accepts 10,000 nested locations).
 */
import { EmbeddedActionsParser, EOF, type IToken } from "./chevrotain.js";
import type { ConfDirective, ConfStatement, ParsedConfFile } from "./ast.js";
import { lexConf } from "./lex-conf.js";
import { lineAt } from "./lexer-rules.js";
import { allTokens, LBrace, RBrace, Semicolon, TsBlock, Word, type TsBlockPayload, type WordPayload } from "./tokens.js";

/** The file name of statements read from `-g`: nginx places their errors "in command line". */
export const COMMAND_LINE = "command line";

/** Thrown inside the parser to stop at the first error; never escapes `parseConfText`. */
class StopParsing {
  constructor(
    readonly message: string,
    readonly line: number,
  ) {}
}

interface MutableDirective extends Omit<ConfDirective, "block" | "tsBody" | "endLine"> {
  block?: ConfStatement[];
  endLine?: number;
  tsBody?: ConfDirective["tsBody"];
}

/** A block being read: its statement list and the directive that opened it (none at top). */
interface OpenBlock {
  readonly statements: ConfStatement[];
  readonly opener: MutableDirective | null;
}

class ConfParser extends EmbeddedActionsParser {
  private text = "";
  private file = "";
  /** The blocks being read, innermost last; the first is the file's top level. */
  private open: OpenBlock[] = [];

  constructor() {
    // skipValidations: the grammar's own checks (ambiguities, left recursion) cost ~5 ms at every
    // start; this fixed grammar is covered by the AST golden files instead.
    super(allTokens, { recoveryEnabled: false, maxLookahead: 1, skipValidations: true });
    this.performSelfAnalysis();
  }

  read(text: string, file: string, tokens: IToken[]): ConfStatement[] {
    this.text = text;
    this.file = file;
    const top: ConfStatement[] = [];
    this.open = [{ statements: top, opener: null }];
    this.input = tokens;
    try {
      this.conf();
    } catch (e) {
      if (!(e instanceof StopParsing)) throw e;
      this.current().push({ kind: "error", message: e.message, file, line: e.line });
    } finally {
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

  private eofLine(): number {
    return lineAt(this.text, this.text.length);
  }

  /**
   * A lexing problem is a word token that swallowed the rest of the input, so it can only be
   * the last word of a statement: whatever ends the statement, that problem comes first.
   */
  private failOnProblem(words: readonly IToken[]): void {
    const p = words[words.length - 1]?.payload as WordPayload | undefined;
    if (p !== undefined && typeof p !== "string") {
      this.fail(p.problem.message, p.problem.line ?? lineAt(this.text, p.problem.offset));
    }
  }

  // One flat rule: a 10,000-location conf is ~90,000 tokens, and every sub-rule call and
  // closure per token shows in `tsresty -t` time. Words are collected as tokens (pushing to a
  // local array is harmless while chevrotain records the grammar) and read when the
  // statement ends.
  conf = this.RULE("conf", () => {
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            const words: IToken[] = [];
            this.AT_LEAST_ONE(() => {
              words.push(this.CONSUME(Word));
            });
            this.OR2([
              {
                ALT: () => {
                  const t = this.CONSUME(Semicolon);
                  this.ACTION(() => this.add(words, t.startLine ?? 0));
                },
              },
              {
                ALT: () => {
                  const t = this.CONSUME(LBrace);
                  this.ACTION(() => this.openBlock(words, t));
                },
              },
              {
                ALT: () => {
                  const t = this.CONSUME(TsBlock);
                  this.ACTION(() => this.addTsBlock(words, t));
                },
              },
              {
                ALT: () => {
                  const t = this.CONSUME(RBrace);
                  this.ACTION(() => {
                    this.failOnProblem(words);
                    this.fail('unexpected "}"', t.startLine ?? 0);
                  });
                },
              },
              {
                ALT: () => {
                  this.CONSUME(EOF);
                  this.ACTION(() => {
                    this.failOnProblem(words);
                    this.fail('unexpected end of file, expecting ";" or "}"', this.eofLine());
                  });
                },
              },
            ]);
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME2(RBrace);
            this.ACTION(() => this.closeBlock(t));
          },
        },
        {
          // A `;` or `{` with no words before it.
          ALT: () => {
            const t = this.OR3([{ ALT: () => this.CONSUME2(Semicolon) }, { ALT: () => this.CONSUME2(LBrace) }]);
            this.ACTION(() => this.fail(`unexpected "${t.image}"`, t.startLine ?? 0));
          },
        },
      ]);
    });
    this.CONSUME2(EOF);
    this.ACTION(() => {
      if (this.open.length > 1) this.fail('unexpected end of file, expecting "}"', this.eofLine());
    });
  });

  /** A `*_by_ts_block { … }`: one token from `{` to `}`, the body kept raw. */
  private addTsBlock(words: readonly IToken[], block: IToken): void {
    this.failOnProblem(words);
    const p = block.payload as TsBlockPayload;
    if ("problem" in p) this.fail(p.problem.message, p.problem.line ?? lineAt(this.text, p.problem.offset));
    const line = block.startLine ?? 0;
    this.add(words, line).tsBody = { text: p.body, line, endLine: line + countLineFeeds(block.image) };
  }

  private openBlock(words: readonly IToken[], brace: IToken): void {
    const d = this.add(words, brace.startLine ?? 0);
    const inner: ConfStatement[] = [];
    d.block = inner;
    this.open.push({ statements: inner, opener: d });
  }

  /** A `}` alone: ends the innermost block; at a file's top level it closes nothing. */
  private closeBlock(brace: IToken): void {
    const line = brace.startLine ?? 0;
    if (this.open.length === 1) this.fail('unexpected "}"', line);
    const closed = this.open.pop()!;
    closed.opener!.endLine = line;
  }

  private add(words: readonly IToken[], line: number): MutableDirective {
    this.failOnProblem(words);
    const args: string[] = [];
    for (let i = 1; i < words.length; i++) args.push(words[i]!.payload as string);
    const d: MutableDirective = {
      kind: "directive",
      name: words[0]!.payload as string,
      args,
      file: this.file,
      line,
      startLine: words[0]!.startLine ?? 0,
    };
    this.current().push(d as ConfDirective);
    return d;
  }
}

function countLineFeeds(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

let shared: ConfParser | undefined;

/**
 * Parses conf text (a latin1 string: one char per byte) into statements. Never throws on bad
 * input: the first error becomes an error statement after everything read before it. Text
 * whose `file` is COMMAND_LINE is a `-g` string (no buffer limit, as in nginx).
 */
export function parseConfText(text: string, file: string): ParsedConfFile {
  const tokens = lexConf(text, file, { buffered: file !== COMMAND_LINE });
  shared ??= new ConfParser();
  return { path: file, text, statements: shared.read(text, file, tokens) };
}
