/**
 * One client connection: reads request heads, frames bodies, hands each request to the
 * runtime as an HttpExchange, writes the response, and keeps the connection alive for the
 * next (possibly pipelined) request. Requests on a connection are served one at a time.
 */
import type { Socket } from "node:net";
import { ChunkedDecoder, LengthDecoder, type BodyDecoder } from "./body-decoder.js";
import { headOfError, parseRequestHead, type HeadLimits, type HeadPart } from "./parse-head.js";
import { statusText } from "./status.js";
import { clientWantsKeepalive } from "./client-keepalive.js";
import type { BodySink, ConnectionInfo, HttpExchange, RequestHead, ResponseHead } from "./types.js";

export interface ConnectionSettings {
  readonly limits: HeadLimits;
  readonly clientHeaderTimeout: number;
  readonly clientBodyTimeout: number;
  readonly sendTimeout: number;
  /**
   * The most body bytes one request keeps in memory: the largest client_max_body_size the
   * socket's locations can need, within a ceiling (plan/body-memory.ts).
   */
  readonly bodyCap: number;
}

/** Why a request is refused before any phase runs (malformed head, bad framing). */
export interface RequestError {
  readonly status: number;
  readonly reason: string;
  /** nginx logs "while reading client request line" or "… headers". */
  readonly part: HeadPart;
}

/** A request body that cannot be read: bad chunked framing (400). */
export class RequestBodyError extends Error {
  readonly status = 400;
}

export interface ExchangeHandler {
  request(exchange: ActiveExchange): Promise<void>;
  /**
   * A request that never reaches a phase: the runtime answers `err.status` and logs it (the
   * connection closes afterwards).
   */
  badRequest(exchange: ActiveExchange, err: RequestError): Promise<void>;
  /** The connection timed out or closed while reading a head (logged at info by nginx). */
  /** Nothing came within the timeout, or the client closed an idle keep-alive connection. */
  /** May return a promise: the connection then closes once it settles (its log lines written). */
  idle?(info: ConnectionInfo, event: "waiting-timeout" | "keepalive-closed"): void | Promise<unknown>;
  /** A head stopped half-way until the timeout: logged, access-logged as 408, no response. */
  headTimeout?(exchange: ActiveExchange, part: HeadPart): Promise<void>;
}

export class ActiveExchange implements HttpExchange {
  headSent = false;
  bytesSent = 0;
  bodyBytesSent = 0;
  /** Set by the runtime from the location (keepalive_timeout, ms); 0 closes after the response. */
  keepaliveTimeout = 0;
  /** The server is stopping gracefully: no keep-alive after this response. */
  stopping = false;
  /** The location's client_body_timeout / send_timeout (ms), once the runtime knows them. */
  bodyTimeout: number | null = null;
  sendTimeout: number | null = null;
  /** Told when a timeout ends this exchange (the runtime logs it with the request's context). */
  onTimeout: ((what: "send" | "body") => void) | null = null;
  private chunked = false;
  private finished = false;
  /** The body's framing was invalid. */
  bodyError: RequestBodyError | null = null;
  /** nginx either reads a body or drops it, once. */
  private bodyFate: "unread" | "read" | "discarded" = "unread";
  private bodyWaiters: (() => void)[] = [];

  constructor(
    readonly head: RequestHead,
    readonly connection: ConnectionInfo,
    readonly startTime: number,
    readonly bodyLength: number,
    readonly decoder: BodyDecoder | null,
    private readonly conn: HttpConnection,
  ) {}

  get isFinished(): boolean {
    return this.finished;
  }

  bodyProgress(): void {
    const w = this.bodyWaiters;
    this.bodyWaiters = [];
    for (const f of w) f();
  }

  /** The timeouts of the request's location (nginx takes them from the location's conf). */
  setTimeouts(bodyMs: number, sendMs: number): void {
    this.bodyTimeout = bodyMs;
    this.sendTimeout = sendMs;
    this.conn.applyBodyTimeout(this);
  }

  /**
   * Drops the body unread. The first call returns the framing error found in what arrived so
   * far, if any (the caller answers or logs it); later calls, and any after readBody, null.
   * The rest of a well-framed body is thrown away as it arrives, keeping the connection usable.
   */
  discardBody(): RequestBodyError | null {
    if (this.bodyFate !== "unread") return null;
    this.bodyFate = "discarded";
    this.decoder?.discard();
    return this.bodyError;
  }

