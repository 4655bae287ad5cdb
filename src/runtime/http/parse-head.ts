/**
 * Parsing a request head (request line and header lines) with nginx's limits and answers:
 * a request line longer than a large header buffer is 414, a header line longer than one is
 * 400 "Request Header Or Cookie Too Large" (nginx's 494), malformed input is 400, an HTTP major
 * version above 1 is 505. Works on latin1 strings (one char per byte).
 */
import type { HeaderList, RequestHead } from "./types.js";

export interface HeadLimits {
  /** large_client_header_buffers size: the longest request or header line. */
  readonly lineMax: number;
  /** large_client_header_buffers number × size: the whole head. */
  readonly headMax: number;
  readonly underscoresInHeaders: boolean;
  readonly ignoreInvalidHeaders: boolean;
}

export const DEFAULT_HEAD_LIMITS: HeadLimits = {
  lineMax: 8192,
  headMax: 4 * 8192,
  underscoresInHeaders: false,
  ignoreInvalidHeaders: true,
};

/** Which part of the head was being read: nginx says "while reading client request line/headers". */
export type HeadPart = "line" | "headers";

export interface HeadError {
  readonly kind: "error";
  readonly status: 400 | 414 | 494 | 505 | 501;
  readonly reason: string;
  readonly part: HeadPart;
  readonly requestLine: string;
  /** What was read before the error (for `$request`, `$http_*` in the access log). */
  readonly method: string;
  readonly headers: HeaderList;
}

export type HeadParse =
  | { readonly kind: "incomplete" }
  | HeadError
  | { readonly kind: "ok"; readonly head: RequestHead; readonly consumed: number };

function headError(status: HeadError["status"], reason: string, part: HeadPart, requestLine: string, headers: HeaderList = []): HeadError {
  const method = /^[A-Z_-]+/.exec(requestLine)?.[0] ?? "";
  return { kind: "error", status, reason, part, requestLine, method, headers };
}

/** A RequestHead for a request that failed to parse, so it can be answered and logged. */
export function headOfError(e: HeadError): RequestHead {
  const headerMap = new Map<string, string>();
  for (const [n, v] of e.headers) if (!headerMap.has(n.toLowerCase())) headerMap.set(n.toLowerCase(), v);
  return {
    method: e.method,
    target: "",
    version: 11,
    protocol: "",
    requestLine: e.requestLine,
    headers: e.headers,
    headerMap,
    targetHost: null,
    headLength: 0,
  };
}

const METHOD = /^[A-Z_-]+$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const VERSION = /^HTTP\/(\d{1,3})\.(\d{1,3})$/;

function lineEnd(s: string, from: number): number {
  return s.indexOf("\n", from);
}

function stripCR(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}

function parseRequestLine(line: string):
  | { ok: true; method: string; target: string; protocol: string; version: 9 | 10 | 11 }
  | { ok: false; status: 400 | 505; reason: string } {
  const parts = line.split(/ +/);
  if (parts[parts.length - 1] === "") parts.pop();
  const [method, target, protocol, extra] = parts;
  if (method === undefined || target === undefined || !METHOD.test(method)) {
    return { ok: false, status: 400, reason: "client sent invalid method" };
  }
  if (extra !== undefined) return { ok: false, status: 400, reason: "client sent invalid request" };
  for (let i = 0; i < target.length; i++) {
    const c = target.charCodeAt(i);
    if (c < 0x21 || c === 0x7f) return { ok: false, status: 400, reason: "client sent invalid request" };
  }
  if (protocol === undefined) {
    if (method !== "GET") return { ok: false, status: 400, reason: "client sent invalid request" };
    return { ok: true, method, target, protocol: "", version: 9 };
  }
  const v = VERSION.exec(protocol);
  if (v === null) return { ok: false, status: 400, reason: "client sent invalid request" };
  const major = Number(v[1]);
  const minor = Number(v[2]);
  if (major > 1) return { ok: false, status: 505, reason: "client sent invalid version" };
  if (major < 1) return { ok: false, status: 400, reason: "client sent invalid version" };
  return { ok: true, method, target, protocol, version: minor >= 1 ? 11 : 10 };
}

