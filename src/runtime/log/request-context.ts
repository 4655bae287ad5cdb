/**
 * The suffix nginx appends to error-log lines written while serving a request:
 * `, client: 127.0.0.1, server: localhost, request: "GET /x HTTP/1.1", host: "localhost"`,
 * after ` while <action>` when the request is busy with one (`while logging request`).
 */
import type { Request } from "../context.js";
import type { ConnectionInfo } from "../http/types.js";

/** What the suffix names; `host` and `referer` are the request's Host and Referer lines. */
export interface LogContextParts {
  readonly connection: ConnectionInfo;
  readonly server: string;
  readonly requestLine: string;
  readonly host: string | undefined;
  readonly referer: string | undefined;
}

export function logContext(p: LogContextParts): string {
  const c = p.connection;
  let s = `, client: ${c.unixPath !== null ? "unix:" : c.remoteAddr}, server: ${p.server}`;
  if (p.requestLine !== "") s += `, request: "${p.requestLine}"`;
  if (p.host !== undefined) s += `, host: "${p.host}"`;
  if (p.referer !== undefined) s += `, referrer: "${p.referer}"`;
  return s;
}

export function requestLogContext(r: Request): string {
  const action = r.logAction === null ? "" : ` while ${r.logAction}`;
  return (
    action +
    logContext({
      connection: r.ex.connection,
      server: r.server?.name ?? "",
      requestLine: r.ex.head.requestLine,
      host: r.header("host"),
      referer: r.header("referer"),
    })
  );
}
