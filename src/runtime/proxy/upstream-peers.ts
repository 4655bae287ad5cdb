/**
 * Choosing the upstream server for each try, as nginx's round-robin balancer does: smooth
 * weighted round robin over the live primary servers, then the `backup` ones; `down` servers
 * never; a server that failed `max_fails` times is skipped for `fail_timeout` seconds. A group
 * of one server is never marked failed. State (weights, failures) lives per worker, like
 * nginx's without a shared zone. Other balancing methods (ip_hash, hash, least_conn, random)
 * fall back to round robin.
 */
import type { ProxyUrl } from "../../directives/modules/proxy/types.js";
import type { UpstreamServerSpec, UpstreamSpec } from "../../directives/modules/upstream/types.js";
import type { PeerEndpoint } from "./upstream-socket.js";

export interface Peer {
  /** `127.0.0.1:8080`, `[::1]:80`, `unix:/path`: `$upstream_addr` and the error log's `upstream:`. */
  readonly name: string;
  readonly endpoint: PeerEndpoint;
  readonly weight: number;
  readonly maxFails: number;
  /** Seconds. */
  readonly failTimeout: number;
  readonly maxConns: number;
  readonly down: boolean;
  currentWeight: number;
  effectiveWeight: number;
  fails: number;
  /** Seconds (nginx's ngx_time()) of the last failure and of the last check of a failed peer. */
  accessed: number;
  checked: number;
  conns: number;
}

export class PeerGroup {
  /** One server and no backups: failures are not counted, nothing is retried. */
  readonly single: boolean;
  /** How many tries this group allows: its servers that are not `down`. */
  readonly tries: number;

