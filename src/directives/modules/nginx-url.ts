/**
 * nginx's URL reader (`ngx_parse_url`) for `host[:port][/uri]`, `[v6addr][:port][/uri]` and
 * `unix:/path[:uri]`, used by `upstream`'s `server`, `proxy_pass` and `syslog:server=`. It only
 * splits the text; names are resolved by resolve-host.ts. Failures carry nginx's reason
 * (`invalid port`, `no host`, …), which callers print as `<reason> in upstream "<url>"`.
 */
import { parseIPv6 } from "./inet-address.js";

/** A URL split as nginx does. */
export interface NginxUrl {
  readonly family: "inet" | "inet6" | "unix";
  /** The host as written (`[::1]` keeps its brackets); for unix sockets, the socket path. */
  readonly host: string;
  /** The port, or the default port when none was written. */
  readonly port: number;
  /** False when the URL had no port (nginx's `no_port`). */
  readonly portGiven: boolean;
  /** The port exactly as written (`""` when none). */
  readonly portText: string;
  /** The URI part, from the first `/` or `?` (unix: after the path's `:`); `""` when none. */
  readonly uri: string;
}

export interface UrlOptions {
  readonly defaultPort: number;
  /** Accept a URI part (proxy_pass); otherwise a `/` makes the host invalid. */
  readonly uriPart: boolean;
}

export type UrlResult = { readonly url: NginxUrl } | { readonly err: string };

/** Longest unix socket path nginx accepts (sizeof sun_path, counting the final NUL). */
const SUN_PATH_MAX = 108;

function parsePort(text: string): number | null {
  if (!/^[0-9]+$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= 65535 ? n : null;
}

function parseUnix(url: string, opts: UrlOptions): UrlResult {
  let path = url.slice(5);
  let uri = "";
  if (opts.uriPart) {
    const colon = path.indexOf(":");
    if (colon !== -1) {
      uri = path.slice(colon + 1);
      path = path.slice(0, colon);
    }
  }
  if (path.length === 0) return { err: "no path in the unix domain socket" };
  if (path.length + 1 > SUN_PATH_MAX) return { err: "too long path in the unix domain socket" };
  return { url: { family: "unix", host: path, port: 0, portGiven: false, portText: "", uri } };
}

function parseInet6(url: string, opts: UrlOptions): UrlResult {
  const close = url.indexOf("]");
  if (close === -1) return { err: "invalid host" };
  let rest = url.slice(close + 1);
  let uri = "";
  const slash = rest.indexOf("/");
  if (slash !== -1) {
    if (!opts.uriPart) return { err: "invalid host" };
    uri = rest.slice(slash);
    rest = rest.slice(0, slash);
  }
  let port = opts.defaultPort;
  let portText = "";
  if (rest.length > 0) {
    if (rest[0] !== ":") return { err: "invalid host" };
    portText = rest.slice(1);
    const n = parsePort(portText);
    if (n === null) return { err: "invalid port" };
    port = n;
  }
  const inner = url.slice(1, close);
  if (inner.length === 0) return { err: "no host" };
  if (parseIPv6(inner) === null) return { err: "invalid IPv6 address" };
  return { url: { family: "inet6", host: url.slice(0, close + 1), port, portGiven: portText !== "", portText, uri } };
}

function parseInet(url: string, opts: UrlOptions): UrlResult {
  let last = url.length;
  let colon = url.indexOf(":");
  let uriStart = url.indexOf("/");
  const q = url.indexOf("?");
  if (q !== -1 && (uriStart === -1 || q < uriStart)) uriStart = q;
  let uri = "";
  if (uriStart !== -1) {
    if (!opts.uriPart) return { err: "invalid host" };
    uri = url.slice(uriStart);
    last = uriStart;
    if (uriStart < colon) colon = -1;
  }
  let port = opts.defaultPort;
  let portText = "";
  if (colon !== -1) {
    portText = url.slice(colon + 1, last);
    const n = parsePort(portText);
    if (n === null) return { err: "invalid port" };
    port = n;
    last = colon;
  }
  const host = url.slice(0, last);
  if (host.length === 0) return { err: "no host" };
  return { url: { family: "inet", host, port, portGiven: colon !== -1, portText, uri } };
}

export function parseNginxUrl(url: string, opts: UrlOptions): UrlResult {
  if (url.slice(0, 5).toLowerCase() === "unix:") return parseUnix(url, opts);
  if (url.startsWith("[")) return parseInet6(url, opts);
  return parseInet(url, opts);
}
