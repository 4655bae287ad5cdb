/**
 * Where files come from and what answers instead: `root`/`alias`, `index`, `try_files` and
 * `error_page`, with nginx's checks and messages. Paths that do not start with a variable are
 * made absolute against the prefix now, as nginx does.
 */
import { ConfError } from "../../errors.js";
import type { ConfLoader } from "../../loader.js";
import type { DirectiveCall } from "../../types.js";
import { parseNumber } from "../../values.js";
import { compileComplexValue } from "../../variables.js";
import { locationInfoOf } from "./location.js";
import type { ErrorPage, RootSpec, TryFile, TryFiles } from "./types.js";

function invalid(message: string): ConfError {
  return new ConfError(message, { code: "TSR_CONF_INVALID_VALUE" });
}

/** nginx's `ngx_conf_full_name(cycle, name, 0)`: relative paths are under the `-p` prefix. */
export function prefixed(loader: ConfLoader, path: string): string {
  return path.startsWith("/") ? path : loader.prefix + path;
}

/** `root path` (http, server, location, if in location) and `alias path` (location). */
export function rootOrAlias(call: DirectiveCall): string | void {
  const alias = call.spec.name === "alias";
  const current = call.level.get<RootSpec>("root");
  if (current !== undefined) {
    if (current.alias === alias) return "is duplicate";
    throw invalid(`"${call.spec.name}" directive is duplicate, "${current.alias ? "alias" : "root"}" directive was specified earlier`);
  }
  const location = locationInfoOf(call.level);
  if (alias && location?.named === true) {
    throw invalid('the "alias" directive cannot be used inside the named location');
  }
  const value = call.args[0]!;
  // Only a value with a `$` can name them; most roots have none.
  if (value.includes("$")) {
    for (const v of ["document_root", "realpath_root"]) {
      if (value.includes(`$${v}`) || value.includes(`\${${v}}`)) {
        throw invalid(`the $${v} variable cannot be used in the "${call.spec.name}" directive`);
      }
    }
  }
  let path = value;
  // A root's trailing slash is dropped (`root /` is the file system root); an alias keeps it.
  if (!alias && path.endsWith("/")) path = path.slice(0, -1);
  if (!value.startsWith("$") && !value.startsWith("/")) path = prefixed(call.loader, path);
  const aliasInRegex = alias && location?.regex != null;
  // Frozen where it is built (its path is a frozen compiled value): the merge need not walk it.
  const spec: RootSpec = Object.freeze({
    alias,
    path: compileComplexValue(path, call.loader),
    aliasLength: alias ? (location?.name.length ?? 0) : 0,
    aliasInRegex,
  });
  call.level.set("root", spec, call.directive);
}

/** `index file …` (http, server, location): appends; relative names tried in order. */
export function index(call: DirectiveCall): void {
  const args = call.args;
  for (let i = 0; i < args.length; i++) {
    const name = args[i]!;
    if (name.startsWith("/") && i !== args.length - 1) {
      call.loader.warn('only the last index in "index" directive should be absolute', call.directive);
    }
    if (name === "") throw invalid(`index "${args[0]}" in "index" directive is invalid`);
    call.level.push("index", compileComplexValue(name, call.loader), call.directive);
  }
}

/** `try_files file … uri|=code` (server, location); not inherited, as in nginx. */
export function tryFiles(call: DirectiveCall): string | void {
  if (call.level.has("try_files")) return "is duplicate";
  const args = call.args;
  const files: TryFile[] = [];
  for (let i = 0; i < args.length - 1; i++) {
    const raw = args[i]!;
    const directory = raw.endsWith("/");
    files.push({ name: compileComplexValue(directory ? raw.slice(0, -1) : raw, call.loader), directory });
  }
  const last = args[args.length - 1]!;
  const fallback = compileComplexValue(last, call.loader);
  let code: number | null = null;
  if (last.startsWith("=")) {
    const n = parseNumber(last.slice(1));
    if (n === null || n > 999) throw invalid(`invalid code "${last}"`);
    code = n;
  }
  const value: TryFiles = { files, fallback, code };
  call.level.set("try_files", value, call.directive);
}

/** Statuses nginx answers as 400 unless `error_page` says otherwise (494–497). */
const AS_BAD_REQUEST = new Set([494, 495, 496, 497]);

/** `error_page code … [=[response]] uri` (http, server, location, if in location): appends. */
export function errorPage(call: DirectiveCall): void {
  const args = call.args;
  const overwriteArg = args[args.length - 2]!;
  let overwrite = -1;
  let codes = args.length - 1;
  if (overwriteArg.startsWith("=")) {
    if (args.length === 2) throw invalid(`invalid value "${overwriteArg}"`);
    if (overwriteArg.length > 1) {
      const n = parseNumber(overwriteArg.slice(1));
      if (n === null) throw invalid(`invalid value "${overwriteArg}"`);
      overwrite = n;
    } else {
      overwrite = 0;
    }
    codes--;
  }
  const uri = args[args.length - 1]!;
  let target = compileComplexValue(uri, call.loader);
  let uriArgs = "";
  if (target.constant && uri.startsWith("/")) {
    const q = uri.indexOf("?");
    if (q !== -1) {
      target = { raw: uri.slice(0, q), parts: [{ text: uri.slice(0, q) }], constant: true };
      uriArgs = uri.slice(q + 1);
    }
  }
  for (let i = 0; i < codes; i++) {
    const text = args[i]!;
    const status = parseNumber(text);
    if (status === null || status === 499) throw invalid(`invalid value "${text}"`);
    if (status < 300 || status > 599) throw invalid(`value "${text}" must be between 300 and 599`);
    const page: ErrorPage = {
      status,
      overwrite: overwrite === -1 && AS_BAD_REQUEST.has(status) ? 400 : overwrite,
      target,
      args: uriArgs,
    };
    call.level.push("error_page", page, call.directive);
  }
}
