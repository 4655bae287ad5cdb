/**
 * Parsing a request head (request line and header lines) with nginx's limits and answers:
 * a request line that does not fit nginx's header buffers is 414, a header line that does not
 * is 400 "Request Header Or Cookie Too Large" (nginx's 494), malformed input is 400, a repeated
 * header nginx keeps only once is 400, an HTTP major version above 1 is 505. Works on latin1
 * strings (one char per byte).
 */
import { HeaderBuffers } from "./header-buffers.js";
import { validateHost } from "../server-names.js";
import type { HeaderList, IgnoredHeaderLine, RequestHead } from "./types.js";

export interface HeadLimits {
  /** client_header_buffer_size: the buffer a request head is read into first. */
  readonly firstBuffer: number;
  /** large_client_header_buffers size: the longest request or header line beyond the first buffer. */
  readonly largeSize: number;
  /** large_client_header_buffers number. */
  readonly largeCount: number;
  readonly underscoresInHeaders: boolean;
  readonly ignoreInvalidHeaders: boolean;
}

export const DEFAULT_HEAD_LIMITS: HeadLimits = {
  firstBuffer: 1024,
  largeSize: 8192,
  largeCount: 4,
  underscoresInHeaders: false,
  ignoreInvalidHeaders: true,
};

/**
 * Headers nginx stores in one slot: a second one is 400 "client sent duplicate header line"
 * (Host has a message of its own).
 */
const UNIQUE_HEADERS: ReadonlySet<string> = new Set([
  "content-length",
  "content-range",
  "transfer-encoding",
  "expect",
  "authorization",
  "if-modified-since",
  "if-unmodified-since",
  "if-match",
  "if-none-match",
  "if-range",
]);

/** nginx prints at most this much of a header line that is too long (NGX_MAX_ERROR_STR - 300). */
const LONG_LINE_SHOWN = 1748;

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
  /** Header lines dropped before the error (nginx has logged them by then). */
  readonly ignored: readonly IgnoredHeaderLine[];
  /** 9 when the request line was an HTTP/0.9 one: the answer is then a bare body, as nginx's. */
  readonly version: 9 | 11;
}

export type HeadParse =
  /**
   * `partial`: what the head holds so far — the request line (whole or not) and the complete
   * header lines, kept and dropped — for the log lines of a client that never finishes it.
   */
  | { readonly kind: "incomplete"; readonly partial: HeadError }
  | HeadError
  | { readonly kind: "ok"; readonly head: RequestHead; readonly consumed: number };

function headError(
  status: HeadError["status"],
  reason: string,
  part: HeadPart,
  requestLine: string,
  headers: HeaderList = [],
  version: 9 | 11 = 11,
  ignored: readonly IgnoredHeaderLine[] = [],
): HeadError {
  const method = /^[A-Z_-]+/.exec(requestLine)?.[0] ?? "";
  return { kind: "error", status, reason, part, requestLine, method, headers, ignored, version };
}

/** A RequestHead for a request that failed to parse, so it can be answered and logged. */
export function headOfError(e: HeadError): RequestHead {
  const headerMap = new Map<string, string>();
  for (const [n, v] of e.headers) if (!headerMap.has(n.toLowerCase())) headerMap.set(n.toLowerCase(), v);
  return {
    method: e.method,
    target: "",
    version: e.version,
    protocol: "",
    requestLine: e.requestLine,
    headers: e.headers,
    headerMap,
    targetHost: null,
    headLength: 0,
    ignoredLines: e.ignored,
  };
}

const METHOD = /^[A-Z_-]+$/;
/** The bytes nginx admits in a header name (`_` only with underscores_in_headers). */
const NAME = /^[-_0-9A-Za-z]+$/;

/**
 * Where a header line is broken beyond ignoring (400), or -1: a name holding a space, a control
 * byte or DEL (a line starting with one — folding — included), a line starting with `:`, or a
 * NUL or bare CR in the value. nginx shows the line up to that byte, the byte as `\xHH`, `...`.
 */
function brokenAt(line: string): number {
  if (line.startsWith(":")) return 0;
  const colon = line.indexOf(":");
  const nameEnd = colon === -1 ? line.length : colon;
  for (let i = 0; i < nameEnd; i++) {
    const c = line.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f) return i;
  }
  for (let i = nameEnd; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0 || c === 0x0d) return i;
  }
  return -1;
}

