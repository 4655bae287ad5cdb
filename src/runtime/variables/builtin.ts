/**
 * The built-in variables of the http modules tsresty implements, with nginx's values.
 * Families (`$arg_…`, `$http_…`, `$cookie_…`, `$sent_http_…`) are resolved by prefix.
 */
import type { Request } from "../context.js";
import { HOSTNAME } from "../context.js";
import { documentRoot, mapUriToPath } from "../content/map-path.js";
import { NGINX_COMPAT_VERSION } from "../../cli/build-info.js";
import { realpathRoot } from "./realpath-root.js";
import { msec, timeIso8601, timeLocal } from "./time-formats.js";

/** The `-p` prefix of the running conf, set once at start-up (used for relative roots). */
let prefix = "/";
export function setVariablePrefix(p: string): void {
  prefix = p;
}

/** The value of `name` in an `a=1&b=2` string (first match, raw, case-insensitive name). */
export function argValue(args: string, name: string): string | undefined {
  if (args === "") return undefined;
  for (const pair of args.split("&")) {
    const eq = pair.indexOf("=");
    const k = eq === -1 ? pair : pair.slice(0, eq);
    if (k.toLowerCase() === name) return eq === -1 ? "" : pair.slice(eq + 1);
  }
  return undefined;
}

/**
 * A cookie, found as nginx finds it: the Cookie headers in order, each a list of items split at
 * `;` or `,`; an item whose start is the name (any case), then optional spaces and `=`, gives the
 * value after the spaces that follow, up to the next `;` (commas included: `a=1, b=2` makes
 * `$cookie_a` "1, b=2" and `$cookie_b` "2").
 */
export function cookieValue(r: Request, name: string): string | undefined {
  for (const [h, v] of r.ex.head.headers) {
    if (h.toLowerCase() !== "cookie") continue;
    let i = 0;
    while (i < v.length) {
      if (v.slice(i, i + name.length).toLowerCase() === name) {
        let j = i + name.length;
        while (v[j] === " ") j++;
        if (v[j] === "=") {
          j++;
          while (v[j] === " ") j++;
          const end = v.indexOf(";", j);
          return v.slice(j, end === -1 ? v.length : end);
        }
      }
      // Not this item: on to the next one.
      while (i < v.length && v[i] !== ";" && v[i] !== ",") i++;
      i++;
      while (v[i] === " ") i++;
    }
  }
  return undefined;
}

/** Headers nginx 1.22 keeps as lists, whose `$http_*` joins every line; the others give the first. */
const JOINED_HEADERS: ReadonlyMap<string, string> = new Map([
  ["cookie", "; "],
  ["x_forwarded_for", ", "],
]);

/**
 * `$http_<name>`: header names compare lower-cased with `-` as `_` (so `X_Foo`, admitted by
 * `underscores_in_headers`, is `$http_x_foo` too).
 */
export function requestHeaderValue(r: Request, varName: string): string | undefined {
  const sep = JOINED_HEADERS.get(varName);
  let out: string | undefined;
  for (const [h, v] of r.ex.head.headers) {
    if (h.length !== varName.length || h.toLowerCase().replace(/-/g, "_") !== varName) continue;
    if (sep === undefined) return v;
    out = out === undefined ? v : out + sep + v;
  }
  return out;
}

function responseHeaderValue(r: Request, varName: string): string | undefined {
  const wanted = varName.replace(/_/g, "-");
  if (wanted === "content-type") return r.contentType ?? undefined;
  if (wanted === "location") return r.location ?? undefined;
  for (const [h, v] of r.headersOut) if (h.toLowerCase() === wanted) return v;
  return undefined;
}

function hostVariable(r: Request): string {
  if (r.host !== "") return r.host;
  return r.server?.name ?? "";
}

export type Getter = (r: Request) => string | undefined;
export type FamilyGetter = (r: Request, rest: string) => string | undefined;

