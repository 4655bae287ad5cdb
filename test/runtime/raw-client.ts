/**
 * Raw HTTP over TCP or a unix socket for the process tests: send bytes, read until the server
 * closes (or the exchange times out), and a client that stops reading to keep a response in
 * flight for as long as a test needs.
 */
import net from "node:net";
import { parseResponses, type HttpResponse } from "../../src/testing/http-response-parser.js";

export type Target = { readonly port: number; readonly host?: string } | { readonly path: string };

export interface Exchange {
  readonly data: Buffer;
  /** The server closed (FIN or reset) before the timeout. */
  readonly closed: boolean;
  readonly error: string | undefined;
}

function connect(target: Target): net.Socket {
  return "path" in target ? net.connect({ path: target.path }) : net.connect({ host: target.host ?? "127.0.0.1", port: target.port });
}

/** Sends `request` and reads until the server closes, or `timeoutMs` without activity. */
export function exchange(target: Target, request: string | Buffer, timeoutMs = 3000): Promise<Exchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(target);
    socket.setTimeout(timeoutMs);
    const done = (closed: boolean, error?: string): void => {
      socket.destroy();
      resolve({ data: Buffer.concat(chunks), closed, error });
    };
    socket.on("connect", () => socket.write(request));
    socket.on("data", (d) => chunks.push(d));
    socket.on("end", () => done(true));
    socket.on("timeout", () => done(false));
    socket.on("error", (e: NodeJS.ErrnoException) => done(e.code === "ECONNRESET", e.code ?? e.message));
  });
}

/** One `Connection: close` GET; the parsed response (throws when none came back). */
export async function get(target: Target, uri: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
  const all = { Host: "localhost", Connection: "close", ...headers };
  const lines = [`GET ${uri} HTTP/1.1`, ...Object.entries(all).map(([k, v]) => `${k}: ${v}`)];
  const ex = await exchange(target, lines.join("\r\n") + "\r\n\r\n");
  const parsed = parseResponses(ex.data, { closed: true, methodOf: () => "GET" });
  const r = parsed.responses[0];
  if (r === undefined) throw new Error(`no response from ${JSON.stringify(target)}: ${ex.error ?? "closed"} ${JSON.stringify(ex.data.toString("latin1"))}`);
  return r;
}

export function bodyText(r: HttpResponse): string {
  return r.body.toString("latin1");
}

/**
 * A client that sends a request and then reads only when told to: with the kernel buffers full
 * the server's write stalls, so the response stays in flight.
 */
export class StalledReader {
  private readonly socket: net.Socket;
  private received = 0;
  readonly connected: Promise<void>;
  /** Resolves when the server closes or resets the connection. */
  readonly ended: Promise<{ received: number; error: string | undefined }>;

  constructor(target: Target, request: string) {
    this.socket = connect(target);
    this.socket.pause();
    this.connected = new Promise((resolve) => this.socket.once("connect", () => resolve()));
    this.socket.once("connect", () => this.socket.write(request));
    this.socket.on("data", (d: Buffer) => (this.received += d.length));
    this.ended = new Promise((resolve) => {
      this.socket.once("end", () => resolve({ received: this.received, error: undefined }));
      this.socket.once("error", (e: NodeJS.ErrnoException) => resolve({ received: this.received, error: e.code }));
    });
  }

  get bytes(): number {
    return this.received;
  }

  /** Reads everything that comes, until the server closes. */
  drain(): void {
    this.socket.resume();
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** An idle keep-alive connection: one answered request, then nothing. */
export async function idleKeepAlive(target: Target): Promise<{ closed: Promise<void>; socket: net.Socket }> {
  const socket = connect(target);
  const closed = new Promise<void>((resolve) => {
    socket.once("close", () => resolve());
  });
  socket.on("error", () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => socket.write("GET /t HTTP/1.1\r\nHost: localhost\r\n\r\n"));
    let got = "";
    socket.on("data", (d: Buffer) => {
      got += d.toString("latin1");
      if (/\r\n\r\n/.test(got) && /Content-Length: (\d+)/i.test(got)) {
        const len = Number(/Content-Length: (\d+)/i.exec(got)![1]);
        if (got.length - got.indexOf("\r\n\r\n") - 4 >= len) resolve();
      }
    });
    socket.once("close", () => reject(new Error("closed before answering")));
  });
  return { closed, socket };
}