  async readBody(limit: number): Promise<Buffer | "too-large"> {
    const d = this.decoder;
    // A handler reached after the body was dropped (an error_page target) gets none, as in nginx.
    if (d === null || this.bodyFate === "discarded") return Buffer.alloc(0);
    this.bodyFate = "read";
    // A declared length past what is kept in memory is refused before it is read.
    if (this.bodyLength > limit || this.bodyLength > d.cap) return "too-large";
    // A chunked body is refused as soon as a chunk that would pass the limit begins, as nginx does.
    const tooLarge = (): boolean => d.crossing(limit) !== null || d.overflow;
    while (!d.done && !this.conn.isClosed && this.bodyError === null) {
      if (tooLarge()) return "too-large";
      await new Promise<void>((resolve) => this.bodyWaiters.push(resolve));
    }
    // nginx parses in order: a chunk that passes the limit before the framing broke is a 413.
    if (tooLarge()) return "too-large";
    if (this.bodyError !== null) throw this.bodyError;
    if (!d.done) throw new Error("client closed connection while reading body");
    return Buffer.concat(d.chunks);
  }

  sendHead(res: ResponseHead, opts: { hasBody: boolean; contentLength: number | null }): BodySink {
    if (this.headSent) throw new Error("response head already sent");
    this.headSent = true;
    if (this.head.version === 9) {
      // An HTTP/0.9 answer is the body alone, and the connection closes after it.
      this.keepaliveTimeout = 0;
      return this.sink(opts.hasBody);
    }
    if (this.stopping) this.keepaliveTimeout = 0;
    // Past broken framing there is no telling where the next request starts.
    if (this.bodyError !== null) this.keepaliveTimeout = 0;
    const keep = this.keepaliveTimeout > 0 && clientWantsKeepalive(this.head);
    this.chunked = opts.hasBody && opts.contentLength === null && this.head.version === 11;
    if (opts.hasBody && opts.contentLength === null && !this.chunked) this.keepaliveTimeout = 0;
    const text = res.statusText ?? statusText(res.status);
    let out = `HTTP/1.1 ${res.status} ${text}\r\n`;
    for (const [name, value] of res.headers) out += `${name}: ${value}\r\n`;
    if (this.chunked) out += "Transfer-Encoding: chunked\r\n";
    const willKeep = keep && this.keepaliveTimeout > 0;
    out += willKeep ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    if (willKeep && res.keepAliveHeader !== undefined && res.keepAliveHeader !== null) {
      out += `Keep-Alive: timeout=${res.keepAliveHeader}\r\n`;
    }
    if (!willKeep) this.keepaliveTimeout = 0;
    for (const [name, value] of res.more ?? []) out += `${name}: ${value}\r\n`;
    out += "\r\n";
    this.bytesSent += out.length;
    this.conn.write(Buffer.from(out, "latin1"));
    return this.sink(opts.hasBody);
  }

