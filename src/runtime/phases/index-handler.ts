/**
 * The index module (nginx's `ngx_http_index_module`): a URI ending in `/` is redirected
 * internally to its first index file that exists. Verified against nginx 1.22:
 *
 * - an absolute index (`/abs.html`, or a variable that evaluates to one) is a redirect at once,
 *   without looking at the file system;
 * - an index that exists, even as a directory, redirects to the URI + its name (args kept);
 *   a directory then gets the trailing-slash 301 from the static handler;
 * - after the first missing index the directory itself is checked once: missing → 404
 *   `"<dir>/<index>" is not found (2: …)` (unless `log_not_found off`), unreadable → go on;
 * - `ENOTDIR` / `ENAMETOOLONG` → 404 `… is not found`, `EACCES` → 403 `… is forbidden`,
 *   a symlink loop → 403 without a log line;
 * - when no index exists the handler declines (the content phase then answers 403).
 */
import type { Request, Runtime } from "../context.js";
import { errnoText, errorCode } from "../content/errno-text.js";
import { testPath } from "../content/file-test.js";
import { mapUriToRequestPath } from "../content/map-path.js";
import { RequestPath, refusedPathMessage } from "../content/request-path.js";
import { status, type PhaseResult } from "./result.js";

/** The index and static handlers serve only these; others decline or get 405. */
export function isReadMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "POST";
}

function redirect(uri: string, args: string): PhaseResult {
  return { kind: "redirect", uri, args };
}

/** nginx's `ngx_http_index_error`. */
function indexError(r: Request, path: string, error: unknown): PhaseResult {
  if (errorCode(error) === "EACCES") {
    r.log("error", `"${path}" is forbidden (${errnoText(error)})`);
    return status(403);
  }
  if (r.loc.logNotFound) r.log("error", `"${path}" is not found (${errnoText(error)})`);
  return status(404);
}

/**
 * The directory an index was looked for in: the path before the index name, without its
 * trailing slash (an alias without one ends right where the name starts).
 */
function directoryOf(path: string, nameStart: number): string {
  let end = nameStart - 1;
  if (path[end] !== "/" || end === 0) end++;
  return path.slice(0, Math.max(end, 0));
}

/** `null` when the directory exists (or cannot be searched, which the index test already saw). */
async function checkDirectory(r: Request, path: string, nameStart: number): Promise<PhaseResult | null> {
  const dir = directoryOf(path, nameStart);
  const found = await testPath(Buffer.from(dir, "latin1"));
  if (found.ok) {
    if (found.isDirectory) return null;
    r.log("alert", `"${dir}" is not a directory`);
    return status(500);
  }
  const code = errorCode(found.error);
  if (code === "ELOOP" || code === "EMLINK") return status(403);
  // The whole index path is named, as nginx prints it.
  if (code === "ENOENT") return indexError(r, path, found.error);
  if (code === "EACCES") return null;
  r.log("crit", `stat() "${dir}" failed (${errnoText(found.error)})`);
  return status(500);
}

/**
 * The index module's content handler: a redirect to the index file, a status, or `null` when
 * it declines (not a `/` URI, not GET/HEAD/POST, or no index file).
 */
export async function indexHandler(rt: Runtime, r: Request): Promise<PhaseResult | null> {
  if (!r.uri.endsWith("/") || !isReadMethod(r.method)) return null;
  let directoryChecked = false;
  for (const index of r.loc.index) {
    if (index.constant && index.raw.startsWith("/")) return redirect(index.raw, r.args);
    const name = new RequestPath().evaluated(index, r);
    if (name.text.startsWith("/")) return redirect(name.text, r.args);

    const base = mapUriToRequestPath(r, rt.conf.prefix);
    const nameStart = base.text.length;
    const path = base.append(name).toFsPath();
    if (!path.ok) {
      r.log("error", refusedPathMessage(path));
      continue;
    }
    const found = await testPath(path.bytes);
    if (found.ok) return redirect(r.uri + name.text, r.args);

    const code = errorCode(found.error);
    if (code === "ELOOP" || code === "EMLINK") return status(403);
    if (code === "ENOTDIR" || code === "ENAMETOOLONG" || code === "EACCES") return indexError(r, path.text, found.error);
    if (!directoryChecked) {
      const answer = await checkDirectory(r, path.text, nameStart);
      if (answer !== null) return answer;
      directoryChecked = true;
    }
    if (code === "ENOENT") continue;
    r.log("crit", `stat() "${path.text}" failed (${errnoText(found.error)})`);
    return status(500);
  }
  return null;
}
