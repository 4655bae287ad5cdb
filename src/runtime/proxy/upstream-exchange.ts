/**
 * One try against one server: take a cached keepalive connection or connect, send the
 * request, read the response head. Every failure is logged as nginx logs it and classified
 * the way proxy_next_upstream names it (`error`, `timeout`, `invalid_header`), so the caller
 * can decide whether to try the next server.
 */
import type { Request, Runtime } from "../context.js";
import type { KeepalivePool } from "./keepalive-pool.js";
import { connectErrorLevel, socketErrnoText } from "./net-errors.js";
import { logUpstream, type UpstreamAction, type UpstreamTarget } from "./upstream-log.js";
import type { Peer } from "./upstream-peers.js";
import type { UpstreamRequest } from "./upstream-request.js";
import { parseResponseHead, type UpstreamResponseHead } from "./upstream-response.js";
import { UpstreamSocket, type TlsSettings } from "./upstream-socket.js";
import { elapsed, type UpstreamTry } from "./upstream-state.js";

/** What proxy_next_upstream calls a failed try. */
export type FailureKind = "error" | "timeout" | "invalid_header";

/** A server answered. */
export type UpstreamAnswer =
  /** The head was read; `rest` holds the body bytes that came with it. */
  | { readonly kind: "response"; readonly socket: UpstreamSocket; readonly head: UpstreamResponseHead; readonly rest: Buffer }
  /** No status line: nginx passes everything on as an HTTP/0.9 body. */
  | { readonly kind: "http09"; readonly socket: UpstreamSocket; readonly rest: Buffer };

/** The try failed while doing `action`; `cached`: on a kept-alive connection (nginx does not count such a try). */
export interface UpstreamFailure {
  readonly kind: "failed";
  readonly failure: FailureKind;
  readonly cached: boolean;
  readonly action: UpstreamAction;
}

export type TryResult = UpstreamAnswer | UpstreamFailure;

export interface TryContext {
  readonly rt: Runtime;
  readonly r: Request;
  readonly request: UpstreamRequest;
  readonly log: UpstreamTarget;
  readonly pool: KeepalivePool | null;
  readonly connectTimeout: number;
  readonly sendTimeout: number;
  readonly readTimeout: number;
  /** proxy_buffer_size: a head that does not fit is "too big". */
  readonly bufferSize: number;
  /** Set for an `https://` upstream. */
  readonly tls: TlsSettings | null;
  /** The keepalive cache key of the peer (scheme and name). */
  readonly poolKey: string;
}

const TIMED_OUT = "upstream timed out (110: Connection timed out)";

function fail(ctx: TryContext, message: string, action: UpstreamAction, failure: FailureKind, cached: boolean, level: "error" | "crit" = "error"): TryResult {
  logUpstream(ctx.rt, ctx.r, level, message, action, ctx.log);
  return { kind: "failed", failure, cached, action };
}

/** OpenSSL's words in Node's message (`error:0A00010B:SSL routines:fn:reason:file…`), as nginx prints them. */
function sslErrorText(err: Error): string {
  const m = /error:([0-9A-Fa-f]{8}):([^:]*):[^:]*:([^:\n]*)/.exec(err.message);
  return m === null ? err.message : `error:${m[1]}:${m[2]}::${m[3]}`;
}

async function connect(ctx: TryContext, peer: Peer): Promise<UpstreamSocket | TryResult> {
  const out = await UpstreamSocket.connect(peer.endpoint, ctx.connectTimeout, ctx.tls);
  if ("socket" in out) return out.socket;
  if ("timeout" in out) return fail(ctx, TIMED_OUT, ctx.tls === null ? "connecting to upstream" : "SSL handshaking to upstream", "timeout", false);
  if (out.tls) return fail(ctx, `SSL_do_handshake() failed (SSL: ${sslErrorText(out.error)})`, "SSL handshaking to upstream", "error", false);
  // A unix socket connects at once in nginx, which then names the path; TCP fails later.
  if (peer.endpoint.kind === "unix") {
    return fail(ctx, `connect() to ${peer.name} failed (${socketErrnoText(out.error)})`, "connecting to upstream", "error", false, connectErrorLevel(out.error));
  }
  return fail(ctx, `connect() failed (${socketErrnoText(out.error)})`, "connecting to upstream", "error", false);
}

async function send(ctx: TryContext, socket: UpstreamSocket, t: UpstreamTry, cached: boolean): Promise<TryResult | null> {
  const { head, body } = ctx.request;
  const data = body !== null && body.length > 0 ? Buffer.concat([head, body]) : head;
  const out = await socket.write(data, ctx.sendTimeout);
  if (out === null) {
    t.bytesSent += data.length;
    return null;
  }
  socket.destroy();
  if (out === "timeout") return fail(ctx, TIMED_OUT, "sending request to upstream", "timeout", cached);
  return fail(ctx, `writev() failed (${socketErrnoText(out)})`, "sending request to upstream", "error", cached);
}

async function readHead(ctx: TryContext, socket: UpstreamSocket, t: UpstreamTry, cached: boolean): Promise<TryResult> {
  const action = "reading response header from upstream";
  let buf: Buffer = Buffer.alloc(0);
  for (;;) {
    const got = await socket.read(ctx.readTimeout);
    if (got === "timeout") {
      socket.destroy();
      return fail(ctx, TIMED_OUT, action, "timeout", cached);
    }
    if (got === "eof") {
      socket.destroy();
      return fail(ctx, "upstream prematurely closed connection", action, "error", cached);
    }
    if (got instanceof Error) {
      socket.destroy();
      return fail(ctx, `recv() failed (${socketErrnoText(got)})`, action, "error", cached);
    }
    t.bytesReceived += got.length;
    buf = buf.length === 0 ? got : Buffer.concat([buf, got]);
    // nginx reads the head into a proxy_buffer_size buffer: it must end within that.
    const parsed = parseResponseHead(buf.length > ctx.bufferSize ? buf.subarray(0, ctx.bufferSize) : buf);
    switch (parsed.kind) {
      case "head":
        t.headerMs = elapsed(t);
        return { kind: "response", socket, head: parsed.head, rest: buf.subarray(parsed.consumed) };
      case "no-status-line":
        logUpstream(ctx.rt, ctx.r, "error", "upstream sent no valid HTTP/1.0 header", action, ctx.log);
        t.headerMs = elapsed(t);
        return { kind: "http09", socket, rest: buf };
      case "invalid-header":
        socket.destroy();
        return fail(ctx, `upstream sent invalid header: ${parsed.shown}`, action, "invalid_header", false);
      case "incomplete":
        if (buf.length >= ctx.bufferSize) {
          socket.destroy();
          return fail(ctx, "upstream sent too big header", action, "invalid_header", false);
        }
    }
  }
}

/** Runs one try on `peer`, recording its timings in `t`. */
export async function tryPeer(ctx: TryContext, peer: Peer, t: UpstreamTry): Promise<TryResult> {
  const reused = ctx.pool?.take(ctx.poolKey) ?? null;
  let socket: UpstreamSocket;
  if (reused !== null) {
    socket = reused;
  } else {
    const c = await connect(ctx, peer);
    if (!(c instanceof UpstreamSocket)) return c;
    socket = c;
  }
  t.connectMs = elapsed(t);
  socket.requests++;
  const sent = await send(ctx, socket, t, reused !== null);
  if (sent !== null) return sent;
  return readHead(ctx, socket, t, reused !== null);
}
