/**
 * nginx's URI normalisation (`ngx_http_parse_complex_uri`), see nginx-conf.md §4.6.
 *
 * Strings are latin1 byte strings. A request path is percent-decoded (a decoded `/` is a real
 * slash; decoded `%`, `#`, `?` are data), slashes merge when `merge_slashes` is on, and dot
 * segments resolve; `%00`, a bad escape and climbing above `/` are 400.
 */

export interface SplitTarget {
  /** The raw path, up to `?` or `#`. */
  readonly path: string;
  /** The raw query string without `?` (empty when absent). */
  readonly args: string;
  readonly hasArgs: boolean;
}

/** Splits a request target: `?` ends the path, a raw `#` ends the path or the args. */
export function splitTarget(target: string): SplitTarget {
  const hash = target.indexOf("#");
  const t = hash === -1 ? target : target.slice(0, hash);
  const q = t.indexOf("?");
  if (q === -1) return { path: t, args: "", hasArgs: false };
  return { path: t.slice(0, q), args: t.slice(q + 1), hasArgs: true };
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

/** Percent-decodes a path; `null` for `%00` or a bad or truncated escape (nginx: 400). */
export function decodePath(raw: string): string | null {
  if (raw.indexOf("%") === -1) return raw;
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c !== 0x25) {
      out += raw[i];
      continue;
    }
    const hi = i + 1 < raw.length ? hexValue(raw.charCodeAt(i + 1)) : -1;
    const lo = i + 2 < raw.length ? hexValue(raw.charCodeAt(i + 2)) : -1;
    if (hi < 0 || lo < 0) return null;
    const b = hi * 16 + lo;
    if (b === 0) return null;
    out += String.fromCharCode(b);
    i += 2;
  }
  return out;
}

/**
 * Resolves `.` and `..` segments and merges slashes. `null` when a `..` would climb above `/`.
 * A trailing `.` or `..` segment leaves a trailing slash, as nginx does.
 */
export function resolveDots(path: string, mergeSlashes: boolean): string | null {
  const simple = path.indexOf("/.") === -1 && (!mergeSlashes || path.indexOf("//") === -1);
  if (simple) return path;
  const parts = path.split("/");
  // parts[0] is "" for an absolute path.
  const out: string[] = [];
  const last = parts.length - 1;
  for (let i = 1; i <= last; i++) {
    const seg = parts[i]!;
    if (seg === "." || seg === "..") {
      if (seg === "..") {
        if (out.length === 0) return null;
        out.pop();
      }
      if (i === last) out.push("");
      continue;
    }
    if (seg === "" && mergeSlashes && i !== last) continue;
    out.push(seg);
  }
  let resolved = "/" + out.join("/");
  if (mergeSlashes) resolved = resolved.replace(/\/{2,}/g, "/");
  return resolved;
}

/** The normalised `$uri` of a raw path, or `null` for a request nginx answers 400. */
export function normalizeUri(rawPath: string, mergeSlashes: boolean): string | null {
  if (rawPath.charCodeAt(0) !== 0x2f) return null;
  const decoded = decodePath(rawPath);
  if (decoded === null) return null;
  return resolveDots(decoded, mergeSlashes);
}
