/**
 * The per-worker cache of idle upstream connections of an `upstream { keepalive N; }` block:
 * at most N connections for the whole block, the most recently parked one reused first for a
 * server, the least recently used one closed when the cache is full. A parked connection
 * leaves the cache when the server closes it or sends anything, or after keepalive_timeout.
 */
import type { UpstreamSpec } from "../../directives/modules/upstream/types.js";
import type { UpstreamSocket } from "./upstream-socket.js";

interface IdleEntry {
  readonly peer: string;
  readonly socket: UpstreamSocket;
  readonly timer: NodeJS.Timeout;
}

export class KeepalivePool {
  /** Oldest first. */
  private idle: IdleEntry[] = [];

  constructor(private readonly spec: UpstreamSpec) {}

  /** A parked connection to `peer`, most recent first; `null` when there is none. */
  take(peer: string): UpstreamSocket | null {
    for (let i = this.idle.length - 1; i >= 0; i--) {
      const e = this.idle[i]!;
      if (e.peer !== peer) continue;
      this.idle.splice(i, 1);
      clearTimeout(e.timer);
      e.socket.unpark();
      return e.socket;
    }
    return null;
  }

  /**
   * Parks a connection whose response was read completely; one that has served
   * keepalive_requests requests or lived keepalive_time is closed instead.
   */
  put(peer: string, socket: UpstreamSocket): void {
    const s = this.spec;
    if (!socket.clean || socket.requests >= s.keepaliveRequests || Date.now() - socket.createdAt > s.keepaliveTime) {
      socket.destroy();
      return;
    }
    const oldest = this.idle[0];
    if (oldest !== undefined && this.idle.length >= s.keepalive) this.drop(oldest, true);
    const entry: IdleEntry = {
      peer,
      socket,
      timer: setTimeout(() => this.drop(entry, true), s.keepaliveTimeout),
    };
    entry.timer.unref();
    this.idle.push(entry);
    socket.idle(() => this.drop(entry, false));
  }

  /** Closes every parked connection (the worker is stopping). */
  closeAll(): void {
    for (const e of this.idle) {
      clearTimeout(e.timer);
      e.socket.destroy();
    }
    this.idle = [];
  }

  private drop(entry: IdleEntry, close: boolean): void {
    const i = this.idle.indexOf(entry);
    if (i !== -1) this.idle.splice(i, 1);
    clearTimeout(entry.timer);
    if (close) entry.socket.destroy();
  }
}

const pools = new WeakMap<UpstreamSpec, KeepalivePool>();

/** The block's cache, or `null` when it has no `keepalive`. */
export function keepalivePoolFor(spec: UpstreamSpec | null): KeepalivePool | null {
  if (spec === null || spec.keepalive <= 0) return null;
  let p = pools.get(spec);
  if (p === undefined) {
    p = new KeepalivePool(spec);
    pools.set(spec, p);
  }
  return p;
}
