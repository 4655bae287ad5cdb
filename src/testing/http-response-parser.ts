// Parses the bytes a server sent back into HTTP/1.x responses: Content-Length, chunked bodies
// with trailers, bodies delimited by the connection closing, HEAD and 1xx/204/304 responses
// without bodies, and several responses back to back (pipelining). It is a pure function of the
// bytes so far, so the client can re-run it on every packet and stop as soon as it has what it
// expects, and report a truncated response instead of hanging on it.

export type HeaderList = readonly (readonly [string, string])[];

export interface HttpResponse {
  readonly protocol: string;
  readonly status: number;
  readonly reason: string;
  /** The status line and header lines exactly as received, up to and including the blank line. */
  readonly rawHeaders: string;
  readonly headers: HeaderList;
  /** Decoded body (chunked framing removed). */
  readonly body: Buffer;
  readonly trailers: HeaderList;
  /** Interim 1xx responses that came before this one. */
  readonly interim: readonly HttpResponse[];
  /** Why the response is incomplete; undefined when it arrived whole. */
  readonly truncated: string | undefined;
}

export interface ParseResult {
  readonly responses: readonly HttpResponse[];
  /** The bytes after the last complete response (an incomplete one, or garbage). */
  readonly rest: Buffer;
  /** True when `rest` holds the start of a response that needs more bytes. */
  readonly needMore: boolean;
  /** Set when the bytes are not HTTP at all. */
  readonly garbage: string | undefined;
}

export interface ParseOptions {
  /** The method of the i-th request, to know which responses have no body (HEAD). */
  readonly methodOf: (index: number) => string | undefined;
  /** The server closed the connection: nothing more will come, so a body without length ends here. */
  readonly closed: boolean;
}

const CRLF_CRLF = Buffer.from("\r\n\r\n");
const LF_LF = Buffer.from("\n\n");

export function parseResponses(data: Buffer, options: ParseOptions): ParseResult {
  const responses: HttpResponse[] = [];
  let offset = 0;
  let interim: HttpResponse[] = [];

  while (offset < data.length) {
    const step = parseOne(data, offset, responses.length, interim, options);
    if (step.kind === "garbage") {
      return { responses, rest: data.subarray(offset), needMore: false, garbage: step.why };
    }
    if (step.kind === "need-more") {
      if (options.closed) {
        responses.push(truncatedResponse(data.subarray(offset), interim, step.why));
        return { responses, rest: Buffer.alloc(0), needMore: false, garbage: undefined };
      }
      return { responses, rest: data.subarray(offset), needMore: true, garbage: undefined };
    }
    offset = step.end;
    if (step.response.status >= 100 && step.response.status < 200 && step.response.status !== 101) {
      interim.push(step.response);
      continue;
    }
    responses.push(step.response);
    interim = [];
  }
  return { responses, rest: Buffer.alloc(0), needMore: interim.length > 0 && !options.closed, garbage: undefined };
}

type Step =
  | { kind: "done"; response: HttpResponse; end: number }
  | { kind: "need-more"; why: string }
  | { kind: "garbage"; why: string };

function parseOne(data: Buffer, start: number, index: number, interim: HttpResponse[], options: ParseOptions): Step {
  const prefix = data.subarray(start, start + 5).toString("latin1");
  if (!"HTTP/".startsWith(prefix) && !prefix.startsWith("HTTP/")) {
    return { kind: "garbage", why: `expected a status line, got ${JSON.stringify(data.subarray(start, start + 40).toString("latin1"))}` };
  }
  const headEnd = findHeadEnd(data, start);
  if (headEnd === undefined) return { kind: "need-more", why: "connection closed inside the response headers" };

  const rawHeaders = data.subarray(start, headEnd).toString("latin1");
  const lines = rawHeaders.split(/\r?\n/).filter((l) => l !== "");
  const status = /^(HTTP\/\d\.\d) (\d{3})(?: (.*))?$/.exec(lines[0] ?? "");
  if (!status) return { kind: "garbage", why: `malformed status line ${JSON.stringify(lines[0])}` };
  const headers = lines.slice(1).map(splitHeader);
  const code = Number(status[2]);
  const base = {
    protocol: status[1]!,
    status: code,
    reason: status[3] ?? "",
    rawHeaders,
    headers,
    interim: code >= 100 && code < 200 ? [] : interim.slice(),
  };

  const method = options.methodOf(index);
  const bodyless = method === "HEAD" || (code >= 100 && code < 200) || code === 204 || code === 304;
  if (bodyless) return done(base, Buffer.alloc(0), [], headEnd);

  const transferEncoding = headerValue(headers, "transfer-encoding");
  if (transferEncoding !== undefined && /(^|,)\s*chunked\s*$/i.test(transferEncoding)) {
    return parseChunked(data, headEnd, base, options.closed);
  }
  const contentLength = headerValue(headers, "content-length");
  if (contentLength !== undefined) {
    if (!/^\d+$/.test(contentLength.trim())) return { kind: "garbage", why: `bad Content-Length "${contentLength}"` };
    const length = Number(contentLength);
    const available = data.length - headEnd;
    if (available < length) {
      if (!options.closed) return { kind: "need-more", why: "" };
      return {
        kind: "done",
        response: { ...base, body: data.subarray(headEnd), trailers: [], truncated: `connection closed after ${available} of ${length} body bytes` },
        end: data.length,
      };
    }
    return done(base, data.subarray(headEnd, headEnd + length), [], headEnd + length);
  }
  // No length at all: the body runs until the server closes the connection.
  if (!options.closed) return { kind: "need-more", why: "" };
  return done(base, data.subarray(headEnd), [], data.length);
}