/**
 * A dropped header line as nginx shows it: from its name to the end of its value, without the
 * spaces after the value (tabs stay) — but an empty value keeps the spaces after the colon.
 */
function ignoredLineText(line: string): string {
  const colon = line.indexOf(":");
  if (colon === -1) return line;
  let end = line.length;
  while (end > colon + 1 && line.charCodeAt(end - 1) === 0x20) end--;
  return end === colon + 1 ? line : line.slice(0, end);
}

/**
 * A header value as nginx's parser takes it: the spaces before and after it go, nothing else —
 * tabs there stay part of the value (`X-A:\t1\t` is "\t1\t").
 */
function withoutSpacesAround(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && value.charCodeAt(start) === 0x20) start++;
  while (end > start && value.charCodeAt(end - 1) === 0x20) end--;
  return value.slice(start, end);
}

function lineEnd(s: string, from: number): number {
  return s.indexOf("\n", from);
}

/** One CR before a line's LF. */
function stripCR(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}

/** A header line's CRs before its LF: nginx takes CR CR LF there (not after the request line). */
function stripCRs(line: string): string {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 0x0d) end--;
  return end === line.length ? line : line.slice(0, end);
}

/**
 * `HTTP/major.minor` as nginx reads it: the first major digit is 1–9 (else 400), and the major
 * version is refused (505) as soon as it exceeds 1 — so `HTTP/2` and `HTTP/10.0` are 505 while
 * `HTTP/01.1` is 400; then `.` and one to three minor digits (`HTTP/1.01` is 1.1).
 */
function parseVersion(protocol: string): { ok: true; version: 10 | 11 } | { ok: false; status: 400 | 505; reason: string } {
  const invalid = { ok: false, status: 400, reason: "client sent invalid request" } as const;
  if (!protocol.startsWith("HTTP/")) return invalid;
  const first = protocol.charCodeAt(5);
  if (first < 0x31 || first > 0x39) return invalid;
  if (first > 0x31 || /^[0-9]$/.test(protocol[6] ?? "")) return { ok: false, status: 505, reason: "client sent invalid version" };
  const minor = /^\.([0-9]{1,3})$/.exec(protocol.slice(6));
  if (minor === null) return invalid;
  return { ok: true, version: Number(minor[1]) >= 1 ? 11 : 10 };
}

function parseRequestLine(line: string):
  | { ok: true; method: string; target: string; protocol: string; version: 9 | 10 | 11 }
  | { ok: false; status: 400 | 505; reason: string; version?: 9 } {
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
    if (method !== "GET") return { ok: false, status: 400, reason: "client sent invalid method in HTTP/0.9 request", version: 9 };
    return { ok: true, method, target, protocol: "", version: 9 };
  }
  const v = parseVersion(protocol);
  if (!v.ok) return v;
  return { ok: true, method, target, protocol, version: v.version };
}

/**
 * Splits an absolute-form target (`http://host:port/path`) into host and origin-form path, as
 * nginx's parser admits it: any scheme of letters, digits, `+`, `-`, `.` (starting with a
 * letter); a host of letters, digits, `.` and `-` (no user info, no `_` or `%`) or an IPv6
 * literal; an optional all-digit port; then a path, a query (`http://x?a` is `/` with args `a`;
 * nginx's `$request_uri` is then `?a`, ours `/?a`) or nothing (`/`).
 */
function absoluteForm(target: string): { host: string; path: string } | null {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([A-Za-z0-9.-]*|\[[0-9A-Fa-f:.]+\])(:[0-9]*)?([/?].*)?$/.exec(target);
  if (m === null || m[1] === "") return null;
  const rest = m[3] ?? "";
  return { host: m[1]! + (m[2] ?? ""), path: rest.startsWith("/") ? rest : `/${rest}` };
}

