/**
 * The directive loader: walks the AST in file order and does nginx's generic checks
 * (`ngx_conf_handler`) for every statement — unknown directive, context, `;`/`{`
 * termination, argument count — before calling the row's setter. Errors keep nginx's order:
 * a statement is handled as soon as it is complete, so an early bad directive is reported
 * before a later syntax error.
 */
import { isAbsolute, resolve } from "node:path";
import type { ConfDirective, ConfStatement, ParsedConfFile } from "../parser/ast.js";
import { parseConfText } from "../parser/parser.js";
import { expandGlob, hasGlobMagic, readConfBytes } from "../parser/read-conf-file.js";
import { ConfError, type ConfWarning } from "./errors.js";
import { ConfLevel, type LevelKind } from "./level.js";
import type { Arity, ConfModule, ContextName, DirectiveCall, DirectiveSpec } from "./types.js";

/** A handler for the statements of a block that are data, not directives (`types {}`). */
export type BodyHandler = (d: ConfDirective, loader: ConfLoader) => void;

export interface LoaderOptions {
  /** The `-p` prefix, absolute, with a trailing slash. */
  readonly prefix: string;
  /** The folder of the main conf file: relative `include` paths resolve against it. */
  readonly confPrefix: string;
  readonly modules: readonly ConfModule[];
}

const LUA_HINT = /^(.*)_by_lua(_block|_file)?$/;

function arityAccepts(arity: Arity, n: number): boolean {
  if (arity === "any") return true;
  if (arity === "flag") return n === 1;
  if (arity === "1more") return n >= 1;
  if (arity === "2more") return n >= 2;
  return n <= 7 && arity.includes(n);
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
  private readonly byName = new Map<string, DirectiveSpec[]>();
  private readonly bodyHandlers = new WeakMap<ConfLevel, BodyHandler>();

  constructor(opts: LoaderOptions) {
    this.prefix = opts.prefix;
    this.confPrefix = opts.confPrefix;
    this.modules = opts.modules;
    for (const m of opts.modules) {
      for (const spec of m.directives) {
        const list = this.byName.get(spec.name);
        if (list === undefined) this.byName.set(spec.name, [spec]);
        else list.push(spec);
      }
    }
  }

  /** All directive rows, for merging and docs. */
  specs(): DirectiveSpec[] {
    return [...this.byName.values()].flat();
  }

  knows(name: string): boolean {
    return this.byName.has(name);
  }

  /** Reads and parses a conf file; `from` is the directive whose place an open() error gets. */
  readFile(path: string): ParsedConfFile {
    const text = readConfBytes(path);
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

  /** Resolves a path as nginx's `ngx_conf_full_name` against the conf prefix. */
  confPath(p: string): string {
    return isAbsolute(p) ? p : resolve(this.confPrefix, p);
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
      let parsed: ParsedConfFile;
      try {
        parsed = this.readFile(p);
      } catch (e) {
        throw new ConfError((e as Error).message, { code: "TSR_CONF_OPEN_FAILED" });
      }
      this.walk(parsed.statements, level);
    }
  }

  /** The statements of a block, in a new or existing level. */
  walk(statements: readonly ConfStatement[], level: ConfLevel): void {
    const body = this.bodyHandlers.get(level);
    for (const st of statements) {
      if (st.kind === "error") this.syntaxError(st.message, st.file, st.line);
      else if (body !== undefined && st.name !== "include") this.guard(st, () => body(st, this));
      else this.handle(st, level);
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

  private placeOf(d: ConfDirective | null): ConfWarning["place"] {
    if (this.commandLine) return "command line";
    return d === null ? null : { file: d.file, line: d.line };
  }

  private syntaxError(message: string, file: string, line: number): never {
    if (this.commandLine && message === 'unexpected end of file, expecting ";" or "}"') {
      message = 'unexpected end of parameter, expecting ";"';
    }
    throw new ConfError(message, {
      code: "TSR_CONF_SYNTAX",
      place: this.commandLine ? "command line" : { file, line },
    });
  }

  /** Places an unplaced ConfError at the directive (the line of its `;` or `{`). */
  private guard(d: ConfDirective, fn: () => string | void): void {
    let reason: string | void;
    try {
      reason = fn();
    } catch (e) {
      if (e instanceof ConfError && e.place === undefined) e.place = this.placeOf(d);
      throw e;
    }
    if (typeof reason === "string") {
      throw new ConfError(`"${d.name}" directive ${reason}`, {
        code: reason === "is duplicate" ? "TSR_CONF_DUPLICATE" : "TSR_CONF_INVALID_VALUE",
        place: this.placeOf(d),
      });
    }
  }

  private fail(d: ConfDirective, message: string, code: ConfError["code"]): never {
    throw new ConfError(message, { code, place: this.placeOf(d) });
  }

  private handle(d: ConfDirective, level: ConfLevel): void {
    if (this.commandLine && d.block !== undefined) {
      this.fail(d, "block directives are not supported in -g option", "TSR_CONF_SYNTAX");
    }
    const specs = this.byName.get(d.name);
    if (specs === undefined) {
      const lua = LUA_HINT.exec(d.name);
      const hint = lua !== null ? ` (tsresty runs TypeScript handlers: use "${lua[1]}_by_ts${lua[2] ?? "_block"}")` : "";
      this.fail(d, `unknown directive "${d.name}"${hint}`, "TSR_CONF_UNKNOWN_DIRECTIVE");
    }
    const hasBlock = d.block !== undefined || d.tsBody !== undefined;
    for (const spec of specs) {
      if (!this.allowedIn(spec, level.context)) continue;
      if (!spec.block && hasBlock) {
        this.fail(d, `directive "${d.name}" is not terminated by ";"`, "TSR_CONF_TERMINATION");
      }
      if (spec.block && !hasBlock) {
        this.fail(d, `directive "${d.name}" has no opening "{"`, "TSR_CONF_TERMINATION");
      }
      if (!arityAccepts(spec.args, d.args.length)) {
        this.fail(d, `invalid number of arguments in "${d.name}" directive`, "TSR_CONF_NARGS");
      }
      this.guard(d, () => spec.set({ spec, directive: d, args: d.args, level, loader: this }));
      return;
    }
    this.fail(d, `"${d.name}" directive is not allowed here`, "TSR_CONF_NOT_ALLOWED");
  }

  private allowedIn(spec: DirectiveSpec, context: ContextName): boolean {
    return spec.contexts.includes(context) || spec.contexts.includes("any");
  }

  /** Runs the `afterHttp` checks of every module, in module order. */
  afterHttp(http: ConfLevel): void {
    for (const m of this.modules) m.afterHttp?.(http, this);
  }

  afterConf(main: ConfLevel): void {
    for (const m of this.modules) m.afterConf?.(main, this);
  }
}
