/**
 * `try_files file … uri|=code|@name` (nginx's try-files phase), verified against nginx 1.22:
 *
 * - each entry is evaluated and looked for under the root, or under the alias; in an alias
 *   location an entry with variables that starts with the location's name loses that name
 *   first (`$uri` works), a constant one does not;
 * - an entry ending in `/` wants a directory, any other a non-directory; missing files
 *   (`ENOENT`, `ENOTDIR`, `ENAMETOOLONG`) are skipped silently, other errors are logged
 *   (`[crit] stat() "…" failed`) and skipped too;
 * - the first hit becomes `$uri` (the name, without the directory entry's `/`; in an alias
 *   location the location's name + the name) and the request goes on in this location, args
 *   unchanged;
 * - otherwise the last parameter: `=code` finishes with that status, `@name` goes to the named
 *   location (URI and args unchanged), anything else is an internal redirect whose args are
 *   the part after `?` — none when there is no `?` (nginx drops the request's args then).
 */
import type { TryFiles } from "../../directives/modules/http-core/types.js";
import type { ComplexValue } from "../../directives/variables.js";
import type { Request, Runtime } from "../context.js";
import { errnoText, errorCode } from "../content/errno-text.js";
import { testPath } from "../content/file-test.js";
import { addUriToAlias, documentRootPath, mapUriToRequestPath } from "../content/map-path.js";
import { RequestPath, refusedPathMessage } from "../content/request-path.js";
import { NEXT, status, type PhaseResult } from "./result.js";

/** An entry's name; in a (prefix) alias location, without the location's name if it starts with it. */
function entryName(value: ComplexValue, r: Request): RequestPath {
  const name = new RequestPath().evaluated(value, r);
  const root = r.loc.root;
  if (!root.alias || root.aliasInRegex || value.constant) return name;
  const n = root.aliasLength;
  if (name.text.length >= n && name.text.slice(0, n) === r.uri.slice(0, n)) return name.slice(n);
  return name;
}

/** Where entries are looked for: the root or alias (a regex alias with its added URI, if any). */
function entryBase(r: Request, prefix: string): RequestPath {
  return r.loc.root.aliasInRegex ? mapUriToRequestPath(r, prefix) : documentRootPath(r, prefix);
}

function useEntry(r: Request, name: string, directory: boolean): void {
  const root = r.loc.root;
  if (!root.alias) {
    r.uri = name;
  } else if (root.aliasInRegex) {
    // The alias already is the whole path; a file found there becomes the URI appended to it.
    if (!directory) {
      r.uri = name;
      addUriToAlias(r);
    }
  } else {
    r.uri = r.uri.slice(0, root.aliasLength) + name;
  }
}

function fallback(tf: TryFiles, r: Request): PhaseResult {
  // `=0` is no code for nginx: the word is then taken as a URI, like any other.
  if (tf.code) return status(tf.code);
  const target = entryName(tf.fallback, r).text;
  if (target.startsWith("@")) return { kind: "named", name: target };
  const q = target.indexOf("?");
  if (q === -1) return { kind: "redirect", uri: target, args: "" };
  return { kind: "redirect", uri: target.slice(0, q), args: target.slice(q + 1) };
}

export async function tryFilesPhase(rt: Runtime, r: Request): Promise<PhaseResult> {
  const tf = r.loc.tryFiles;
  if (tf === null) return NEXT;
  for (const entry of tf.files) {
    const name = entryName(entry.name, r);
    const path = entryBase(r, rt.conf.prefix).append(name).toFsPath();
    if (!path.ok) {
      r.log("error", refusedPathMessage(path));
      continue;
    }
    const found = await testPath(path.bytes);
    if (!found.ok) {
      const code = errorCode(found.error);
      if (code !== "ENOENT" && code !== "ENOTDIR" && code !== "ENAMETOOLONG") {
        r.log("crit", `stat() "${path.text}" failed (${errnoText(found.error)})`);
      }
      continue;
    }
    if (found.isDirectory !== entry.directory) continue;
    useEntry(r, name.text, entry.directory);
    return NEXT;
  }
  return fallback(tf, r);
}
