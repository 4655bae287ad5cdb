/**
 * `$realpath_root`: the realpath() of the root in effect. Roots without variables are resolved
 * once at start-up (location-plan.ts); a root with variables is given as is, since resolving it
 * here would be a synchronous file-system call on the request path.
 *
 * A failed realpath() is logged at crit when the variable is evaluated, and only once: nginx
 * keeps a variable that failed as "not found" for the rest of the request (a success is
 * computed again at each use), so after a failure `$realpath_root` stays empty, even in a
 * location whose root exists.
 */
import type { Request } from "../context.js";
import { documentRoot } from "../content/map-path.js";

const failedIn = new WeakSet<Request>();

export function realpathRoot(r: Request, prefix: string): string | undefined {
  if (failedIn.has(r)) return undefined;
  const resolved = r.loc.realpathRoot;
  if (resolved === null) return documentRoot(r, prefix);
  if ("path" in resolved) return resolved.path;
  failedIn.add(r);
  r.log("crit", resolved.failure);
  return undefined;
}
