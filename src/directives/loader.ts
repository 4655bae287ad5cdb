/**
 * The directive loader: walks the AST in file order and does nginx's generic checks
 * (`ngx_conf_handler`) for every statement — unknown directive, context, `;`/`{`
 * termination, argument count — before calling the row's setter. Errors keep nginx's order:
 * a statement is handled as soon as it is complete, so an early bad directive is reported
 * before a later syntax error.
 */
import { isAbsolute, resolve } from "node:path";
import type { ConfDirective, ConfStatement, ParsedConfFile } from "../parser/ast.js";
import { COMMAND_LINE, parseConfText } from "../parser/parser.js";
import { ConfReadError, expandGlob, hasGlobMagic, readConfBytes } from "../parser/read-conf-file.js";
import { ConfError, type ConfWarning } from "./errors.js";
import { ConfLevel, type LevelKind } from "./level.js";
import type { Arity, ConfModule, ContextName, DirectiveCall, DirectiveSpec } from "./types.js";

/** A handler for the statements of a block that are data, not directives (`types {}`). */
export type BodyHandler = (d: ConfDirective, loader: ConfLoader) => void;

export interface LoaderOptions {
  /** The `-p` prefix, absolute, with a trailing slash. */
  readonly prefix: string;
  /** The folder of the main conf file (nginx's spelling): relative `include` paths start there. */
  readonly confPrefix: string;
  readonly modules: readonly ConfModule[];
}

const LUA_HINT = /^(.*)_by_lua(_block|_file)?$/;

/**
 * How deep blocks and included files may nest (each counts one). The loader recurses through
 * module setters for every level, so unbounded nesting would exhaust the JavaScript stack
 * (~1,000 levels); real confs nest a handful deep. nginx itself stops a runaway `include`
 * recursion when it runs out of file descriptors, so an include past the limit gets nginx's
 * words for that.
 */
export const MAX_CONF_NESTING = 500;

/**
 * A directive table row as the loader looks it up, once per statement: the generic checks
 * read precomputed answers (a set, a bit mask) instead of scanning the row's lists each time.
 */
interface DirectiveRow {
  readonly spec: DirectiveSpec;
  /** NGX_ANY_CONF: allowed in every context. */
  readonly anyContext: boolean;
  readonly contexts: ReadonlySet<ContextName>;
  readonly block: boolean;
  /** Bit `n` set: `n` arguments (0–7) are accepted. */
  readonly argCounts: number;
  /** More than 7 arguments are accepted (the open forms: `1more`, `2more`, `any`). */
  readonly manyArgs: boolean;
}

/** nginx's argument-count flags (NGX_CONF_TAKE1…7, FLAG, 1MORE, 2MORE, ANY) as a bit mask. */
function argCountsOf(arity: Arity): number {
  if (arity === "any") return 0xff;
  if (arity === "flag") return 1 << 1;
  if (arity === "1more") return 0xff & ~1;
  if (arity === "2more") return 0xff & ~3;
  let mask = 0;
  for (const n of arity) if (n >= 0 && n <= 7) mask |= 1 << n;
  return mask;
}

function rowOf(spec: DirectiveSpec): DirectiveRow {
  return {
    spec,
    anyContext: spec.contexts.includes("any"),
    contexts: new Set(spec.contexts),
    block: spec.block === true,
    argCounts: argCountsOf(spec.args),
    manyArgs: spec.args === "any" || spec.args === "1more" || spec.args === "2more",
  };
}

function acceptsArgs(row: DirectiveRow, n: number): boolean {
  return n <= 7 ? ((row.argCounts >> n) & 1) === 1 : row.manyArgs;
}

export class ConfLoader {
  readonly prefix: string;
  readonly confPrefix: string;
  readonly modules: readonly ConfModule[];
  /** Every file read, in order, once each (for `-T`). */
  readonly files: ParsedConfFile[] = [];
  readonly warnings: ConfWarning[] = [];
  /** Module state that lives for one load (listen sockets, shared dicts, used variables, …). */
  readonly state = new Map<string, unknown>();
  /** Set while parsing `-g`: errors are placed "in command line". */
  private commandLine = false;
  private readonly byName = new Map<string, DirectiveRow[]>();
  private readonly bodyHandlers = new WeakMap<ConfLevel, BodyHandler>();
  /** Statement lists being walked: files, included files and blocks (see MAX_CONF_NESTING). */
  private nesting = 0;

