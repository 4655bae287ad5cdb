/**
 * Sending a response the way nginx's header filter writes it: `Server`, `Date`,
 * `Content-Type`, `Content-Length`, `Last-Modified` and a relative `Location` made absolute
 * come first; then the connection headers; then `ETag`, the handler's headers and
 * `add_header` ones (for the success and redirect codes, or `always`).
 */
import { TSRESTY_VERSION } from "../../cli/build-info.js";
import type { Request, Runtime } from "../context.js";
import type { HeaderList } from "../http/types.js";
import { evaluate } from "../variables/evaluate.js";
import { formatHttpDate, httpDate } from "../variables/time-formats.js";
import { expiresHeaders } from "./expires.js";

export interface ResponseSpec {
  readonly status: number;
  /** A whole body, or chunks from a stream (`null`: headers only). */
  readonly body?: Buffer | string | null;
  readonly stream?: AsyncIterable<Buffer> | null;
  /** Known length of a streamed body; `null` sends chunked. */
  readonly contentLength?: number | null;
  /** `undefined`: the request's content type or the location's default_type. `null`: none. */
  readonly contentType?: string | null;
  readonly lastModified?: number | null;
  readonly etag?: string | null;
  /** Headers of the content handler (Accept-Ranges, Content-Range, …), written after ETag. */
  readonly headers?: HeaderList;
  /**
   * A proxied response's status line from the code on, as the upstream wrote it (`200 Weird`): its text
   * is repeated to the client, and its Content-Length/Content-Type are kept even on 204/304.
   */
  readonly statusLine?: string;
}

/** add_header applies to these codes unless `always` is given. */
const ADD_HEADER_CODES = new Set([200, 201, 204, 206, 301, 302, 303, 304, 307, 308]);

export function serverSignature(r: Request): string {
  return r.loc.serverTokens === "off" ? "tsresty" : `tsresty/${TSRESTY_VERSION}`;
}

/** nginx makes a relative Location absolute with the scheme, host and (non-80) port. */
export function absoluteLocation(r: Request, location: string): string {
  if (!location.startsWith("/") || !r.loc.absoluteRedirect) return location;
  const host = r.loc.serverNameInRedirect || r.host === "" ? r.server.name : r.host;
  const port = r.ex.connection.localPort;
  const portPart = r.loc.portInRedirect && port !== 80 && r.ex.connection.unixPath === null ? `:${port}` : "";
  return `http://${host}${portPart}${location}`;
}

/** Errors after which nginx closes the connection instead of keeping it alive. */
const CLOSING_ERRORS = new Set([400, 413, 414, 494, 497, 495, 496, 500, 501]);

function decideKeepalive(r: Request, status: number): void {
  let ms = r.loc.keepaliveTimeoutMs;
  if (CLOSING_ERRORS.has(status)) ms = 0;
  if (r.ex.connection.requests >= r.loc.keepaliveRequests) ms = 0;
  r.ex.keepaliveTimeout = ms;
}

export async function sendResponse(rt: Runtime, r: Request, res: ResponseSpec): Promise<void> {
  void rt;
  const status = r.errStatus > 0 ? r.errStatus : res.status;
  r.status = status;
  decideKeepalive(r, status);
  const headerOnly = status === 204 || status === 304 || (status >= 100 && status < 200);
  const body = res.body === undefined || res.body === null ? null : typeof res.body === "string" ? Buffer.from(res.body, "latin1") : res.body;
  const proxiedHeadOnly = res.statusLine !== undefined && r.errStatus === 0 && (status === 204 || status === 304);
  const length = headerOnly
    ? proxiedHeadOnly
      ? (res.contentLength ?? null)
      : null
    : body !== null
      ? body.length
      : res.stream
        ? (res.contentLength ?? null)
        : 0;

  const proxied = res.statusLine !== undefined && r.errStatus === 0;
  // A handler's own Server or Date (proxy_pass_header Server) replaces nginx's.
  const own = (name: string): boolean => r.headersOut.some(([n]) => n.toLowerCase() === name);
  const head: HeaderList = [];
  if (!own("server")) head.push(["Server", serverSignature(r)]);
  if (!own("date")) head.push(["Date", httpDate()]);
  const contentType = res.contentType === undefined ? (r.contentType ?? r.loc.defaultType) : res.contentType;
  if (contentType !== null && ((status !== 204 && status !== 304) || proxied)) head.push(["Content-Type", contentType]);
  if (length !== null) head.push(["Content-Length", String(length)]);
  // nginx's header filter keeps Last-Modified only for 200, 206 and 304.
  if (res.lastModified !== undefined && res.lastModified !== null && (status === 200 || status === 206 || status === 304)) {
    head.push(["Last-Modified", formatHttpDate(res.lastModified)]);
  }
  const more: HeaderList = [];
  if (r.location !== null) {
    const abs = absoluteLocation(r, r.location);
    if (abs !== r.location || r.location.startsWith("/")) head.push(["Location", abs]);
    else more.push(["Location", abs]);
  }
  if (res.etag !== undefined && res.etag !== null) more.push(["ETag", res.etag]);
  for (const h of r.headersOut) more.push(h);
  const addAll = ADD_HEADER_CODES.has(status);
  if (addAll) for (const h of expiresHeaders(r, res.lastModified ?? null)) more.push(h);
  for (const h of r.loc.addHeaders) {
    if (!addAll && !h.always) continue;
    const v = evaluate(h.value, r);
    if (v !== "") more.push([h.name, v]);
  }
  // The range filter runs after the headers filter: Accept-Ranges and Content-Range come last.
  for (const h of res.headers ?? []) more.push(h);

  // An HTTP/0.9 answer is the body alone, even to a HEAD nginx refuses.
  const hasBody = !headerOnly && (r.method !== "HEAD" || r.ex.head.version === 9);
  const statusText = proxied ? res.statusLine!.slice(4) : undefined;
  const sink = r.ex.sendHead(
    {
      status,
      headers: head,
      more,
      keepAliveHeader: r.loc.keepaliveHeaderSeconds,
      ...(statusText !== undefined && statusText !== "" ? { statusText } : {}),
    },
    { hasBody, contentLength: length },
  );
  if (!hasBody) {
    await sink.end();
    return;
  }
  if (body !== null) {
    await sink.end(body);
    return;
  }
  if (res.stream) {
    for await (const chunk of res.stream) await sink.write(chunk);
  }
  await sink.end();
}
