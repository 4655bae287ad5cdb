/**
 * Relaying an upstream response to the client: nginx's status line and headers at once, then
 * the body as it arrives, without holding it whole. The body keeps its length when the
 * upstream gave one, otherwise the client gets it chunked (HTTP/1.1) or close-delimited. A
 * body cut short by the upstream (close, time-out, broken chunks) is logged and the client
 * connection closed, so the client can tell; a complete one frees the upstream connection for
 * the keepalive cache when the upstream block has one and the response allows it.
 */
import type { Request, Runtime } from "../context.js";
import type { HeaderList } from "../http/types.js";
import { sendResponse, type ResponseSpec } from "../phases/respond.js";
import type { KeepalivePool } from "./keepalive-pool.js";
import { socketErrnoText } from "./net-errors.js";
import type { ClientHeaders } from "./response-headers.js";
import { bodyFraming, UpstreamBodyDecoder, type BodyFraming } from "./upstream-body.js";
import { logUpstream, type UpstreamTarget } from "./upstream-log.js";
import type { UpstreamResponseHead } from "./upstream-response.js";
import type { UpstreamSocket } from "./upstream-socket.js";
import { endTry, type UpstreamTry } from "./upstream-state.js";

/**
 * What respond.ts sends, plus the upstream's status line (`200 OK`, `599`), which nginx
 * repeats to the client; sendResponse uses it where it knows the field.
 */
type RelayedResponseSpec = ResponseSpec & { readonly statusLine?: string };

export interface RelayContext {
  readonly rt: Runtime;
  readonly r: Request;
  readonly socket: UpstreamSocket;
  /** Body bytes that came with the head. */
  readonly rest: Buffer;
  readonly t: UpstreamTry;
  readonly log: UpstreamTarget;
  readonly readTimeout: number;
  /** Where a complete response leaves its connection, with the peer's name; `null`: close it. */
  readonly keepalive: { readonly pool: KeepalivePool; readonly peer: string } | null;
}

/** How the upstream frames its body and whether its connection can be reused afterwards. */
export interface UpstreamFraming {
  readonly framing: BodyFraming;
  /** HTTP/1.0 or `Connection: close`: the connection ends with this response. */
  readonly closes: boolean;
  /** The Content-Length to announce to the client (`null`: none). */
  readonly contentLength: number | null;
}

/** nginx reads Content-Length as digits only (anything else: unknown length). */
function contentLengthOf(v: string): number {
  return /^[0-9]{1,15}$/.test(v) ? Number(v) : -1;
}

export function upstreamFraming(method: string, head: UpstreamResponseHead): UpstreamFraming {
  let chunked = false;
  let length = -1;
  let closes = head.version < 1001;
  for (const [name, value] of head.headers) {
    const n = name.toLowerCase();
    if (n === "transfer-encoding" && value.toLowerCase().includes("chunked")) chunked = true;
    else if (n === "content-length") length = contentLengthOf(value);
    else if (n === "connection" && value.toLowerCase().includes("close")) closes = true;
  }
  if (head.status === 101) closes = true;
  const framing = bodyFraming(method, head.status, chunked, length);
  return { framing, closes, contentLength: chunked ? null : length >= 0 ? length : null };
}

/** Ends the client connection without finishing the response, so the client sees it cut. */
function abortClient(r: Request): void {
  r.ex.destroy();
}

/**
 * The body of one upstream response, relayed once: `stream()` yields it to sendResponse;
 * `finish()` releases the connection (to the keepalive cache when `reusable`) exactly once,
 * also when the stream was never read.
 */
class BodyRelay {
  private finished = false;

  constructor(
    private readonly ctx: RelayContext,
    private readonly decoder: UpstreamBodyDecoder,
    private readonly closes: boolean,
  ) {}

  get isFinished(): boolean {
    return this.finished;
  }

  finish(reusable: boolean): void {
    if (this.finished) return;
    this.finished = true;
    const { socket, t, keepalive } = this.ctx;
    t.responseLength = this.decoder.received;
    endTry(t);
    if (reusable && keepalive !== null) keepalive.pool.put(keepalive.peer, socket);
    else socket.destroy();
  }

