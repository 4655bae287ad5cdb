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
import { allTokens, LBrace, RBrace, Semicolon, TsBody, Word, type TsBodyPayload, type WordPayload } from "./tokens.js";

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

interface Word {
  readonly value: string;
  readonly line: number;
}

class ConfParser extends EmbeddedActionsParser {
  private text = "";
  private file = "";
  /** The blocks being read, innermost last; the first is the file's top level. */
  private open: OpenBlock[] = [];

  constructor() {
    super(allTokens, { recoveryEnabled: false, maxLookahead: 1 });
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

  private word = this.RULE("word", (): Word => {
    const t = this.CONSUME(Word);
    return this.ACTION(() => {
      const p = t.payload as WordPayload;
      if ("problem" in p) this.fail(p.problem.message, p.problem.line ?? lineAt(this.text, p.problem.offset));
      return { value: p.value, line: t.startLine ?? 0 };
    });
  });

  private statement = this.RULE("statement", () => {
    const words: Word[] = [];
    this.AT_LEAST_ONE(() => {
      const w = this.SUBRULE(this.word);
      this.ACTION(() => words.push(w));
    });
    this.OR([
      {
        ALT: () => {
          const t = this.CONSUME(Semicolon);
          this.ACTION(() => this.add(words, t.startLine ?? 0));
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(LBrace);
          let body: IToken | undefined;
          this.OPTION(() => {
            body = this.CONSUME(TsBody);
          });
          this.ACTION(() => this.openBlock(words, t, body));
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(RBrace);
          this.ACTION(() => this.fail('unexpected "}"', t.startLine ?? 0));
        },
      },
      {
        ALT: () => {
          this.CONSUME(EOF);
          this.ACTION(() => this.fail('unexpected end of file, expecting ";" or "}"', this.eofLine()));
        },
      },
    ]);
  });

  conf = this.RULE("conf", () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.statement) },
        {
          ALT: () => {
            const t = this.CONSUME(RBrace);
            this.ACTION(() => this.closeBlock(t));
          },
        },
        {
          // A `;` or `{` with no words before it.
          ALT: () => {
            const t = this.OR2([{ ALT: () => this.CONSUME2(Semicolon) }, { ALT: () => this.CONSUME2(LBrace) }]);
            this.ACTION(() => this.fail(`unexpected "${t.image}"`, t.startLine ?? 0));
          },
        },
      ]);
    });
    this.CONSUME(EOF);
    this.ACTION(() => {
      if (this.open.length > 1) this.fail('unexpected end of file, expecting "}"', this.eofLine());
    });
  });

  private openBlock(words: Word[], brace: IToken, body: IToken | undefined): void {
    const line = brace.startLine ?? 0;
    if (body !== undefined) {
      const p = body.payload as TsBodyPayload;
      if ("problem" in p) this.fail(p.problem.message, p.problem.line ?? lineAt(this.text, p.problem.offset));
      this.add(words, line).tsBody = { text: p.body, line, endLine: body.endLine ?? 0 };
      return;
    }
    const d = this.add(words, line);
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

  private add(words: Word[], line: number): MutableDirective {
    const d: MutableDirective = {
      kind: "directive",
      name: words[0]!.value,
      args: words.slice(1).map((w) => w.value),
      file: this.file,
      line,
      startLine: words[0]!.line,
    };
    this.current().push(d as ConfDirective);
    return d;
  }
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
