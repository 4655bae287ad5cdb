/**
 * The conf parser: chevrotain turns tokens into statements, nginx's grammar being
 * `word+ (";" | "{" statement* "}")`. Each way the input can go wrong is an explicit alternative
 * that records nginx's message in place and stops, keeping every statement read before it.
 */
import { EmbeddedActionsParser, EOF, type IToken } from "./chevrotain.js";
import type { ConfDirective, ConfStatement, ParsedConfFile } from "./ast.js";
import { lineAt } from "./lexer-rules.js";
import {
  allTokens,
  confLexer,
  LBrace,
  RBrace,
  Semicolon,
  TsBody,
  Word,
  type TsBodyPayload,
  type WordPayload,
} from "./tokens.js";

/** Thrown inside the parser to stop at the first error; never escapes `parseConf`. */
class StopParsing {
  constructor(readonly message: string, readonly line: number) {}
}

interface MutableDirective extends Omit<ConfDirective, "block" | "tsBody"> {
  block?: ConfStatement[];
  tsBody?: ConfDirective["tsBody"];
}

class ConfParser extends EmbeddedActionsParser {
  private text = "";
  private file = "";
  /** Statement lists of the blocks being read, innermost last. */
  private open: ConfStatement[][] = [];

  constructor() {
    super(allTokens, { recoveryEnabled: false, maxLookahead: 1 });
    this.performSelfAnalysis();
  }

  read(text: string, file: string, tokens: IToken[]): ConfStatement[] {
    this.text = text;
    this.file = file;
    const top: ConfStatement[] = [];
    this.open = [top];
    this.input = tokens;
    try {
      this.conf();
    } catch (e) {
      if (!(e instanceof StopParsing)) throw e;
      this.open[this.open.length - 1]!.push({ kind: "error", message: e.message, file, line: e.line });
    }
    return top;
  }

  private fail(message: string, line: number): never {
    throw new StopParsing(message, line);
  }

  private eofLine(): number {
    return lineAt(this.text, this.text.length);
  }

  private word = this.RULE("word", () => {
    const t = this.CONSUME(Word);
    return this.ACTION(() => {
      const p = t.payload as WordPayload;
      if ("problem" in p) this.fail(p.problem.message, lineAt(this.text, p.problem.offset));
      return { value: p.value, line: t.startLine ?? 0 };
    });
  });

  /** A `;` or `{` with no words before it. */
  private strayTerminator = this.RULE("strayTerminator", () => {
    const t = this.OR([{ ALT: () => this.CONSUME(Semicolon) }, { ALT: () => this.CONSUME(LBrace) }]);
    this.ACTION(() => this.fail(`unexpected "${t.image}"`, t.startLine ?? 0));
  });

  private statement = this.RULE("statement", () => {
    const words: { value: string; line: number }[] = [];
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
          this.OR2([
            {
              ALT: () => {
                const body = this.CONSUME(TsBody);
                this.ACTION(() => {
                  const p = body.payload as TsBodyPayload;
                  if ("problem" in p) this.fail(p.problem.message, lineAt(this.text, p.problem.offset));
                  const d = this.add(words, t.startLine ?? 0);
                  d.tsBody = { text: p.body, line: t.startLine ?? 0, endLine: body.endLine ?? 0 };
                });
              },
            },
            {
              ALT: () => {
                let inner: ConfStatement[] = [];
                this.ACTION(() => {
                  inner = [];
                  this.add(words, t.startLine ?? 0).block = inner;
                  this.open.push(inner);
                });
                this.SUBRULE(this.blockBody);
                this.ACTION(() => this.open.pop());
              },
            },
          ]);
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

  private statements = this.RULE("statements", () => {
    this.MANY(() => {
      this.OR([{ ALT: () => this.SUBRULE(this.statement) }, { ALT: () => this.SUBRULE(this.strayTerminator) }]);
    });
  });

  private blockBody = this.RULE("blockBody", () => {
    this.SUBRULE(this.statements);
    this.OR([
      { ALT: () => this.CONSUME(RBrace) },
      {
        ALT: () => {
          this.CONSUME(EOF);
          this.ACTION(() => this.fail('unexpected end of file, expecting "}"', this.eofLine()));
        },
      },
    ]);
  });

  conf = this.RULE("conf", () => {
    this.SUBRULE(this.statements);
    this.OR([
      { ALT: () => this.CONSUME(EOF) },
      {
        ALT: () => {
          const t = this.CONSUME(RBrace);
          this.ACTION(() => this.fail('unexpected "}"', t.startLine ?? 0));
        },
      },
    ]);
  });

  private add(words: { value: string; line: number }[], line: number): MutableDirective {
    const d: MutableDirective = {
      kind: "directive",
      name: words[0]!.value,
      args: words.slice(1).map((w) => w.value),
      file: this.file,
      line,
      startLine: words[0]!.line,
    };
    this.open[this.open.length - 1]!.push(d as ConfDirective);
    return d;
  }
}

let shared: ConfParser | undefined;

/** Parses conf text (a latin1 string: one char per byte) into statements. Never throws on bad input. */
export function parseConfText(text: string, file: string): ParsedConfFile {
  const lexed = confLexer.tokenize(text);
  if (lexed.errors.length > 0) {
    // The word matchers accept every byte, so this means a bug in the token rules.
    const e = lexed.errors[0]!;
    throw new Error(`internal lexer error at ${file}:${e.line}: ${e.message}`);
  }
  shared ??= new ConfParser();
  return { path: file, text, statements: shared.read(text, file, lexed.tokens) };
}
