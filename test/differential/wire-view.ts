/**
 * What a server sent back for one wire case, reduced to what the fuzz compares: the status of
 * each response in order, marked `*` when the handler ran (body HANDLER or its X-Handler
 * header), whether the server closed, and what is not well-formed HTTP about the bytes.
 */
import { headerValue, parseResponses, type HttpResponse } from "../../src/testing/http-response-parser.js";
import type { ExchangeResult } from "../../src/testing/tcp-client.js";

export interface WireView {
  /** `"200*"`, `"400"`, …; `"0.9*"` for a bare HTTP/0.9 body. */
  readonly statuses: readonly string[];
  readonly closed: boolean;
  /** Why the bytes are not well-formed HTTP/1.x responses; null when they are. */
  readonly problem: string | null;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const STATUS_LINE = /^HTTP\/1\.[01] [1-5][0-9][0-9] [^\r\n]+$/;

function handlerRan(r: HttpResponse): boolean {
  return r.body.toString("latin1") === "HANDLER" || headerValue(r.headers, "x-handler") !== undefined;
}

/** Problems of one response that a client could trip on. */
function malformation(r: HttpResponse): string | null {
  if (r.truncated !== undefined) return `truncated response: ${r.truncated}`;
  const statusLine = r.rawHeaders.split("\r\n", 1)[0] ?? "";
  if (!STATUS_LINE.test(statusLine)) return `bad status line ${JSON.stringify(statusLine)}`;
  if (!/\r\n\r\n$/.test(r.rawHeaders) || /[^\r]\n/.test(r.rawHeaders)) return "header lines not ended by CRLF";
  for (const [name, value] of r.headers) {
    if (!TOKEN.test(name)) return `bad header name ${JSON.stringify(name)}`;
    if (/[\0\r\n]/.test(value)) return `bad header value ${JSON.stringify(value)}`;
  }
  const lengths = r.headers.filter(([n]) => n.toLowerCase() === "content-length");
  if (lengths.length > 1) return "several Content-Length headers";
  if (lengths.length === 1 && headerValue(r.headers, "transfer-encoding") !== undefined) return "both Content-Length and Transfer-Encoding";
  return null;
}

/**
 * `http09` says the case's request had no version, so a bare body (HTTP/0.9) is a legal answer.
 */
export function wireViewOf(result: ExchangeResult, methods: readonly string[], http09: boolean): WireView {
  const data = result.data;
  const closed = result.closedByServer;
  const prefix = data.subarray(0, 5).toString("latin1");
  if (data.length > 0 && !"HTTP/".startsWith(prefix)) {
    // HTTP/0.9: no status line, so the status is read off the built-in error page's title.
    const body = data.toString("latin1");
    const page = /^<html>\r\n<head><title>(\d{3}) /.exec(body);
    const status = body === "HANDLER" ? "0.9*" : page !== null ? `0.9 ${page[1]}` : `0.9 (${data.length} bytes)`;
    return { statuses: [status], closed, problem: http09 ? null : `not HTTP: ${JSON.stringify(body.slice(0, 60))}` };
  }
  const parsed = parseResponses(data, { methodOf: (i) => methods[i] ?? "GET", closed: true });
  const statuses = parsed.responses.map((r) => `${r.status}${handlerRan(r) ? "*" : ""}`);
  let problem: string | null = parsed.garbage === undefined ? null : `garbage after ${statuses.length} responses: ${parsed.garbage}`;
  for (const r of parsed.responses) problem ??= malformation(r);
  return { statuses, closed, problem };
}

export function showWireView(v: WireView): string {
  const statuses = v.statuses.length === 0 ? "no response" : v.statuses.join(", ");
  return `${statuses}${v.closed ? " (closed)" : ""}${v.problem === null ? "" : ` [${v.problem}]`}`;
}
