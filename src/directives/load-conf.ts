/**
 * Loading a configuration: `-g` parameters, the main file and its includes, every module's
 * checks, then (unless the caller only checks) the merge. Returns the frozen result or the
 * first error, in nginx's order.
 */
import { resolve } from "node:path";
import { COMMAND_LINE, parseConfText } from "../parser/parser.js";
import { ConfError, type ConfWarning } from "./errors.js";
import { ConfLevel } from "./level.js";
import { ConfLoader } from "./loader.js";
import { mergeLevels } from "./merge.js";
import { confModules } from "./registry.js";
import type { ParsedConfFile } from "../parser/ast.js";
import type { ConfModule } from "./types.js";

export interface LoadConfOptions {
  /** The `-p` prefix (absolute or relative to the cwd). */
  readonly prefix: string;
  /** The `-c` file, relative to the prefix unless absolute. */
  readonly confFile: string;
  /** The `-g` string (a latin1 byte string, like the paths), parsed before the file, in the main context. */
  readonly params?: string;
  readonly modules?: readonly ConfModule[];
  /**
   * `false` leaves every level's settings unmerged, for a caller that only reports what the
   * load finds (`-t`): the merge reports nothing, and on a 10,000-location conf it is a tenth
   * of the load. Defaults to `true`: whatever reads settings (the server) needs it.
   */
  readonly merge?: boolean;
}

export interface LoadedConf {
  readonly prefix: string;
  readonly confFile: string;
  readonly main: ConfLevel;
  readonly files: readonly ParsedConfFile[];
  readonly warnings: readonly ConfWarning[];
  readonly loader: ConfLoader;
}

export type LoadConfResult =
  | { readonly ok: true; readonly conf: LoadedConf }
  | {
      readonly ok: false;
      readonly error: ConfError;
      /** nginx prints "syntax is ok" before errors found after parsing (missing events). */
      readonly syntaxOk: boolean;
      readonly confFile: string;
      readonly warnings: readonly ConfWarning[];
      readonly files: readonly ParsedConfFile[];
    };

export function withTrailingSlash(p: string): string {
  return p.endsWith("/") ? p : p + "/";
}

/** The `-p` prefix as nginx keeps it: as given, with a "/" added unless it is empty or has one. */
export function nginxPrefix(p: string): string {
  return p === "" || p.endsWith("/") ? p : p + "/";
}

/**
 * The main conf file's name as nginx spells it (`ngx_conf_full_name`): a relative `-c` is
 * appended to the prefix as is, without normalising `.`, `..` or `//` — messages and `-T`
 * print it that way.
 */
export function resolveConfFile(prefix: string, confFile: string): string {
  return confFile.startsWith("/") ? confFile : nginxPrefix(prefix) + confFile;
}

/** Where relative `include` paths start: the conf file's folder, up to its last "/". */
function confFolder(confFile: string, prefix: string): string {
  const slash = confFile.lastIndexOf("/");
  return slash > 0 ? confFile.slice(0, slash + 1) : nginxPrefix(prefix);
}

export function loadConf(opts: LoadConfOptions): LoadConfResult {
  const prefix = withTrailingSlash(resolve(opts.prefix));
  const confFile = resolveConfFile(opts.prefix, opts.confFile);
  const loader = new ConfLoader({
    prefix,
    confPrefix: confFolder(confFile, opts.prefix),
    modules: opts.modules ?? confModules,
  });
  const main = new ConfLevel("main", "main", null, null);
  let syntaxOk = false;
  try {
    if (opts.params !== undefined && opts.params !== "") {
      loader.loadMain(parseConfText(opts.params, COMMAND_LINE), main, true);
    }
    let parsed: ParsedConfFile;
    try {
      parsed = loader.readFile(confFile);
    } catch (e) {
      if (e instanceof ConfError && e.place !== undefined) throw e;
      throw new ConfError((e as Error).message, { code: "TSR_CONF_OPEN_FAILED", place: null });
    }
    loader.loadMain(parsed, main);
    syntaxOk = true;
    loader.afterConf(main);
    if (opts.merge ?? true) mergeLevels(main, loader.specs());
  } catch (e) {
    if (!(e instanceof ConfError)) throw e;
    return { ok: false, error: e, syntaxOk, confFile, warnings: loader.warnings, files: loader.files };
  }
  return {
    ok: true,
    conf: { prefix, confFile, main, files: loader.files, warnings: loader.warnings, loader },
  };
}
