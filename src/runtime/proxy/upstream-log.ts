/**
 * Error-log lines written while proxying, in nginx's shape:
 *   `connect() failed (111: Connection refused) while connecting to upstream, client: …,
 *    server: …, request: "…", upstream: "http://127.0.0.1:8080/x", host: "…"`
 * The `while …` part says what the proxy was doing; `upstream:` names the server and the URI
 * sent to it (a unix socket's path is followed by `:` before the URI).
 */
import type { Request, Runtime } from "../context.js";
import type { LogLevel } from "../../directives/log-levels.js";

/** What the proxy was doing (nginx's log action). */
export type UpstreamAction =
  | "connecting to upstream"
  | "SSL handshaking to upstream"
  | "sending request to upstream"
  | "reading response header from upstream"
  | "reading upstream"
  | "sending to client";

/** `, upstream: "…"` names this. */
export interface UpstreamTarget {
  readonly scheme: string;
  readonly peer: string;
  readonly unix: boolean;
  readonly uri: string;
}

/** The suffix of a request's error-log line, with the upstream after the request line. */
export function upstreamLogContext(r: Request, target: UpstreamTarget | null): string {
  const c = r.ex.connection;
  let s = `, client: ${c.unixPath !== null ? "unix:" : c.remoteAddr}, server: ${r.server?.name ?? ""}`;
  const line = r.ex.head.requestLine;
  if (line !== "") s += `, request: "${line}"`;
  if (target !== null) s += `, upstream: "${target.scheme}://${target.peer}${target.unix ? ":" : ""}${target.uri}"`;
  const host = r.header("host");
  if (host !== undefined) s += `, host: "${host}"`;
  const referer = r.header("referer");
  if (referer !== undefined) s += `, referrer: "${referer}"`;
  return s;
}

export function logUpstream(rt: Runtime, r: Request, level: LogLevel, message: string, action: UpstreamAction, target: UpstreamTarget | null): void {
  rt.errorLogFor(r.loc).log(level, `${message} while ${action}`, r.ex.connection.id, upstreamLogContext(r, target));
}
