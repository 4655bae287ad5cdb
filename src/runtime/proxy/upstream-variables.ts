/**
 * The variables of the upstream and proxy modules: `$upstream_addr`, `$upstream_status`,
 * `$upstream_response_time`, `$upstream_connect_time`, `$upstream_header_time`,
 * `$upstream_response_length`, `$upstream_bytes_received`, `$upstream_bytes_sent`,
 * `$upstream_http_<name>`, `$upstream_cookie_<name>`, `$proxy_host`, `$proxy_port`,
 * `$proxy_add_x_forwarded_for` and `$proxy_internal_body_length`. Registered with the
 * built-in variables when this module loads. Not found (`-` in logs) for a request that was
 * not proxied.
 */
import type { Request } from "../context.js";
import { defineRuntimeVariables, requestHeaderValue } from "../variables/builtin.js";
import { proxyStateOf, type UpstreamTry } from "./upstream-state.js";

function seconds(ms: number | null): string {
  return ms === null ? "-" : (Math.max(0, Math.floor(ms)) / 1000).toFixed(3);
}

/** One value per try: ", " between tries, " : " between proxied passes (error_page redirects). */
function perTry(format: (t: UpstreamTry) => string): (r: Request) => string | undefined {
  return (r) => {
    const groups = proxyStateOf(r)?.groups.filter((g) => g.length > 0);
    if (groups === undefined || groups.length === 0) return undefined;
    return groups.map((g) => g.map(format).join(", ")).join(" : ");
  };
}

function upstreamHeader(r: Request, rest: string): string | undefined {
  const headers = proxyStateOf(r)?.responseHeaders;
  if (headers === null || headers === undefined) return undefined;
  const wanted = rest.replace(/_/g, "-");
  for (const [name, value] of headers) if (name.toLowerCase() === wanted) return value;
  return undefined;
}

function upstreamCookie(r: Request, rest: string): string | undefined {
  const headers = proxyStateOf(r)?.responseHeaders;
  if (headers === null || headers === undefined) return undefined;
  for (const [name, value] of headers) {
    if (name.toLowerCase() !== "set-cookie") continue;
    const eq = value.indexOf("=");
    if (eq !== -1 && value.slice(0, eq).trim().toLowerCase() === rest) {
      const semi = value.indexOf(";", eq);
      return value.slice(eq + 1, semi === -1 ? undefined : semi);
    }
  }
  return undefined;
}

/** The client's X-Forwarded-For with the client's address appended. */
function addXForwardedFor(r: Request): string {
  const addr = r.ex.connection.remoteAddr;
  const prior = requestHeaderValue(r, "x_forwarded_for");
  return prior === undefined ? addr : `${prior}, ${addr}`;
}

defineRuntimeVariables(
  {
    upstream_addr: perTry((t) => t.addr),
    upstream_status: perTry((t) => (t.status === 0 ? "-" : String(t.status))),
    upstream_response_time: perTry((t) => seconds(t.responseMs)),
    upstream_connect_time: perTry((t) => seconds(t.connectMs)),
    upstream_header_time: perTry((t) => seconds(t.headerMs)),
    upstream_response_length: perTry((t) => String(t.responseLength)),
    upstream_bytes_received: perTry((t) => String(t.bytesReceived)),
    upstream_bytes_sent: perTry((t) => String(t.bytesSent)),
    proxy_host: (r) => proxyStateOf(r)?.proxyHost,
    proxy_port: (r) => proxyStateOf(r)?.proxyPort,
    proxy_add_x_forwarded_for: addXForwardedFor,
    proxy_internal_body_length: (r) => proxyStateOf(r)?.internalBodyLength,
    proxy_internal_chunked: () => undefined,
  },
  [
    ["upstream_http_", upstreamHeader],
    ["upstream_cookie_", upstreamCookie],
  ],
);