const GETTERS: Record<string, Getter> = {
  uri: (r) => r.uri,
  document_uri: (r) => r.uri,
  request_uri: (r) => r.requestUri,
  args: (r) => r.args,
  query_string: (r) => r.args,
  is_args: (r) => (r.args !== "" ? "?" : ""),
  host: hostVariable,
  hostname: () => HOSTNAME,
  remote_addr: (r) => r.ex.connection.remoteAddr,
  remote_port: (r) => (r.ex.connection.unixPath !== null ? "" : String(r.ex.connection.remotePort)),
  binary_remote_addr: (r) => binaryAddr(r.ex.connection.remoteAddr),
  // On a unix socket nginx gives the socket's path here, and a bare "unix:" as $remote_addr.
  server_addr: (r) => (r.ex.connection.unixPath !== null ? `unix:${r.ex.connection.unixPath}` : r.ex.connection.localAddr),
  server_port: (r) => (r.ex.connection.unixPath !== null ? "" : String(r.ex.connection.localPort)),
  server_name: (r) => r.server?.name ?? "",
  server_protocol: (r) => r.ex.head.protocol,
  scheme: () => "http",
  https: () => "",
  request_method: (r) => r.method,
  request: (r) => r.ex.head.requestLine,
  status: (r) => (r.status === 0 ? "000" : String(r.status).padStart(3, "0")),
  body_bytes_sent: (r) => String(r.ex.bodyBytesSent),
  bytes_sent: (r) => String(r.ex.bytesSent),
  request_length: (r) => String(r.ex.head.headLength + bodyBytesRead(r)),
  request_time: (r) => ((Date.now() - r.start) / 1000).toFixed(3),
  msec: () => msec(Date.now()),
  time_local: () => timeLocal(Date.now()),
  time_iso8601: () => timeIso8601(Date.now()),
  document_root: (r) => documentRoot(r, prefix),
  realpath_root: (r) => realpathRoot(r, prefix),
  request_filename: (r) => mapUriToPath(r, prefix),
  content_type: (r) => r.header("content-type"),
  content_length: (r) => r.header("content-length"),
  connection: (r) => String(r.ex.connection.id),
  connection_requests: (r) => String(r.ex.connection.requests),
  pid: () => String(process.pid),
  nginx_version: () => NGINX_COMPAT_VERSION,
  request_body: (r) => (r.body === null ? undefined : r.body.toString("latin1")),
  request_completion: (r) => (r.ex.isFinished ? "OK" : ""),
  pipe: () => ".",
  limit_rate: () => "0",
  remote_user: () => undefined,
};

/**
 * The body part of `$request_length`: nginx counts the body bytes it read for a handler, not
 * the ones it discarded unread (`return`, static files), so a body nobody read counts nothing.
 * It counts them as they came on the wire: a chunked body's framing and trailers too.
 */
function bodyBytesRead(r: Request): number {
  if (r.body === null) return 0;
  return r.ex.decoder?.wireBytes ?? 0;
}

function binaryAddr(a: string): string {
  const parts = a.split(".");
  if (parts.length !== 4) return a;
  return String.fromCharCode(...parts.map((p) => Number(p) & 255));
}

const FAMILIES: [prefix: string, get: FamilyGetter][] = [
  ["arg_", (r, rest) => argValue(r.args, rest)],
  ["http_", (r, rest) => requestHeaderValue(r, rest)],
  ["cookie_", (r, rest) => cookieValue(r, rest)],
  ["sent_http_", (r, rest) => responseHeaderValue(r, rest)],
];

/**
 * Variables of runtime modules outside this file (the proxy's `$upstream_*` and `$proxy_*`):
 * each module adds its own when it loads, so this table does not import every module.
 */
export function defineRuntimeVariables(getters: Readonly<Record<string, Getter>>, families: readonly (readonly [string, FamilyGetter])[] = []): void {
  Object.assign(GETTERS, getters);
  for (const [prefix, get] of families) FAMILIES.push([prefix, get]);
}

/** A built-in variable (names are lower case), `undefined` when not found. */
export function builtinVariable(r: Request, name: string): string | undefined {
  const g = GETTERS[name];
  if (g !== undefined) return g(r);
  for (const [p, get] of FAMILIES) if (name.startsWith(p)) return get(r, name.slice(p.length));
  return undefined;
}
