/**
 * One connection to an upstream server, read by pulling: `read()` waits for the next bytes at
 * most `timeout` ms (nginx's proxy_read_timeout is the time between two reads, not the whole
 * response), `write()` likewise for proxy_send_timeout. The socket is paused while read bytes
 * wait for their reader, so a slow client slows the upstream down instead of filling memory.
 * An idle connection (in the keepalive pool) reports any event as the end of its life.
 */
import { connect as netConnect, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";

/** Where a peer listens. */
export type PeerEndpoint = { readonly kind: "inet"; readonly host: string; readonly port: number } | { readonly kind: "unix"; readonly path: string };

/**
 * TLS to an `https://` upstream, with nginx's defaults: the certificate is not verified
 * (proxy_ssl_verify off) and no server name is sent unless proxy_ssl_server_name is on.
 */
export interface TlsSettings {
  readonly servername: string | null;
}

export type ConnectOutcome =
  | { readonly socket: UpstreamSocket }
  /** `tls`: the connection was made but the TLS handshake failed. */
  | { readonly error: Error; readonly tls: boolean }
  | { readonly timeout: true };

export type ReadOutcome = Buffer | "eof" | "timeout" | Error;

export class UpstreamSocket {
  /** Requests sent on this connection (keepalive_requests). */
  requests = 0;
  /** When it was connected (keepalive_time). */
  readonly createdAt = Date.now();
  private readonly queue: Buffer[] = [];
  private eof = false;
  private failure: Error | null = null;
  private closed = false;
  private wake: (() => void) | null = null;
  private onIdleEnd: (() => void) | null = null;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on("data", (d: Buffer) => {
      if (this.onIdleEnd !== null) {
        // Bytes nobody asked for on an idle connection: it is no longer usable.
        this.endIdle();
        return;
      }
      this.queue.push(d);
      socket.pause();
      this.signal();
    });
    socket.on("end", () => {
      this.eof = true;
      if (this.onIdleEnd !== null) this.endIdle();
      this.signal();
    });
    socket.on("error", (e: Error) => {
      this.failure ??= e;
      if (this.onIdleEnd !== null) this.endIdle();
      this.signal();
    });
    socket.on("close", () => {
      this.closed = true;
      this.eof = true;
      if (this.onIdleEnd !== null) this.endIdle();
      this.signal();
    });
  }

  /** Connects, giving up after `timeoutMs` (proxy_connect_timeout). */
  static connect(to: PeerEndpoint, timeoutMs: number, tls: TlsSettings | null = null): Promise<ConnectOutcome> {
    return new Promise((resolve) => {
      const where = to.kind === "unix" ? { path: to.path } : { host: to.host, port: to.port };
      const socket =
        tls === null
          ? netConnect(where)
          : tlsConnect({ ...where, rejectUnauthorized: false, ...(tls.servername !== null ? { servername: tls.servername } : {}) });
      let connected = false;
      const timer = setTimeout(() => {
        socket.destroy();
        resolve({ timeout: true });
      }, timeoutMs);
      const onError = (e: Error): void => {
        clearTimeout(timer);
        socket.destroy();
        resolve({ error: e, tls: connected && tls !== null });
      };
      socket.once("error", onError);
      socket.once("connect", () => {
        connected = true;
      });
      socket.once(tls === null ? "connect" : "secureConnect", () => {
        clearTimeout(timer);
        socket.off("error", onError);
        resolve({ socket: new UpstreamSocket(socket) });
      });
    });
  }

  get isClosed(): boolean {
    return this.closed || this.socket.destroyed;
  }

  /** The next bytes, `"eof"` once the peer closed, `"timeout"`, or the socket's error. */
  async read(timeoutMs: number): Promise<ReadOutcome> {
    for (;;) {
      const next = this.queue.shift();
      if (next !== undefined) return next;
      if (this.failure !== null) return this.failure;
      if (this.eof || this.closed) return "eof";
      this.socket.resume();
      const woke = await this.waitForEvent(timeoutMs);
      if (!woke) return "timeout";
    }
  }

  /** Puts bytes read too early back in front of the queue. */
  unread(b: Buffer): void {
    if (b.length > 0) this.queue.unshift(b);
  }

  /** Writes all of `b`; `null` when it is handed to the kernel. */
  write(b: Buffer, timeoutMs: number): Promise<null | "timeout" | Error> {
    if (this.failure !== null) return Promise.resolve(this.failure);
    if (this.isClosed) return Promise.resolve(Object.assign(new Error("write after close"), { code: "EPIPE" }));
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve("timeout"), timeoutMs);
      this.socket.write(b, (err) => {
        clearTimeout(timer);
        resolve(err ? (this.failure ?? err) : null);
      });
    });
  }

  /** True when nothing is pending: no unread bytes, no end, no error (fit for the keepalive pool). */
  get clean(): boolean {
    return this.queue.length === 0 && !this.eof && this.failure === null && !this.isClosed;
  }

  /** Parks the connection: any byte, end or error from now on calls `onEnd` and closes it. */
  idle(onEnd: () => void): void {
    this.onIdleEnd = onEnd;
    // A parked connection must not keep a stopping worker alive.
    this.socket.unref();
    this.socket.resume();
  }

  /** Takes a parked connection back into use. */
  unpark(): void {
    this.onIdleEnd = null;
    this.socket.ref();
  }

  destroy(): void {
    this.closed = true;
    this.socket.destroy();
    this.signal();
  }

  private endIdle(): void {
    const f = this.onIdleEnd;
    this.onIdleEnd = null;
    this.destroy();
    f?.();
  }

  private signal(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private waitForEvent(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve(false);
      }, timeoutMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }
}