function parseChunked(data: Buffer, bodyStart: number, base: Omit<HttpResponse, "body" | "trailers" | "truncated">, closed: boolean): Step {
  const chunks: Buffer[] = [];
  let pos = bodyStart;
  const cut = (why: string): Step =>
    closed
      ? { kind: "done", response: { ...base, body: Buffer.concat(chunks), trailers: [], truncated: why }, end: data.length }
      : { kind: "need-more", why: "" };

  for (;;) {
    const eol = data.indexOf("\n", pos, "latin1");
    if (eol < 0) return cut("connection closed inside a chunk size line");
    const sizeLine = data.subarray(pos, eol).toString("latin1").replace(/\r$/, "");
    const m = /^([0-9A-Fa-f]+)\s*(;.*)?$/.exec(sizeLine);
    if (!m) return { kind: "garbage", why: `bad chunk size line ${JSON.stringify(sizeLine)}` };
    const size = parseInt(m[1]!, 16);
    pos = eol + 1;
    if (size === 0) break;
    if (data.length < pos + size) {
      chunks.push(data.subarray(pos));
      return cut(`connection closed inside a chunk (${data.length - pos} of ${size} bytes)`);
    }
    chunks.push(data.subarray(pos, pos + size));
    pos += size;
    if (data[pos] === 0x0d) pos++;
    if (pos >= data.length) return cut("connection closed after a chunk");
    if (data[pos] !== 0x0a) return { kind: "garbage", why: "chunk data not followed by CRLF" };
    pos++;
  }
  // Trailer fields, then the blank line that ends the message.
  const trailers: [string, string][] = [];
  for (;;) {
    const eol = data.indexOf("\n", pos, "latin1");
    if (eol < 0) return cut("connection closed inside the chunked trailer");
    const line = data.subarray(pos, eol).toString("latin1").replace(/\r$/, "");
    pos = eol + 1;
    if (line === "") break;
    trailers.push(splitHeader(line));
  }
  return done(base, Buffer.concat(chunks), trailers, pos);
}

function done(base: Omit<HttpResponse, "body" | "trailers" | "truncated">, body: Buffer, trailers: HeaderList, end: number): Step {
  return { kind: "done", response: { ...base, body, trailers, truncated: undefined }, end };
}

function truncatedResponse(bytes: Buffer, interim: HttpResponse[], why: string): HttpResponse {
  const text = bytes.toString("latin1");
  const status = /^(HTTP\/\d\.\d) (\d{3})(?: ([^\r\n]*))?/.exec(text);
  return {
    protocol: status?.[1] ?? "",
    status: status ? Number(status[2]) : 0,
    reason: status?.[3] ?? "",
    rawHeaders: text,
    headers: [],
    body: Buffer.alloc(0),
    trailers: [],
    interim,
    truncated: why,
  };
}

/** End of the header block (after the blank line); nginx always uses CRLF, but accept bare LF. */
function findHeadEnd(data: Buffer, start: number): number | undefined {
  const crlf = data.indexOf(CRLF_CRLF, start);
  const lf = data.indexOf(LF_LF, start);
  if (crlf < 0 && lf < 0) return undefined;
  if (lf < 0 || (crlf >= 0 && crlf < lf)) return crlf + 4;
  return lf + 2;
}

function splitHeader(line: string): [string, string] {
  const colon = line.indexOf(":");
  if (colon < 0) return [line.trim(), ""];
  return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
}

/** All values of a header (case-insensitive name), joined with ", " as RFC 9110 allows. */
export function headerValue(headers: HeaderList, name: string): string | undefined {
  const lower = name.toLowerCase();
  const values = headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
  return values.length === 0 ? undefined : values.join(", ");
}
