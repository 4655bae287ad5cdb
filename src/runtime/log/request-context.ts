/**
 * The suffix nginx appends to error-log lines written while serving a request:
 * `, client: 127.0.0.1, server: localhost, request: "GET /x HTTP/1.1", host: "localhost"`,
 * after ` while <action>` when the request is busy with one (`while logging request`).
 */
import type { Request } from "../context.js";

export function requestLogContext(r: Request): string {
  const c = r.ex.connection;
  let s = r.logAction === null ? "" : ` while ${r.logAction}`;
  s += `, client: ${c.unixPath !== null ? "unix:" : c.remoteAddr}, server: ${r.server?.name ?? ""}`;
  const line = r.ex.head.requestLine;
  if (line !== "") s += `, request: "${line}"`;
  const host = r.header("host");
  if (host !== undefined) s += `, host: "${host}"`;
  const referer = r.header("referer");
  if (referer !== undefined) s += `, referrer: "${referer}"`;
  return s;
}