/** Splits an absolute-form target (`http://host:port/path`) into host and origin-form path. */
function absoluteForm(target: string): { host: string; path: string } | null {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)(.*)$/.exec(target);
  if (m === null) return null;
  const path = m[2] === "" ? "/" : m[2]!.startsWith("/") ? m[2]! : null;
  if (path === null) return null;
  return { host: m[1]!.replace(/^.*@/, ""), path };
}

export function parseRequestHead(data: string, limits: HeadLimits = DEFAULT_HEAD_LIMITS): HeadParse {
  // Leading empty lines before a request line are skipped, as nginx does.
  let pos = 0;
  while (data.startsWith("\r\n", pos) || data[pos] === "\n") pos += data[pos] === "\n" ? 1 : 2;
  const start = pos;
  const rlEnd = lineEnd(data, pos);
  if (rlEnd === -1) {
    if (data.length - pos > limits.lineMax) return headError(414, "client sent too long URI", "line", "");
    return { kind: "incomplete" };
  }
  const requestLine = stripCR(data.slice(pos, rlEnd));
  if (rlEnd - pos > limits.lineMax) return headError(414, "client sent too long URI", "line", "");
  const rl = parseRequestLine(requestLine);
  if (!rl.ok) return headError(rl.status, rl.reason, "line", requestLine);
  pos = rlEnd + 1;

  let target = rl.target;
  let targetHost: string | null = null;
  if (!target.startsWith("/")) {
    const abs = absoluteForm(target);
    if (abs === null) return headError(400, "client sent invalid request", "line", requestLine);
    targetHost = abs.host;
    target = abs.path;
  }

  const headers: HeaderList = [];
  const headerMap = new Map<string, string>();
  if (rl.version !== 9) {
    for (;;) {
      const e = lineEnd(data, pos);
      const tooLong = (): HeadError =>
        headError(494, `client sent too long header line: "${data.slice(pos, pos + 32)}..."`, "headers", requestLine, headers);
      if (e === -1) {
        if (data.length - pos > limits.lineMax || data.length - start > limits.headMax) return tooLong();
        return { kind: "incomplete" };
      }
      if (e - pos > limits.lineMax || e - start > limits.headMax) return tooLong();
      const line = stripCR(data.slice(pos, e));
      pos = e + 1;
      if (line === "") break;
      const colon = line.indexOf(":");
      const name = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? "" : line.slice(colon + 1).trim();
      // Controls, spaces and DEL in a name (or a NUL anywhere) make the line invalid: 400.
      if (name === "" || /[\x00-\x20\x7f]/.test(name) || line.indexOf("\0") !== -1) {
        return headError(400, `client sent invalid header line: "${line}"`, "headers", requestLine, headers);
      }
      const valid = TOKEN.test(name) && (limits.underscoresInHeaders || name.indexOf("_") === -1);
      if (!valid) {
        if (limits.ignoreInvalidHeaders) continue;
        return headError(400, `client sent invalid header line: "${line}"`, "headers", requestLine, headers);
      }
      const lname = name.toLowerCase();
      if (lname === "host" && headerMap.has("host")) {
        const previous = headers.find(([n]) => n.toLowerCase() === "host")!;
        return headError(400, `client sent duplicate host header: "${name}: ${value}", previous value: "${previous[0]}: ${previous[1]}"`, "headers", requestLine, headers);
      }
      headers.push([name, value]);
      if (!headerMap.has(lname)) headerMap.set(lname, value);
    }
  }
  const head: RequestHead = {
    method: rl.method,
    target,
    version: rl.version,
    protocol: rl.protocol,
    requestLine,
    headers,
    headerMap,
    targetHost,
    headLength: pos - start,
  };
  return { kind: "ok", head, consumed: pos };
}
