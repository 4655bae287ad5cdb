/**
 * The conf lexer: one pass over the bytes with nginx's `ngx_conf_read_token` rules
 * (nginx-conf.md §1.2), making one token per statement for the chevrotain parser. Like nginx's
 * reader it stops at the first problem inside a statement (a stray `;` or `{`, words cut off by
 * `}` or the end of the file, a bad byte after a quote, an unterminated ts block); the problem
 * becomes the last token. nginx's buffer-refill failure (conf-buffer.ts) is spliced in where
 * nginx would meet it, so the parser reports every problem in nginx's order.
 */
import { findBufferOverflow, type ScannedSpan, type SpanBefore } from "./conf-buffer.js";
import { CONF_BUFFER, isConfSpace, unescapeWord } from "./lexer-rules.js";
import { BlockStatement, Problem, RBrace, Statement, TsBlockStatement, type ConfToken, type LexProblem, type MarkToken, type StatementToken } from "./tokens.js";
import { scanTsBlock } from "./ts-block-scanner.js";
import type { TokenType } from "./chevrotain.js";
import type { TsBlockBody } from "./ast.js";

export interface LexOptions {
  /** The file name statements carry (COMMAND_LINE for `-g`). */
  readonly file: string;
  /**
   * `-g` strings are lexed from memory, without buffer refills, so they have no length limit.
   * Files are read through nginx's 4096-byte buffer.
   */
  readonly buffered: boolean;
}

const LF = 0x0a;
const DQUOTE = 0x22;
const HASH = 0x23;
const DOLLAR = 0x24;
const SQUOTE = 0x27;
const RPAREN = 0x29;
const SEMICOLON = 0x3b;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;

const EOF_EXPECTING = 'unexpected end of file, expecting ";" or "}"';
const TS_BLOCK_SUFFIX = "_by_ts_block";
const NO_ARGS: readonly string[] = Object.freeze([]);

/** nginx's `need_space`: after a closing quote only a space, `;`, `{` or `)` may follow. */
function mayFollowQuote(c: number): boolean {
  return isConfSpace(c) || c === SEMICOLON || c === LBRACE || c === RPAREN;
}

/** A `}` or a problem: tokens the parser reads but does not keep. */
function makeMark(type: TokenType, end: number, line: number, problem: LexProblem | undefined): MarkToken {
  return { tokenTypeIdx: type.tokenTypeIdx!, endOffset: end, line, problem };
}

/** A statement: the token is the AST node (see StatementToken). */
function makeStatement(
  type: TokenType,
  file: string,
  end: number,
  startLine: number,
  line: number,
  name: string,
  args: readonly string[],
  tsBody: TsBlockBody | undefined,
): StatementToken {
  return {
    kind: "directive",
    name,
    args,
    file,
    line,
    startLine,
    block: undefined,
    endLine: undefined,
    tsBody,
    tokenTypeIdx: type.tokenTypeIdx!,
    endOffset: end,
  };
}

/**
 * What nginx's buffer rule needs to know about the bytes read (conf-buffer.ts): for each word,
 * terminator, comment and ts block, in file order, `start, end, kind, close` as four numbers
 * (no object per word). Only kept for files longer than one buffer.
 */
class SpanLog {
  readonly cells: number[] = [];

  add(start: number, end: number, kind: number, close = 0): void {
    this.cells.push(start, end, kind, close);
  }
}

const SPAN_KINDS: readonly ScannedSpan["kind"][] = ["word", "quoted", "terminator", "comment", "opaque"];
const WORD = 0;
const QUOTED = 1;
const TERMINATOR = 2;
const COMMENT = 3;
const OPAQUE = 4;

/** Answers `findBufferOverflow`'s questions, asked with growing offsets. */
function spanWalker(log: SpanLog): SpanBefore {
  const cells = log.cells;
  let at = -4;
  return (offset) => {
    while (at + 4 < cells.length && cells[at + 4]! <= offset) at += 4;
    if (at < 0) return undefined;
    const kind = SPAN_KINDS[cells[at + 2]!]!;
    const span: ScannedSpan = { start: cells[at]!, end: cells[at + 1]!, kind };
    return kind === "quoted" ? { ...span, close: cells[at + 3]! } : span;
  };
}

/**
 * Line numbers of offsets asked in increasing order: nginx counts LF only (CRLF files count
 * once). Found with indexOf between statements rather than counted byte by byte in the loops.
 */
class LineCursor {
  private line = 1;
  private nextLf: number;

  constructor(private readonly text: string) {
    this.nextLf = text.indexOf("\n");
  }

