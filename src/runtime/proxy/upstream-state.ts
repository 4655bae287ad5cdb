/**
 * What the proxy leaves on a request for the variables: `$proxy_host` and friends while the
 * upstream request is built, and one record per upstream tried (`$upstream_addr`,
 * `$upstream_status`, …). A request that proxies again after an error_page redirect starts a
 * new group; nginx joins groups with " : " and the tries in a group with ", ".
 */
import type { Request } from "../context.js";
import type { HeaderList } from "../http/types.js";

export interface UpstreamTry {
  /** The peer's name (`127.0.0.1:8080`, `unix:/path`), or the upstream's when none was live. */
  readonly addr: string;
  /** When the try started (ms). */
  readonly start: number;
  /** The upstream's status, or the one nginx answered with (502, 504) when it had none; 0 = none yet. */
  status: number;
  /** ms from the start until connected, until the head was read, until the end. */
  connectMs: number | null;
  headerMs: number | null;
  responseMs: number | null;
  bytesSent: number;
  bytesReceived: number;
  /** Body bytes received (`$upstream_response_length`). */
  responseLength: number;
}

export interface ProxyRequestState {
  readonly groups: UpstreamTry[][];
  /** `$proxy_host` / `$proxy_port` of the request being proxied. */
  proxyHost: string;
  proxyPort: string;
  /** `$proxy_internal_body_length` (undefined: not found). */
  internalBodyLength: string | undefined;
  /** Headers of the last upstream response (`$upstream_http_…`). */
  responseHeaders: HeaderList | null;
}

const states = new WeakMap<Request, ProxyRequestState>();

export function proxyStateOf(r: Request): ProxyRequestState | undefined {
  return states.get(r);
}

/** Starts a new group of tries for a proxied pass of `r`. */
export function beginProxyPass(r: Request): ProxyRequestState {
  let s = states.get(r);
  if (s === undefined) {
    s = { groups: [], proxyHost: "", proxyPort: "", internalBodyLength: undefined, responseHeaders: null };
    states.set(r, s);
  }
  s.groups.push([]);
  s.responseHeaders = null;
  return s;
}

/** Records a new try in the current group. */
export function beginTry(s: ProxyRequestState, addr: string): UpstreamTry {
  const t: UpstreamTry = {
    addr,
    start: performance.now(),
    status: 0,
    connectMs: null,
    headerMs: null,
    responseMs: null,
    bytesSent: 0,
    bytesReceived: 0,
    responseLength: 0,
  };
  s.groups[s.groups.length - 1]!.push(t);
  return t;
}

/** ms since the try started. */
export function elapsed(t: UpstreamTry): number {
  return performance.now() - t.start;
}

/** Ends a try: its response time is taken now unless it was already. */
export function endTry(t: UpstreamTry, status?: number): void {
  if (status !== undefined && t.status === 0) t.status = status;
  t.responseMs ??= elapsed(t);
}