  constructor(opts: LoaderOptions) {
    this.prefix = opts.prefix;
    this.confPrefix = opts.confPrefix;
    this.modules = opts.modules;
    for (const m of opts.modules) {
      for (const spec of m.directives) {
        const row = rowOf(spec);
        const list = this.byName.get(spec.name);
        if (list === undefined) this.byName.set(spec.name, [row]);
        else list.push(row);
      }
    }
  }

  /** All directive rows, for merging and docs. */
  specs(): DirectiveSpec[] {
    const out: DirectiveSpec[] = [];
    for (const rows of this.byName.values()) for (const row of rows) out.push(row.spec);
    return out;
  }

  knows(name: string): boolean {
    return this.byName.has(name);
  }

  /**
   * Reads and parses a conf file. A failed open() throws an unplaced ConfError (the `include`
   * being handled gets its place); a failed read is logged by nginx at `crit`, with no place.
   */
  readFile(path: string): ParsedConfFile {
    let text: string;
    try {
      text = readConfBytes(path);
    } catch (e) {
      if (!(e instanceof ConfReadError)) throw e;
      throw new ConfError(
        e.message,
        e.syscall === "pread" ? { code: "TSR_CONF_OPEN_FAILED", level: "crit", place: null } : { code: "TSR_CONF_OPEN_FAILED" },
      );
    }
    const parsed = parseConfText(text, path);
    if (!this.files.some((f) => f.path === path)) this.files.push(parsed);
    return parsed;
  }

  /** Handles the statements of the main file or of a `-g` string in the main level. */
  loadMain(parsed: ParsedConfFile, main: ConfLevel, commandLine = false): void {
    this.commandLine = commandLine;
    try {
      this.walk(parsed.statements, main);
    } finally {
      this.commandLine = false;
    }
  }

  /**
   * Resolves a path as nginx's `ngx_conf_full_name` against the conf prefix: appended as is,
   * so messages name `conf/./x.conf` or `conf/sub//a.conf` the way nginx does.
   */
  confPath(p: string): string {
    if (p.startsWith("/")) return p;
    return (this.confPrefix.endsWith("/") ? this.confPrefix : this.confPrefix + "/") + p;
  }

  /** Resolves a path against the `-p` prefix (pid, logs, handler files). */
  prefixPath(p: string): string {
    return isAbsolute(p) ? p : resolve(this.prefix, p);
  }

  /** `include`: parse each file in place, in the current level. */
  include(pattern: string, level: ConfLevel): void {
    const full = this.confPath(pattern);
    const paths = hasGlobMagic(full) ? expandGlob(full) : [full];
    for (const p of paths) {
      if (this.nesting >= MAX_CONF_NESTING) {
        throw new ConfError(`open() "${p}" failed (24: Too many open files)`, { code: "TSR_CONF_OPEN_FAILED" });
      }
      this.walk(this.readFile(p).statements, level);
    }
  }

  /** The statements of a block, in a new or existing level. */
  walk(statements: readonly ConfStatement[], level: ConfLevel): void {
    if (this.nesting >= MAX_CONF_NESTING) {
      const opener = level.opener;
      throw new ConfError(`"${opener?.name ?? ""}" block is nested too deeply (more than ${MAX_CONF_NESTING} levels)`, {
        code: "TSR_CONF_NESTING",
        place: this.placeOf(opener),
      });
    }
    const body = this.bodyHandlers.get(level);
    this.nesting++;
    try {
      // An indexed loop: this runs once per statement of the conf, mostly before V8 optimises it.
      for (let i = 0; i < statements.length; i++) {
        const st = statements[i]!;
        if (st.kind === "error") this.syntaxError(st.message, st.file, st.line);
        else if (body !== undefined && st.name !== "include") this.handleBody(st, body);
        else this.handle(st, level);
      }
    } finally {
      this.nesting--;
    }
  }

  /**
   * Opens the level of a block directive and handles its body there. The caller has already
   * run the checks nginx runs on the `{` line.
   */
  block(call: DirectiveCall, kind: LevelKind, context: ContextName): ConfLevel {
    const level = new ConfLevel(kind, context, call.level, call.directive);
    this.walk(call.directive.block ?? [], level);
    return level;
  }

  /** Makes the statements of `level`'s block go to `handler` instead of the directive tables. */
  setBodyHandler(level: ConfLevel, handler: BodyHandler): void {
    this.bodyHandlers.set(level, handler);
  }

  warn(message: string, d: ConfDirective | null, level: ConfWarning["level"] = "warn"): void {
    this.warnings.push({ level, message, place: this.placeOf(d) });
  }