  private sink(hasBody: boolean): BodySink {
    const write = async (chunk: Buffer | string): Promise<void> => {
      if (!hasBody) return;
      const b = typeof chunk === "string" ? Buffer.from(chunk, "latin1") : chunk;
      if (b.length === 0) return;
      this.bodyBytesSent += b.length;
      if (this.chunked) {
        const framed = Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`, "latin1"), b, CRLF]);
        this.bytesSent += framed.length;
        await this.conn.writeAsync(framed);
      } else {
        this.bytesSent += b.length;
        await this.conn.writeAsync(b);
      }
    };
    return {
      write,
      end: async (chunk?: Buffer | string): Promise<void> => {
        if (chunk !== undefined) await write(chunk);
        if (this.finished) return;
        this.finished = true;
        if (this.chunked && hasBody) {
          this.bytesSent += LAST_CHUNK.length;
          await this.conn.writeAsync(LAST_CHUNK);
        }
      },
    };
  }

  destroy(): void {
    this.finished = true;
    this.keepaliveTimeout = 0;
    this.conn.destroy();
  }
}

const CRLF = Buffer.from("\r\n");
const LAST_CHUNK = Buffer.from("0\r\n\r\n");

export class HttpConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private active: ActiveExchange | null = null;
  private closed = false;
  private reading = true;
  private draining: (() => void)[] = [];
  private stopping = false;

  constructor(
    private readonly socket: Socket,
    readonly info: ConnectionInfo,
    private readonly settings: ConnectionSettings,
    private readonly handler: ExchangeHandler,
  ) {
    socket.setNoDelay(true);
    socket.on("data", (d: Buffer) => this.onData(d));
    socket.on("end", () => this.onEnd());
    socket.on("error", () => this.close());
    socket.on("close", () => this.close());
    socket.on("drain", () => this.onDrain());
    socket.on("timeout", () => this.onTimeout());
    socket.setTimeout(settings.clientHeaderTimeout);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Graceful stop: an idle connection closes now, a busy one after its current response. */
  shutdown(): void {
    this.stopping = true;
    if (this.active === null) this.destroy();
    else this.active.keepaliveTimeout = 0;
  }

  write(b: Buffer): boolean {
    if (this.closed) return false;
    return this.socket.write(b);
  }

  writeAsync(b: Buffer): Promise<void> {
    if (this.closed) return Promise.reject(new Error("connection closed"));
    if (this.socket.write(b)) return Promise.resolve();
    this.socket.setTimeout(this.active?.sendTimeout ?? this.settings.sendTimeout);
    return new Promise((resolve, reject) => {
      this.draining.push(() => (this.closed ? reject(new Error("connection closed")) : resolve()));
    });
  }

  private onDrain(): void {
    const d = this.draining;
    this.draining = [];
    for (const f of d) f();
  }

  destroy(): void {
    this.socket.destroy();
    this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    this.onDrain();
    this.active?.bodyProgress();
  }

  /** Runs `end` now, or once the handler's idle work (writing its log line) settles. */
  private closeAfter(pending: void | Promise<unknown>, end: () => void): void {
    if (pending === undefined) end();
    else {
      this.reading = false;
      this.socket.setTimeout(0); // no second timeout (and second log line) while it settles
      pending.then(end, end);
    }
  }

  private onEnd(): void {
    // A client half-close: finish the current response, then close.
    if (this.active === null && this.buffer.length === 0) {
      if (this.info.requests > 0) this.closeAfter(this.handler.idle?.(this.info, "keepalive-closed"), () => this.close());
      else this.close();
    } else if (this.active === null) {
      // Requests pipelined before the half-close are still answered, then the connection closes.
      this.reading = false;
      this.pump();
    } else {
      this.reading = false;
      this.active.bodyProgress();
    }
  }

  /** While a body is still coming, the socket waits at most the location's body timeout. */
  applyBodyTimeout(ex: ActiveExchange): void {
    if (this.active === ex && ex.decoder !== null && !ex.decoder.done && ex.bodyTimeout !== null) {
      this.socket.setTimeout(ex.bodyTimeout);
    }
  }

  private onTimeout(): void {
    if (this.active !== null && !this.closed) {
      const what = this.draining.length > 0 ? "send" : "body";
      this.active.onTimeout?.(what);
      this.destroy();
      return;
    }
    if (this.closed) {
      this.destroy();
      return;
    }
    if (this.buffer.length === 0) {
      if (this.info.requests === 0) this.closeAfter(this.handler.idle?.(this.info, "waiting-timeout"), () => this.destroy());
      else this.destroy();
      return;
    }
    const sofar = parseRequestHead(this.buffer.toString("latin1"), this.settings.limits);
    // A complete head, or a refused one, never waits here; nothing to answer otherwise.
    if (sofar.kind !== "incomplete") {
      this.destroy();
      return;
    }
    const partial = sofar.partial;
    this.buffer = Buffer.alloc(0);
    this.info.requests++;
    const ex = new ActiveExchange(headOfError(partial), this.info, Date.now(), 0, null, this);
    this.active = ex;
    this.reading = false;
    const done = (): void => this.destroy();
    if (this.handler.headTimeout === undefined) done();
    else this.handler.headTimeout(ex, partial.part).then(done, done);
  }

  private onData(d: Buffer): void {
    // Once the answer is out and the connection closing, what still comes (the rest of a body
    // nobody read) is read only to be dropped; keeping it would copy it again with every packet.
    if (this.closed) return;
    this.buffer = this.buffer.length === 0 ? d : Buffer.concat([this.buffer, d]);
    this.pump();
  }

  /** Moves buffered bytes to the active body decoder, or parses the next head. */
  private pump(): void {
    if (this.closed) return;
    const a = this.active;
    if (a !== null) {
      const dec = a.decoder;
      if (dec !== null && !dec.done && this.buffer.length > 0) {
        const r = dec.feed(this.buffer);
        if ("error" in r) {
          // A reader gets the error (400); an unread body that cannot be discarded ends the connection.
          a.bodyError = new RequestBodyError(r.error);
          a.keepaliveTimeout = 0;
          this.buffer = Buffer.alloc(0);
          a.bodyProgress();
          if (a.isFinished) this.destroy();
          return;
        }
        this.buffer = this.buffer.subarray(r.consumed);
        a.bodyProgress();
      }
      if (a.isFinished && (dec === null || dec.done)) this.next(a);
      return;
    }
    if (this.buffer.length === 0) return;
    this.socket.setTimeout(this.settings.clientHeaderTimeout);
    const parsed = parseRequestHead(this.buffer.toString("latin1"), this.settings.limits);
    if (parsed.kind === "incomplete") {
      // The client half-closed: what is left can never become a request.
      if (!this.reading) {
        this.socket.end();
        this.closed = true;
      }
      return;
    }
    if (parsed.kind === "error") {
      this.info.requests++;
      this.buffer = Buffer.alloc(0);
      this.refuse(headOfError(parsed), { status: parsed.status, reason: parsed.reason, part: parsed.part });
      return;
    }
    this.buffer = this.buffer.subarray(parsed.consumed);
    this.start(parsed.head);
  }

  private framing(head: RequestHead): { decoder: BodyDecoder | null; length: number } | { error: number; reason: string } {
    const te = head.headerMap.get("transfer-encoding");
    const cl = head.headerMap.get("content-length");
    if (te !== undefined && head.version < 11) {
      return { error: 400, reason: 'client sent HTTP/1.0 request with "Transfer-Encoding" header' };
    }
    if (te !== undefined && head.version >= 11) {
      if (cl !== undefined) {
        return { error: 400, reason: 'client sent "Content-Length" and "Transfer-Encoding" headers at the same time' };
      }
      if (te.toLowerCase() !== "chunked") return { error: 501, reason: `client sent unknown "Transfer-Encoding": "${te}"` };
      return { decoder: new ChunkedDecoder(this.settings.bodyCap), length: -1 };
    }
    if (cl !== undefined) {
      // Up to nginx's off_t maximum; a valid but huge length is left for client_max_body_size (413).
      if (!/^[0-9]{1,19}$/.test(cl) || BigInt(cl) > 0x7fffffffffffffffn) {
        return { error: 400, reason: `client sent invalid "Content-Length" header` };
      }
      const n = Number(cl);
      return n === 0 ? { decoder: null, length: 0 } : { decoder: new LengthDecoder(n, this.settings.bodyCap), length: n };
    }
    return { decoder: null, length: 0 };
  }

  private start(head: RequestHead): void {
    this.info.requests++;
    // An absolute-form target does not stand in for the Host header HTTP/1.1 requires.
    if (head.version === 11 && !head.headerMap.has("host")) {
      this.refuse(head, { status: 400, reason: 'client sent HTTP/1.1 request without "Host" header', part: "headers" });
      return;
    }
    const notAllowed = head.method === "TRACE" || head.method === "CONNECT";
    if (notAllowed) {
      this.refuse(head, { status: 405, reason: `client sent ${head.method} method`, part: "headers" });
      return;
    }
    const f = this.framing(head);
    if ("error" in f) {
      this.refuse(head, { status: f.error, reason: f.reason, part: "headers" });
      return;
    }
    const ex = new ActiveExchange(head, this.info, Date.now(), f.length, f.decoder, this);
    ex.stopping = this.stopping;
    this.active = ex;
    this.socket.setTimeout(this.settings.clientBodyTimeout);
    this.pump();
    this.handler.request(ex).then(
      () => this.finish(ex),
      () => this.finish(ex),
    );
  }

  /** Answers a request that never reaches a phase; the connection closes after it. */
  private refuse(head: RequestHead, err: RequestError): void {
    const ex = new ActiveExchange(head, this.info, Date.now(), 0, null, this);
    this.active = ex;
    // Nothing after a refused request is read: the connection closes after the answer.
    this.reading = false;
    this.buffer = Buffer.alloc(0);
    this.handler.badRequest(ex, err).then(
      () => this.finish(ex),
      () => this.finish(ex),
    );
  }

  private finish(ex: ActiveExchange): void {
    if (this.active !== ex) return;
    if (!ex.isFinished) ex.destroy();
    if (this.closed) return;
    const dec = ex.decoder;
    if (ex.keepaliveTimeout === 0 || (!this.reading && this.buffer.length === 0 && (dec === null || dec.done))) {
      this.socket.end();
      this.closed = true;
      return;
    }
    // An unread body is discarded before the next request, as nginx does.
    if (dec !== null && !dec.done) {
      dec.discard();
      this.socket.setTimeout(this.settings.clientBodyTimeout);
      this.pump();
      return;
    }
    this.next(ex);
  }

  private next(ex: ActiveExchange): void {
    if (this.active !== ex) return;
    this.active = null;
    // After a client half-close, requests it pipelined before closing are still served.
    if (ex.keepaliveTimeout === 0 || (!this.reading && this.buffer.length === 0)) {
      this.socket.end();
      this.closed = true;
      return;
    }
    this.socket.setTimeout(ex.keepaliveTimeout);
    if (this.buffer.length > 0) setImmediate(() => this.pump());
  }
}
