/**
 * The HTTP/1.1 engine boundary: binds listening sockets and turns connections into
 * HttpExchanges for the runtime. Nothing outside src/runtime/http knows about sockets or the
 * wire format, so a faster engine can replace this one without touching phases or handlers.
 */
import { createServer, type Server, type Socket } from "node:net";
import { unlinkSync } from "node:fs";
import { HttpConnection, type ConnectionSettings, type ExchangeHandler } from "./connection.js";
import type { ConnectionInfo } from "./types.js";

export type ListenAddress =
  | { readonly kind: "tcp"; readonly host: string; readonly port: number; readonly backlog?: number }
  | { readonly kind: "unix"; readonly path: string; readonly backlog?: number };

export interface Listener {
  readonly address: ListenAddress;
  readonly server: Server;
  /** Connections currently open on it. */
  readonly connections: Set<HttpConnection>;
}

let connectionCounter = 0;

/** `$connection`: a per-worker connection serial number. */
export function nextConnectionId(): number {
  return ++connectionCounter;
}

export function describeAddress(a: ListenAddress): string {
  return a.kind === "unix" ? `unix:${a.path}` : a.host.includes(":") ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
}

/**
 * Binds one listening socket. `settingsFor` gives the connection settings of the socket's
 * default server (nginx reads header limits and timeouts from it).
 */
export function listen(
  address: ListenAddress,
  settings: ConnectionSettings,
  handler: ExchangeHandler,
): Promise<Listener> {
  const connections = new Set<HttpConnection>();
  // allowHalfOpen: a client that half-closes after its request still gets the response.
  const server = createServer({ noDelay: true, pauseOnConnect: false, allowHalfOpen: true }, (socket: Socket) => {
    const info: ConnectionInfo = {
      id: nextConnectionId(),
      remoteAddr: address.kind === "unix" ? "unix:" : stripV4Mapped(socket.remoteAddress ?? ""),
      remotePort: socket.remotePort ?? 0,
      localAddr: address.kind === "unix" ? "unix:" : stripV4Mapped(socket.localAddress ?? ""),
      localPort: socket.localPort ?? 0,
      unixPath: address.kind === "unix" ? address.path : null,
      requests: 0,
    };
    const conn = new HttpConnection(socket, info, settings, handler);
    connections.add(conn);
    socket.once("close", () => connections.delete(conn));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    const done = (): void => {
      server.off("error", reject);
      resolve({ address, server, connections });
    };
    if (address.kind === "unix") {
      try {
        unlinkSync(address.path);
      } catch {
        // Nothing to remove: the usual case.
      }
      server.listen({ path: address.path, backlog: address.backlog ?? 511 }, done);
    } else {
      server.listen({ host: address.host, port: address.port, backlog: address.backlog ?? 511, exclusive: true }, done);
    }
  });
}

function stripV4Mapped(a: string): string {
  return a.startsWith("::ffff:") ? a.slice(7) : a;
}

/**
 * Stops accepting. Fast: every connection is closed now. Graceful: idle keep-alive
 * connections close now, busy ones after their current response; resolves when all are gone.
 */
export function closeListener(l: Listener, fast: boolean): Promise<void> {
  return new Promise((resolve) => {
    l.server.close(() => resolve());
    for (const c of l.connections) {
      if (fast) c.destroy();
      else c.shutdown();
    }
  });
}