export function parseRequestHead(data: string, limits: HeadLimits = DEFAULT_HEAD_LIMITS): HeadParse {
  const buffers = new HeaderBuffers(limits);
  // CR and LF bytes before a request line are skipped, as nginx does (they still take room).
  let pos = 0;
  while (data[pos] === "\r" || data[pos] === "\n") pos++;
  buffers.skip(pos);
  const start = pos;
  const rlEnd = lineEnd(data, pos);
  // nginx's $request for a request line that does not fit: what its buffer held of it.
  const tooLongUri = (): HeadError => headError(414, "client sent too long URI", "line", data.slice(start, start + buffers.keptOfRefused()));
  // A CR must end the request line: a CR before any other byte is refused at once. (Header
  // lines are checked below as they complete, and their last, partial one before it is.)
  const strayCr = /\r[^\r\n]/.exec(data.slice(pos, rlEnd === -1 ? data.length : rlEnd));
  if (strayCr !== null) {
    return headError(400, "client sent invalid request", "line", stripCR(data.slice(pos, rlEnd === -1 ? data.length : rlEnd)));
  }
  if (rlEnd === -1) {
    if (!buffers.canHold(data.length - pos)) return tooLongUri();
    // nginx refuses a bad method byte as soon as it arrives, without waiting for the line's end.
    const partialMethod = data.slice(pos).split(" ", 1)[0]!;
    if (!/^[A-Z_-]*$/.test(partialMethod)) return headError(400, "client sent invalid method", "line", stripCR(data.slice(pos)));
    return { kind: "incomplete", partial: headError(400, "", "line", stripCR(data.slice(pos))) };
  }
  if (!buffers.place(rlEnd + 1 - pos)) return tooLongUri();
  const requestLine = stripCR(data.slice(pos, rlEnd));
  if (requestLine.endsWith("\r")) return headError(400, "client sent invalid request", "line", stripCRs(requestLine));
  const rl = parseRequestLine(requestLine);
  if (!rl.ok) return headError(rl.status, rl.reason, "line", requestLine, [], rl.version ?? 11);
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
  const ignored: IgnoredHeaderLine[] = [];
  const refuse = (status: HeadError["status"], reason: string): HeadError => headError(status, reason, "headers", requestLine, headers, 11, ignored);
  if (rl.version !== 9) {
    for (;;) {
      const e = lineEnd(data, pos);
      const tooLong = (): HeadError => {
        const shown = data.slice(pos, pos + Math.min(buffers.keptOfRefused(), LONG_LINE_SHOWN));
        return refuse(494, `client sent too long header line: "${shown}..."`);
      };
      if (e === -1) {
        // A CR inside the line being read is refused at once, without waiting for its end.
        const cr = /\r[^\r\n]/.exec(data.slice(pos));
        if (cr !== null) return refuse(400, `client sent invalid header line: "${data.slice(pos, pos + cr.index)}\\x0d..."`);
        if (!buffers.canHold(data.length - pos)) return tooLong();
        return { kind: "incomplete", partial: refuse(400, "") };
      }
      if (!buffers.place(e + 1 - pos)) return tooLong();
      const raw = stripCR(data.slice(pos, e));
      pos = e + 1;
      if (raw === "") break;
      // The empty line that ends the head takes one CR only.
      if (raw === "\r") return refuse(400, "client sent invalid header line");
      const line = stripCRs(raw);
      const bad = brokenAt(line);
      if (bad !== -1) {
        const shown = `${line.slice(0, bad)}\\x${line.charCodeAt(bad).toString(16).padStart(2, "0")}...`;
        return refuse(400, `client sent invalid header line: "${shown}"`);
      }
      const colon = line.indexOf(":");
      const name = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? "" : withoutSpacesAround(line.slice(colon + 1));
      // Other odd bytes in a name make an invalid header, which nginx drops by default
      // (ignore_invalid_headers), saying so at info, and otherwise keeps as it came.
      const valid = NAME.test(name) && (limits.underscoresInHeaders || name.indexOf("_") === -1);
      if (!valid && limits.ignoreInvalidHeaders) {
        ignored.push({ text: ignoredLineText(line), headersBefore: headers.length });
        continue;
      }
      const lname = name.toLowerCase();
      // nginx checks a Host line as soon as it is read, before the rest of the head arrives.
      if (lname === "host" && !headerMap.has("host") && value !== "" && validateHost(value) === null) {
        return refuse(400, "client sent invalid host header");
      }
      if (lname === "host" && headerMap.has("host")) {
        const previous = headers.find(([n]) => n.toLowerCase() === "host")!;
        return refuse(400, `client sent duplicate host header: "${name}: ${value}", previous value: "${previous[0]}: ${previous[1]}"`);
      }
      if (UNIQUE_HEADERS.has(lname) && headerMap.has(lname)) {
        const previous = headers.find(([n]) => n.toLowerCase() === lname)!;
        return refuse(400, `client sent duplicate header line: "${name}: ${value}", previous value: "${previous[0]}: ${previous[1]}"`);
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
    ignoredLines: ignored,
  };
  return { kind: "ok", head, consumed: pos };
}
