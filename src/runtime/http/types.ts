/**
 * tsresty's own request and response types: the only things the phases and handlers see of
 * the HTTP/1.1 wire. The engine that produces them (connection.ts) can be replaced without
 * touching the rest of the runtime.
 */

/** Header names and values are latin1 byte strings, as they came on the wire. */
export type HeaderList = [name: string, value: string][];

export interface RequestHead {
  readonly method: string;
  /** The request target as sent (`$request_uri` for origin-form targets). */
  readonly target: string;
  /** 9 for HTTP/0.9, 10 for HTTP/1.0, 11 for HTTP/1.1. */
  readonly version: 9 | 10 | 11;
  /** `HTTP/1.1`, … as sent; empty for HTTP/0.9. */
  readonly protocol: string;
  /** The request line without its line ending (`$request`). */
  readonly requestLine: string;
  readonly headers: HeaderList;
  /** Lower-cased name → first value. */
  readonly headerMap: ReadonlyMap<string, string>;
  /** Host from an absolute-form target, which overrides the Host header. */
  readonly targetHost: string | null;
  /** Bytes of the request line and headers (`$request_length` counts them). */
  readonly headLength: number;
  /** Header lines dropped as invalid (ignore_invalid_headers), which nginx logs at info. */
  readonly ignoredLines: readonly IgnoredHeaderLine[];
}

/** A header line nginx ignores (an invalid name) and says so in its error log. */
export interface IgnoredHeaderLine {
  /** The line as nginx shows it: up to the end of its value. */
  readonly text: string;
  /** How many kept header lines came before it: the context nginx logs it with knows only those. */
  readonly headersBefore: number;
}

export interface ConnectionInfo {
  /** A counter, unique per worker (`$connection`). */
  readonly id: number;
  readonly remoteAddr: string;
  readonly remotePort: number;
  readonly localAddr: string;
  readonly localPort: number;
  /** Unix socket path when the listener is one. */
  readonly unixPath: string | null;
  /** Requests served on this connection so far, this one included (`$connection_requests`). */
  requests: number;
}

/** What the runtime hands back: status, headers, and the body as chunks or a stream. */
export interface ResponseHead {
  status: number;
  /** Status line text; empty uses the standard one. */
  statusText?: string;
  /** Headers nginx writes before Transfer-Encoding and Connection (Server, Date, Content-*, …). */
  headers: HeaderList;
  /** Headers written after Connection (ETag, handler and add_header ones, …). */
  more?: HeaderList;
  /** `keepalive_timeout`'s second parameter: a `Keep-Alive: timeout=N` header on kept connections. */
  keepAliveHeader?: number | null;
}

export interface BodySink {
  /** Resolves when the bytes are handed to the kernel (back-pressure). */
  write(chunk: Buffer | string): Promise<void>;
  /** Finishes the response; the connection may then serve the next request. */
  end(chunk?: Buffer | string): Promise<void>;
}

export interface HttpExchange {
  readonly head: RequestHead;
  readonly connection: ConnectionInfo;
  /** When the request head was fully read (ms since epoch, fractional). */
  readonly startTime: number;
  /** Reads the whole request body, at most `limit` bytes (`null` → 413 is the caller's). */
  readBody(limit: number): Promise<Buffer | "too-large">;
  /** The declared body length, -1 for chunked, 0 without a body. */
  readonly bodyLength: number;
  /** Sends the status line and headers; returns the body sink. */
  sendHead(head: ResponseHead, opts: { hasBody: boolean; contentLength: number | null }): BodySink;
  /** True once `sendHead` ran. */
  readonly headSent: boolean;
  /** Bytes written so far, head included (`$bytes_sent`). */
  readonly bytesSent: number;
  readonly bodyBytesSent: number;
  /** Abort: close the connection without a response (nginx's 444). */
  destroy(): void;
}
