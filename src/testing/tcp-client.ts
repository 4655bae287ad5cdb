// A raw TCP client for one connection: writes packets, reads until the server closes (or until
// `isComplete` says everything expected has arrived), with an inactivity timeout. It never
// throws for network trouble: the caller turns what happened into check failures.

import net from "node:net";
import { setTimeout as delay } from "node:timers/promises";

export interface ExchangeOptions {
  readonly host: string;
  readonly port: number;
  readonly packets: readonly Buffer[];
  /** Pause between packets (raw_request_middle_delay), ms. */
  readonly packetDelayMs: number;
  /** Inactivity timeout, ms: no connect, write progress or data for this long ends the exchange. */
  readonly timeoutMs: number;
  /** Half-close our side once everything is written. */
  readonly shutdown: boolean;
  /** Called after each packet from the server; true ends the exchange early (keep-alive). */
  readonly isComplete?: (data: Buffer) => boolean;
  /** Until this time (performance.now()), a refused connect is retried: the server was just
   * started and may write its pid file a moment before it listens. */
  readonly retryRefusedUntil?: number;
}

export interface ExchangeResult {
  readonly data: Buffer;
  readonly closedByServer: boolean;
  readonly timedOut: boolean;
  /** A socket error such as ECONNREFUSED or ECONNRESET. */
  readonly error: string | undefined;
  readonly elapsedMs: number;
}

export async function exchange(options: ExchangeOptions): Promise<ExchangeResult> {
  let backoff = 1;
  for (;;) {
    const result = await exchangeOnce(options);
    const retry = result.error === "ECONNREFUSED" && performance.now() + backoff < (options.retryRefusedUntil ?? 0);
    if (!retry) return result;
    await delay(backoff);
    backoff = Math.min(backoff * 2, 25);
  }
}

function exchangeOnce(options: ExchangeOptions): Promise<ExchangeResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const received: Buffer[] = [];
    let size = 0;
    let finished = false;
    // allowHalfOpen: after `shutdown` we still read the server's answer.
    const socket = net.connect({ host: options.host, port: options.port, allowHalfOpen: true });
    socket.setNoDelay(true);
    socket.setTimeout(options.timeoutMs);

    const finish = (how: { closedByServer?: boolean; timedOut?: boolean; error?: string }): void => {
      if (finished) return;
      finished = true;
      socket.destroy();
      resolve({
        data: Buffer.concat(received, size),
        closedByServer: how.closedByServer ?? false,
        timedOut: how.timedOut ?? false,
        error: how.error,
        elapsedMs: performance.now() - started,
      });
    };

    socket.on("connect", () => {
      void writePackets(socket, options).then(
        () => {
          if (options.shutdown && !finished) socket.end();
        },
        () => undefined, // a write error surfaces as a socket 'error' event
      );
    });
    socket.on("data", (chunk: Buffer) => {
      received.push(chunk);
      size += chunk.length;
      if (options.isComplete?.(Buffer.concat(received, size))) finish({});
    });
    socket.on("end", () => finish({ closedByServer: true }));
    socket.on("timeout", () => finish({ timedOut: true }));
    socket.on("error", (err: NodeJS.ErrnoException) => {
      // A reset after the server answered is how some servers close; keep what we got.
      finish({ closedByServer: err.code === "ECONNRESET" || err.code === "EPIPE", error: err.code ?? err.message });
    });
  });
}

async function writePackets(socket: net.Socket, options: ExchangeOptions): Promise<void> {
  for (let i = 0; i < options.packets.length; i++) {
    // The delay between packets is what the test asks for (raw_request_middle_delay), so it is
    // a real pause, not a wait for some event.
    if (i > 0 && options.packetDelayMs > 0) await delay(options.packetDelayMs);
    if (socket.destroyed) return;
    await new Promise<void>((resolve, reject) => socket.write(options.packets[i]!, (err) => (err ? reject(err) : resolve())));
  }
}
