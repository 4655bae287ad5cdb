// The per-repeat TCP backend of `tcp_listen` & co. Each connection reads its query, optionally
// waits, writes the reply (one write per entry) and closes, unless told otherwise.

import net from "node:net";
import { rm } from "node:fs/promises";
import { setTimeout as delay } from "node:timers/promises";

export interface TcpMockSpec {
  /** A port on 127.0.0.1, or a unix socket path. */
  readonly listen: { readonly port: number } | { readonly path: string };
  /** When set, the reply waits until this many bytes have arrived. */
  readonly queryLength: number | undefined;
  /** The expected query (tcp_query): once the bytes received stop being a prefix of it, the
   * check has failed anyway, so the reply goes out at once instead of waiting for bytes that
   * will never come (which would stall the client until its timeout). */
  readonly expectedQuery: Buffer | undefined;
  readonly replies: readonly Buffer[];
  readonly replyDelayMs: number;
  readonly noClose: boolean;
  /** `tcp_shutdown`: 1 or 2 sends FIN right after accept (no reply); 0 stops reading. */
  readonly shutdown: number | undefined;
}

export class TcpMockBackend {
  /** Bytes received, one entry per accepted connection, in accept order. */
  readonly received: Buffer[] = [];
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  readonly #spec: TcpMockSpec;

  private constructor(server: net.Server, spec: TcpMockSpec) {
    this.#server = server;
    this.#spec = spec;
  }

  static async start(spec: TcpMockSpec): Promise<TcpMockBackend> {
    if ("path" in spec.listen) await rm(spec.listen.path, { force: true });
    const server = net.createServer({ allowHalfOpen: true });
    const backend = new TcpMockBackend(server, spec);
    server.on("connection", (socket) => backend.#serve(socket));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      if ("path" in spec.listen) server.listen(spec.listen.path, resolve);
      else server.listen(spec.listen.port, "127.0.0.1", resolve);
    });
    return backend;
  }

  #serve(socket: net.Socket): void {
    const spec = this.#spec;
    const index = this.received.length;
    this.received.push(Buffer.alloc(0));
    this.#sockets.add(socket);
    socket.on("close", () => this.#sockets.delete(socket));
    socket.on("error", () => undefined); // the peer may reset; the query check reports what arrived

    if (spec.shutdown !== undefined) {
      if (spec.shutdown === 0) socket.pause();
      else socket.end();
      return;
    }

    let replied = false;
    const reply = async (): Promise<void> => {
      if (replied) return;
      replied = true;
      if (spec.replyDelayMs > 0) await delay(spec.replyDelayMs);
      for (const chunk of spec.replies) {
        if (socket.destroyed) return;
        socket.write(chunk);
      }
      if (!spec.noClose && !socket.destroyed) socket.end();
    };

    socket.on("data", (chunk: Buffer) => {
      this.received[index] = Buffer.concat([this.received[index]!, chunk]);
      const got = this.received[index]!;
      // Without a length to wait for, the first packet counts as the whole query.
      if (spec.queryLength === undefined || got.length >= spec.queryLength || diverges(got, spec.expectedQuery)) void reply();
    });
    socket.on("end", () => void reply());
    if (spec.queryLength === 0) void reply();
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    if ("path" in this.#spec.listen) await rm(this.#spec.listen.path, { force: true });
  }
}

function diverges(received: Buffer, expected: Buffer | undefined): boolean {
  if (!expected) return false;
  const n = Math.min(received.length, expected.length);
  return received.compare(expected, 0, n, 0, n) !== 0;
}