  constructor(
    /** The upstream's name (logged when no server is live). */
    readonly name: string,
    readonly peers: readonly Peer[],
    readonly backup: PeerGroup | null,
    /** The `backup` servers of a block: never "single", as nginx counts them. */
    isBackup = false,
  ) {
    this.single = !isBackup && peers.length === 1 && backup === null;
    this.tries = peers.filter((p) => !p.down).length;
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function peerName(family: "inet" | "inet6" | "unix", address: string, port: number): string {
  if (family === "unix") return `unix:${address}`;
  return address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
}

function endpointOf(family: "inet" | "inet6" | "unix", address: string, port: number): PeerEndpoint {
  if (family === "unix") return { kind: "unix", path: address };
  return { kind: "inet", host: address.startsWith("[") ? address.slice(1, -1) : address, port };
}

interface PeerParams {
  readonly weight: number;
  readonly maxFails: number;
  readonly failTimeout: number;
  readonly maxConns: number;
  readonly down: boolean;
}

const IMPLICIT: PeerParams = { weight: 1, maxFails: 1, failTimeout: 10, maxConns: 0, down: false };

export function makePeer(family: "inet" | "inet6" | "unix", address: string, port: number, p: PeerParams = IMPLICIT): Peer {
  const bare = address.startsWith("[") ? address.slice(1, -1) : address;
  return {
    name: peerName(family, bare, port),
    endpoint: endpointOf(family, bare, port),
    weight: p.weight,
    maxFails: p.maxFails,
    failTimeout: p.failTimeout,
    maxConns: p.maxConns,
    down: p.down,
    currentWeight: 0,
    effectiveWeight: p.weight,
    fails: 0,
    accessed: 0,
    checked: 0,
    conns: 0,
  };
}

function serverPeers(servers: readonly UpstreamServerSpec[]): Peer[] {
  const out: Peer[] = [];
  for (const s of servers) {
    for (const a of s.addresses) out.push(makePeer(s.family === "unix" ? "unix" : a.includes(":") ? "inet6" : "inet", a, s.port, s));
  }
  return out;
}

const blockGroups = new WeakMap<UpstreamSpec, PeerGroup>();
const urlGroups = new WeakMap<ProxyUrl, PeerGroup>();

/** The peers of an `upstream {}` block (one state per worker). */
export function upstreamGroup(spec: UpstreamSpec): PeerGroup {
  let g = blockGroups.get(spec);
  if (g === undefined) {
    const backups = serverPeers(spec.servers.filter((s) => s.backup));
    const backup = backups.length > 0 ? new PeerGroup(spec.name, backups, null, true) : null;
    g = new PeerGroup(spec.name, serverPeers(spec.servers.filter((s) => !s.backup)), backup);
    blockGroups.set(spec, g);
  }
  return g;
}

/** The peers of a `proxy_pass` to a plain address or name: every address it resolved to. */
export function urlGroup(url: ProxyUrl): PeerGroup {
  let g = urlGroups.get(url);
  if (g === undefined) {
    const peers = url.family === "unix" ? [makePeer("unix", url.host, 0)] : url.addresses.map((a) => makePeer(a.includes(":") ? "inet6" : "inet", a, url.port));
    g = new PeerGroup(url.family === "unix" ? `unix:${url.host}` : url.host, peers, null);
    urlGroups.set(url, g);
  }
  return g;
}

/** What a finished try tells the balancer. */
export type PeerOutcome = "ok" | "failed" | "next";

/** One request's walk over a group: which servers it tried and how many tries are left. */
export class PeerPicker {
  private group: PeerGroup;
  private readonly tried = new Set<Peer>();
  /** Tries left (nginx's `peer.tries`). */
  tries: number;

  constructor(
    private readonly primary: PeerGroup,
    /** proxy_next_upstream_tries (0: no limit). */
    limit: number,
  ) {
    this.group = primary;
    this.tries = primary.tries + (primary.backup?.tries ?? 0);
    if (limit > 0 && this.tries > limit) this.tries = limit;
  }

  /** The next server to try, or `null` when none is live (then `busyName` names the upstream). */
  pick(): Peer | null {
    const backup = this.primary.backup;
    if (this.group === this.primary) {
      const peer = this.pickIn(this.primary);
      if (peer !== null) return peer;
      if (backup !== null) {
        this.group = backup;
        this.tried.clear();
      }
    }
    if (this.group === backup) {
      const peer = this.pickIn(backup);
      if (peer !== null) return peer;
      for (const p of backup.peers) p.fails = 0;
    }
    // Every server failed: forget the failures so they are tried again soon.
    for (const p of this.primary.peers) p.fails = 0;
    return null;
  }

  get busyName(): string {
    return this.primary.name;
  }

  /** Reports the try on `peer`; returns true when the server is now disabled for a while. */
  release(peer: Peer, outcome: PeerOutcome): boolean {
    peer.conns--;
    if (this.group.single) {
      this.tries = 0;
      return false;
    }
    let disabled = false;
    const now = nowSeconds();
    if (outcome === "failed") {
      peer.fails++;
      peer.accessed = now;
      peer.checked = now;
      if (peer.maxFails > 0) {
        peer.effectiveWeight -= Math.floor(peer.weight / peer.maxFails);
        disabled = peer.fails >= peer.maxFails;
      }
      if (peer.effectiveWeight < 0) peer.effectiveWeight = 0;
    } else if (peer.accessed < peer.checked) {
      // A server that came back after its fail_timeout is live again.
      peer.fails = 0;
    }
    if (this.tries > 0) this.tries--;
    return disabled;
  }

  /** A cached keepalive connection failed: nginx does not count that try. */
  giveBackTry(): void {
    this.tries++;
  }

  private pickIn(group: PeerGroup): Peer | null {
    if (group.single) {
      const p = group.peers[0]!;
      if (p.down || (p.maxConns > 0 && p.conns >= p.maxConns)) return null;
      p.conns++;
      return p;
    }
    const now = nowSeconds();
    let best: Peer | null = null;
    let total = 0;
    for (const p of group.peers) {
      if (this.tried.has(p) || p.down) continue;
      if (p.maxFails > 0 && p.fails >= p.maxFails && now - p.checked <= p.failTimeout) continue;
      if (p.maxConns > 0 && p.conns >= p.maxConns) continue;
      p.currentWeight += p.effectiveWeight;
      total += p.effectiveWeight;
      if (p.effectiveWeight < p.weight) p.effectiveWeight++;
      if (best === null || p.currentWeight > best.currentWeight) best = p;
    }
    if (best === null) return null;
    this.tried.add(best);
    best.currentWeight -= total;
    if (now - best.checked > best.failTimeout) best.checked = now;
    best.conns++;
    return best;
  }
}