  /** Statements of the `-g` string are placed "in command line"; those of files it includes are not. */
  private placeOf(d: ConfDirective | null): ConfWarning["place"] {
    if (d === null) return this.commandLine ? "command line" : null;
    return d.file === COMMAND_LINE ? "command line" : { file: d.file, line: d.line };
  }

  private syntaxError(message: string, file: string, line: number): never {
    const commandLine = file === COMMAND_LINE;
    if (commandLine && message === 'unexpected end of file, expecting ";" or "}"') {
      message = 'unexpected end of parameter, expecting ";"';
    }
    throw new ConfError(message, {
      code: "TSR_CONF_SYNTAX",
      place: commandLine ? "command line" : { file, line },
    });
  }

  /** Places an unplaced ConfError at the directive (the line of its `;` or `{`). */
  private placeError(d: ConfDirective, e: unknown): void {
    if (e instanceof ConfError && e.place === undefined) e.place = this.placeOf(d);
  }

  /** A setter's reason string as nginx prints it: `"<name>" directive <reason>`. */
  private reasonError(d: ConfDirective, reason: string): ConfError {
    return new ConfError(`"${d.name}" directive ${reason}`, {
      code: reason === "is duplicate" ? "TSR_CONF_DUPLICATE" : "TSR_CONF_INVALID_VALUE",
      place: this.placeOf(d),
    });
  }

  private handleBody(d: ConfDirective, body: BodyHandler): void {
    try {
      body(d, this);
    } catch (e) {
      this.placeError(d, e);
      throw e;
    }
  }

  private fail(d: ConfDirective, message: string, code: ConfError["code"]): never {
    throw new ConfError(message, { code, place: this.placeOf(d) });
  }

  private handle(d: ConfDirective, level: ConfLevel): void {
    if (d.file === COMMAND_LINE && (d.block !== undefined || d.tsBody !== undefined)) {
      this.fail(d, "block directives are not supported in -g option", "TSR_CONF_SYNTAX");
    }
    const rows = this.byName.get(d.name);
    if (rows === undefined) {
      // nginx prints the name with %s: a NUL byte ends it.
      const shown = d.name.split("\0", 1)[0]!;
      this.fail(d, `unknown directive "${shown}"${this.luaHint(d.name)}`, "TSR_CONF_UNKNOWN_DIRECTIVE");
    }
    const hasBlock = d.block !== undefined || d.tsBody !== undefined;
    const context = level.context;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const spec = row.spec;
      if (!row.anyContext && !row.contexts.has(context)) continue;
      if (!row.block && hasBlock) {
        this.fail(d, `directive "${d.name}" is not terminated by ";"`, "TSR_CONF_TERMINATION");
      }
      if (row.block && !hasBlock) {
        this.fail(d, `directive "${d.name}" has no opening "{"`, "TSR_CONF_TERMINATION");
      }
      if (!acceptsArgs(row, d.args.length)) {
        this.fail(d, `invalid number of arguments in "${d.name}" directive`, "TSR_CONF_NARGS");
      }
      // The setter is called here, not through a helper taking a closure: one call object and
      // no closure per directive of the conf.
      let reason: string | void;
      try {
        reason = spec.set({ spec, directive: d, args: d.args, level, loader: this });
      } catch (e) {
        this.placeError(d, e);
        throw e;
      }
      if (typeof reason === "string") throw this.reasonError(d, reason);
      return;
    }
    this.fail(d, `"${d.name}" directive is not allowed here`, "TSR_CONF_NOT_ALLOWED");
  }

  /**
   * For OpenResty's `<phase>_by_lua*`, names the TypeScript directive to use instead: the same
   * form, and `_block` for the inline-string form (`content_by_lua '…'`). Phases tsresty has no
   * handler for (`balancer_by_lua_block`, `ssl_*`) get no hint.
   */
  private luaHint(name: string): string {
    const lua = LUA_HINT.exec(name);
    if (lua === null) return "";
    const ts = `${lua[1]}_by_ts${lua[2] ?? "_block"}`;
    return this.knows(ts) ? ` (tsresty runs TypeScript handlers: use "${ts}")` : "";
  }

  /** Runs the `mergeHttp`, then the `afterHttp` checks of every module, in module order. */
  afterHttp(http: ConfLevel): void {
    for (const m of this.modules) m.mergeHttp?.(http, this);
    for (const m of this.modules) m.afterHttp?.(http, this);
    for (const m of this.modules) m.finishHttp?.(http, this);
  }

  afterConf(main: ConfLevel): void {
    for (const m of this.modules) m.afterConf?.(main, this);
  }
}
