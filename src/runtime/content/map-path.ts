/**
 * Mapping `$uri` to a file (nginx's `ngx_http_map_uri_to_path`): `root` appends the URI,
 * `alias` replaces the location's name by the alias path, and an `alias` in a regex location
 * is the whole path (usually with captures) — unless try_files found a file there, after which
 * the new URI is appended, as nginx's `r->add_uri_to_alias` does.
 */
import type { Request } from "../context.js";
import { RequestPath } from "./request-path.js";

/**
 * Requests whose URI try_files made relative to a regex location's alias. A flag of the
 * request in nginx; kept here so the request object does not carry a field only this module
 * reads. Like nginx's flag it lasts for the rest of the request.
 */
const uriAddedToAlias = new WeakSet<Request>();

export function addUriToAlias(r: Request): void {
  uriAddedToAlias.add(r);
}

/** The document root in effect, with the origin of its bytes. */
export function documentRootPath(r: Request, prefix: string): RequestPath {
  const root = r.loc.root;
  const path = new RequestPath().evaluated(root.path, r);
  // A root starting with a variable is resolved against the prefix once evaluated.
  if (root.path.constant || path.text.startsWith("/")) return path;
  return new RequestPath().trusted(prefix).append(path);
}

/** The file `uri` maps to, with the origin of its bytes. */
export function mapUriToRequestPath(r: Request, prefix: string, uri: string = r.uri): RequestPath {
  const root = r.loc.root;
  const base = documentRootPath(r, prefix);
  if (!root.alias) return base.untrusted(uri);
  if (root.aliasInRegex) return uriAddedToAlias.has(r) ? base.untrusted(uri) : base;
  return base.untrusted(uri.slice(root.aliasLength));
}

/** `$document_root`, resolved against the prefix. */
export function documentRoot(r: Request, prefix: string): string {
  return documentRootPath(r, prefix).text;
}

/** `$request_filename`: the file the URI maps to (latin1 bytes). */
export function mapUriToPath(r: Request, prefix: string, uri: string = r.uri): string {
  return mapUriToRequestPath(r, prefix, uri).text;
}
