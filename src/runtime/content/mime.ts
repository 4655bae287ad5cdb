/**
 * The Content-Type of a static response (nginx's `ngx_http_set_exten` and
 * `ngx_http_set_content_type`): the extension is taken from the URI, not the file name, and
 * looked up case-insensitively in `types`; otherwise `default_type`.
 */
import type { Request } from "../context.js";

/**
 * The extension of the URI's last segment: what follows its last `.`, unless that dot starts
 * the segment (`/.htaccess` has none) or is the URI's first character after `/`.
 * `/x.` has the empty extension, which no type matches.
 */
export function uriExtension(uri: string): string | null {
  for (let i = uri.length - 1; i > 1; i--) {
    const c = uri.charCodeAt(i);
    if (c === 0x2e /* . */ && uri.charCodeAt(i - 1) !== 0x2f /* / */) return uri.slice(i + 1);
    if (c === 0x2f) return null;
  }
  return null;
}

/** nginx folds ASCII letters only; latin1 bytes above 0x7f stay as they are. */
function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** A type a handler already chose wins, as in nginx; then `types`, then `default_type`. */
export function staticContentType(r: Request): string {
  if (r.contentType !== null && r.contentType !== "") return r.contentType;
  const ext = uriExtension(r.uri);
  if (ext !== null) {
    const type = r.loc.types.get(asciiLower(ext));
    if (type !== undefined) return type;
  }
  return r.loc.defaultType;
}