  at(offset: number): number {
    while (this.nextLf !== -1 && this.nextLf < offset) {
      this.line++;
      this.nextLf = this.text.indexOf("\n", this.nextLf + 1);
    }
    return this.line;
  }
}

// Runs of bytes with no meaning to the loop, skipped by the regex engine (sticky, `test` only:
// no match object). The loop itself only looks at the bytes that end or change a run.
const SPACE_RUN = /[ \t\r\n]*/y;
const WORD_RUN = /[^ \t\r\n;{\\$]*/y;
const DOUBLE_QUOTED_RUN = /[^"\\]*/y;
const SINGLE_QUOTED_RUN = /[^'\\]*/y;

/** Where a sticky run regex that matches the empty string stops when started at `from`. */
function runEnd(run: RegExp, text: string, from: number): number {
  run.lastIndex = from;
  run.test(text);
  return run.lastIndex;
}

/**
 * A word, quoted word or comment this long may be what nginx's 4096-byte buffer cannot hold:
 * a refill fails only when nginx's `start` has not moved for a whole buffer, which takes one
 * span of at least CONF_BUFFER - 1 bytes (see `startBefore` in conf-buffer.ts).
 */
const MAY_OVERFLOW = CONF_BUFFER - 1;

interface Scanned {
  readonly tokens: ConfToken[];
  /** The byte at which nginx's reader stops by itself: the problem's byte, or the end of input. */
  readonly stop: number;
  /** Some span was long enough that the buffer rule must be checked. */
  readonly long: boolean;
}

/** One pass over a conf's text; a problem ends the token list. */
class Scanner {
  private readonly tokens: ConfToken[] = [];
  private readonly lines: LineCursor;
  private readonly n: number;
  private long = false;
  // The statement being read.
  private name: string | null = null;
  /**
   * The statement's arguments so far. One array reused for every statement and copied at its
   * end: an array that grows by push keeps room for 17 items, ~3 MB of garbage-collected
   * memory over a 10,000-location conf whose statements have one or two arguments.
   */
  private readonly args: string[] = [];
  /** How many of `args` belong to the statement (the rest are stale, overwritten next). */
  private argc = 0;
  private stmtLine = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly spans: SpanLog | null,
  ) {
    this.lines = new LineCursor(text);
    this.n = text.length;
  }

  scan(): Scanned {
    const { text, n, spans } = this;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      switch (c) {
        case 0x20:
        case 0x09:
        case 0x0d:
        case LF:
          i = runEnd(SPACE_RUN, text, i);
          continue;
        case HASH: {
          const lf = text.indexOf("\n", i);
          const end = lf === -1 ? n : lf;
          if (end - i >= MAY_OVERFLOW) this.long = true;
          spans?.add(i, end - 1, COMMENT);
          i = end;
          continue;
        }
        case SEMICOLON:
          spans?.add(i, i, TERMINATOR);
          if (this.name === null) return this.fail('unexpected ";"', i, i);
          this.statement(Statement, i, this.lines.at(i));
          i++;
          continue;
        case RBRACE:
          spans?.add(i, i, TERMINATOR);
          if (this.name !== null) return this.fail('unexpected "}"', i, i);
          this.tokens.push(makeMark(RBrace, i, this.lines.at(i), undefined));
          i++;
          continue;
        case LBRACE:
          i = this.openBrace(i);
          if (i < 0) return this.result(-i - 1);
          continue;
        case DQUOTE:
        case SQUOTE:
          i = this.quoted(i, c);
          if (i < 0) return this.result(-i - 1);
          continue;
        default:
          i = this.unquoted(i);
          if (i < 0) return this.result(-i - 1);
          continue;
      }
    }
    if (this.name !== null) return this.fail(EOF_EXPECTING, n, n);
    return this.result(n);
  }

  private result(stop: number): Scanned {
    return { tokens: this.tokens, stop, long: this.long };
  }

  /** Ends the token list with a problem; returns `stop` encoded for the loop (-stop - 1). */
  private problem(message: string, offset: number, stop: number, line: number): number {
    const problem: LexProblem = { message, offset, line };
    this.tokens.push(makeMark(Problem, this.n - 1, line, problem));
    return -stop - 1;
  }

  private fail(message: string, offset: number, stop: number): Scanned {
    return this.result(-this.problem(message, offset, stop, this.lines.at(offset)) - 1);
  }

  private word(value: string, start: number): void {
    if (this.name === null) {
      this.name = value;
      this.stmtLine = this.lines.at(start);
    } else this.args[this.argc++] = value;
  }

  private statement(type: TokenType, end: number, line: number, tsBody?: TsBlockBody): void {
    const args = this.argc === 0 ? NO_ARGS : this.args.slice(0, this.argc);
    this.tokens.push(makeStatement(type, this.file, end, this.stmtLine, line, this.name!, args, tsBody));
    this.name = null;
    this.argc = 0;
  }

  /** A `{`: opens a block, or the raw code of a `*_by_ts_block`. Returns the next offset. */
  private openBrace(i: number): number {
    const { text, n, spans } = this;
    if (this.name === null) {
      spans?.add(i, i, TERMINATOR);
      return this.problem('unexpected "{"', i, i, this.lines.at(i));
    }
    if (!this.name.endsWith(TS_BLOCK_SUFFIX)) {
      spans?.add(i, i, TERMINATOR);
      this.statement(BlockStatement, i, this.lines.at(i));
      return i + 1;
    }
    const found = scanTsBlock(text, i + 1);
    if (!found.ok) {
      spans?.add(i, n - 1, OPAQUE);
      const message = "unexpected end of file, expecting terminating characters for ts code block";
      return this.problem(message, found.lastOpenBrace, n, this.lines.at(found.lastOpenBrace));
    }
    spans?.add(i, found.end, OPAQUE);
    // nginx places the directive on the line of the `{`, block-handler errors on the `}`.
    const openLine = this.lines.at(i);
    const body = { text: text.slice(i + 1, found.end), line: openLine, endLine: this.lines.at(found.end) };
    this.statement(TsBlockStatement, found.end, openLine, body);
    return found.end + 1;
  }

  /** A word that starts with a quote. Returns the next offset. */
  private quoted(start: number, quote: number): number {
    const { text, n, spans } = this;
    const run = quote === DQUOTE ? DOUBLE_QUOTED_RUN : SINGLE_QUOTED_RUN;
    let i = start + 1;
    // The regex never starts past the end: a failed sticky test would reset lastIndex to 0.
    while (i < n) {
      i = runEnd(run, text, i);
      if (i >= n || text.charCodeAt(i) === quote) break;
      i += 2; // a backslash and the byte it escapes
    }
    if (i >= n) {
      spans?.add(start, n - 1, QUOTED, Infinity);
      this.long ||= n - start >= MAY_OVERFLOW;
      return this.problem(EOF_EXPECTING, n, n, this.lines.at(n));
    }
    spans?.add(start, i, QUOTED, i);
    if (i - start >= MAY_OVERFLOW) this.long = true;
    const next = i + 1;
    if (next < n && !mayFollowQuote(text.charCodeAt(next))) {
      return this.problem(`unexpected "${text[next]}"`, next, next, this.lines.at(next));
    }
    this.word(unescapeWord(text.slice(start + 1, i)), start);
    return next;
  }

  /** A word that starts with any other byte. Returns the next offset. */
  private unquoted(start: number): number {
    const { text, n, spans } = this;
    let i = start;
    while (i < n) {
      i = runEnd(WORD_RUN, text, i);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === BACKSLASH) i += 2;
      else if (c === DOLLAR) {
        // `${var}` survives unquoted: a `{` right after `$` (or after such a `{`) is a word byte.
        i++;
        while (i < n && text.charCodeAt(i) === LBRACE) i++;
      } else break; // a space, `;` or `{`
    }
    if (i >= n) {
      spans?.add(start, n - 1, WORD);
      this.long ||= n - start >= MAY_OVERFLOW;
      return this.problem(EOF_EXPECTING, n, n, this.lines.at(n));
    }
    spans?.add(start, i - 1, WORD);
    if (i - start >= MAY_OVERFLOW) this.long = true;
    this.word(unescapeWord(text.slice(start, i)), start);
    return i;
  }
}

export function lexConf(text: string, opts: LexOptions): ConfToken[] {
  const buffered = opts.buffered && text.length > CONF_BUFFER;
  let scanned = new Scanner(text, opts.file, null).scan();
  if (!buffered || !scanned.long) return scanned.tokens;
  // A span may be too long for nginx's buffer: read again, noting where every span lies.
  const spans = new SpanLog();
  scanned = new Scanner(text, opts.file, spans).scan();
  const overflow = findBufferOverflow(text, spanWalker(spans), scanned.stop);
  if (overflow === null) return scanned.tokens;
  // nginx failed to refill before reading the byte at `overflow.offset`: nothing from there on
  // was read, so only statements that ended before it stand.
  const kept = scanned.tokens.filter((t) => t.endOffset < overflow.offset);
  const problem = { message: overflow.message, offset: overflow.offset, line: overflow.line };
  kept.push(makeMark(Problem, text.length - 1, overflow.line, problem));
  return kept;
}
