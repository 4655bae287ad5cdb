// The per-repeat UDP backend of `udp_listen`: answers each datagram with `udp_reply`.

import dgram from "node:dgram";
import { setTimeout as delay } from "node:timers/promises";

export interface UdpMockSpec {
  readonly port: number;
  readonly reply: Buffer | undefined;
  readonly replyDelayMs: number;
}

export class UdpMockBackend {
  readonly received: Buffer[] = [];
  readonly #socket: dgram.Socket;

  private constructor(socket: dgram.Socket) {
    this.#socket = socket;
  }

  static async start(spec: UdpMockSpec): Promise<UdpMockBackend> {
    const socket = dgram.createSocket("udp4");
    const backend = new UdpMockBackend(socket);
    socket.on("message", (msg, peer) => {
      backend.received.push(msg);
      if (spec.reply === undefined) return;
      const reply = spec.reply;
      void (async () => {
        if (spec.replyDelayMs > 0) await delay(spec.replyDelayMs);
        socket.send(reply, peer.port, peer.address, () => undefined);
      })();
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("error", reject);
      socket.bind(spec.port, "127.0.0.1", () => resolve());
    });
    socket.on("error", () => undefined);
    return backend;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.#socket.close(() => resolve()));
  }
}