  async *stream(): AsyncGenerator<Buffer> {
    const { rt, r, socket, t } = this.ctx;
    const decoder = this.decoder;
    const warn = (m: string): void => logUpstream(rt, r, "warn", m, "reading upstream", this.ctx.log);
    const error = (m: string): void => logUpstream(rt, r, "error", m, "reading upstream", this.ctx.log);
    const tooMuch = decoder.framing.kind === "chunked" ? "upstream sent data after final chunk" : 'upstream sent more data than specified in "Content-Length" header';
    let reusable = false;
    try {
      let input: Buffer | null = this.ctx.rest.length > 0 ? this.ctx.rest : null;
      for (;;) {
        if (input !== null) {
          const step = decoder.feed(input);
          // One output chunk per read, as nginx's buffered relay writes what one read brought.
          const data = step.data.length === 1 ? step.data[0]! : Buffer.concat(step.data);
          if (data.length > 0) yield data;
          if (step.invalid) {
            error("upstream sent invalid chunked response");
            abortClient(r);
            return;
          }
          if (step.excess) {
            warn(tooMuch);
            return;
          }
        }
        if (decoder.done) break;
        const got = await socket.read(this.ctx.readTimeout);
        if (got === "eof") {
          if (decoder.framing.kind === "close") return;
          error("upstream prematurely closed connection");
          abortClient(r);
          return;
        }
        if (got === "timeout") {
          error("upstream timed out (110: Connection timed out)");
          abortClient(r);
          return;
        }
        if (got instanceof Error) {
          error(`recv() failed (${socketErrnoText(got)})`);
          abortClient(r);
          return;
        }
        t.bytesReceived += got.length;
        input = got;
      }
      reusable = !this.closes;
    } finally {
      this.finish(reusable);
    }
  }
}

/** Sends the response: head from `headers`, body relayed from the upstream. */
export async function relayResponse(ctx: RelayContext, head: UpstreamResponseHead, method: string, headers: ClientHeaders): Promise<void> {
  const { rt, r } = ctx;
  const f = upstreamFraming(method, head);
  const relay = new BodyRelay(ctx, new UpstreamBodyDecoder(f.framing), f.closes);
  r.headersOut = headers.headers;
  r.location = headers.location;
  r.contentType = headers.contentType;
  const spec: RelayedResponseSpec = {
    status: head.status,
    statusLine: head.statusLine,
    stream: relay.stream(),
    contentLength: f.contentLength,
    contentType: headers.contentType,
  };
  await sendOrAbort(rt, r, spec, relay);
}

/**
 * An HTTP/0.9 reply: nginx sends the bytes as they come, status 200, until the upstream
 * closes. (nginx even drops its own status line and headers then; tsresty sends them.)
 */
export async function relayHttp09(ctx: RelayContext): Promise<void> {
  const relay = new BodyRelay(ctx, new UpstreamBodyDecoder({ kind: "close" }), true);
  const none: HeaderList = [];
  ctx.r.headersOut = none;
  await sendOrAbort(ctx.rt, ctx.r, { status: 200, stream: relay.stream(), contentLength: null, contentType: null }, relay);
}

/**
 * Sends, then makes sure the body relay ran to its end: a response without a body (HEAD,
 * 204, 304) is never read by sendResponse, yet its connection must be released. A client
 * that goes away mid-body only ends the relay (nginx logs nothing above info).
 */
async function sendOrAbort(rt: Runtime, r: Request, spec: RelayedResponseSpec, relay: BodyRelay): Promise<void> {
  try {
    await sendResponse(rt, r, spec);
  } catch (e) {
    relay.finish(false);
    if (!r.ex.headSent) throw e;
    abortClient(r);
    return;
  }
  // Not read by sendResponse (no body to send): read it to its end all the same.
  if (!relay.isFinished && spec.stream) for await (const _ of spec.stream);
}
