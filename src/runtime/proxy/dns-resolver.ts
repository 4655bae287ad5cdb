/**
 * The `resolver` of a `proxy_pass` with variables: A (and, unless `ipv6=off`, AAAA) queries
 * over UDP to the configured name servers, resent every 5 seconds until `resolver_timeout`,
 * answers cached for their TTL or `valid=`. Malformed answers are logged with nginx's words
 * ("short DNS response", …) and otherwise ignored, so a broken server ends in a time-out, as
 * in nginx. Names are latin1 byte strings; the answer is IPv4 addresses first.
 */
import { createSocket, type Socket } from "node:dgram";
import { isIP } from "node:net";
import type { ResolverSpec } from "../../directives/modules/http-core/types.js";
import { parseTime } from "../../directives/values.js";

export interface NameServer {
  readonly host: string;
  readonly port: number;
}

export interface ResolverConf {
  readonly servers: readonly NameServer[];
  /** `valid=`: cache answers this long instead of their TTL (ms). */
  readonly validMs: number | null;
  readonly ipv6: boolean;
}

/** Addresses, or nginx's `(code: text)` reason: `3: Host not found`, `110: Operation timed out`. */
export type ResolveOutcome = { readonly addresses: readonly string[] } | { readonly error: string };

const RESEND_MS = 5000;
const TYPE_A = 1;
const TYPE_AAAA = 28;
const TIMED_OUT = "110: Operation timed out";
const RCODE_TEXT = ["", "Format error", "Server failure", "Host not found", "Unimplemented", "Operation refused"];

function rcodeText(code: number): string {
  return RCODE_TEXT[code] ?? "Unknown error";
}

/** Reads the `resolver` words (`addr[:port]`, `valid=`, `ipv6=`); names not given as addresses are skipped. */
export function resolverConf(spec: ResolverSpec): ResolverConf {
  const servers: NameServer[] = [];
  let validMs: number | null = null;
  let ipv6 = true;
  for (const a of spec.args) {
    if (a.startsWith("valid=")) {
      const seconds = parseTime(a.slice(6), true);
      validMs = seconds === null ? null : seconds * 1000;
    }
    else if (a === "ipv6=off") ipv6 = false;
    else if (a === "ipv6=on") ipv6 = true;
    else if (a.includes("=")) continue;
    else {
      const m = /^\[([^\]]+)\](?::([0-9]+))?$/.exec(a) ?? /^([^:]+)(?::([0-9]+))?$/.exec(a);
      const host = m?.[1] ?? a;
      if (isIP(host) !== 0) servers.push({ host, port: m?.[2] !== undefined ? Number(m[2]) : 53 });
    }
  }
  return { servers, validMs, ipv6 };
}

function encodeQuery(id: number, name: string, type: number): Buffer {
  const labels = name.split(".").filter((l) => l !== "");
  const parts: Buffer[] = [Buffer.from([id >> 8, id & 255, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0])];
  for (const l of labels) parts.push(Buffer.from([l.length]), Buffer.from(l, "latin1"));
  parts.push(Buffer.from([0, type >> 8, type & 255, 0, 1]));
  return Buffer.concat(parts);
}

/** Skips a (possibly compressed) name; the offset after it, or -1 past the end. */
function skipName(b: Buffer, at: number): number {
  let p = at;
  while (p < b.length) {
    const len = b[p]!;
    if (len === 0) return p + 1;
    if ((len & 0xc0) === 0xc0) return p + 2 <= b.length ? p + 2 : -1;
    p += 1 + len;
  }
  return -1;
}

interface Answer {
  readonly id: number;
  readonly rcode: number;
  readonly addresses: string[];
  /** Smallest TTL of the address records (seconds). */
  readonly ttl: number;
}

/** Parses a response; a string is nginx's complaint about it. */
function parseResponse(b: Buffer): Answer | string {
  if (b.length < 12) return "short DNS response";
  const id = b.readUInt16BE(0);
  const flags = b.readUInt16BE(2);
  const nqs = b.readUInt16BE(4);
  const nan = b.readUInt16BE(6);
  if ((flags & 0xf870) !== 0x8000) return `invalid UDP DNS response ${id} fl:${flags.toString(16).toUpperCase().padStart(4, "0")}`;
  const rcode = flags & 0xf;
  if (rcode > 5) return `DNS error (${rcode}: ${rcodeText(rcode)}), query id:${id}`;
  if (nqs !== 1) return "invalid number of questions in DNS response";
  let p = 12;
  for (;;) {
    if (p >= b.length) return "short DNS response";
    const len = b[p]!;
    if ((len & 0xc0) !== 0) return "unexpected compression pointer in DNS response";
    if (len === 0) break;
    p += 1 + len;
  }
  if (p === 12) return "zero-length domain name in DNS response";
  p += 1;
  if (p + 4 > b.length) return "short DNS response";
  const qclass = b.readUInt16BE(p + 2);
  if (qclass !== 1) return `unknown query class ${qclass} in DNS response`;
  p += 4;
  const addresses: string[] = [];
  let ttl = Infinity;
  for (let i = 0; i < nan; i++) {
    p = skipName(b, p);
    if (p === -1 || p + 10 > b.length) return "short DNS response";
    const type = b.readUInt16BE(p);
    const rttl = b.readUInt32BE(p + 4);
    const rdlen = b.readUInt16BE(p + 8);
    p += 10;
    if (p + rdlen > b.length) return "short DNS response";
    if (type === TYPE_A && rdlen === 4) {
      addresses.push(Array.from(b.subarray(p, p + 4)).join("."));
      ttl = Math.min(ttl, rttl);
    } else if (type === TYPE_AAAA && rdlen === 16) {
      const groups: string[] = [];
      for (let g = 0; g < 16; g += 2) groups.push(b.readUInt16BE(p + g).toString(16));
      // The URL parser writes IPv6 addresses in their canonical short form.
      addresses.push(new URL(`http://[${groups.join(":")}]`).hostname.slice(1, -1));
      ttl = Math.min(ttl, rttl);
    }
    p += rdlen;
  }
  return { id, rcode, addresses, ttl: ttl === Infinity ? 0 : ttl };
}

/** Closes a UDP socket that may be closed already. */
function closeQuietly(sock: Socket): void {
  try {
    sock.close();
  } catch {
    // Already closed.
  }
}

interface CacheEntry {
  readonly outcome: ResolveOutcome;
  readonly expires: number;
}

const cache = new Map<string, CacheEntry>();

/**
 * Resolves `name`. `complain` receives nginx's log text for each malformed answer (logged at
 * `error` by the caller, as nginx's resolver does).
 */
export function resolveName(conf: ResolverConf, name: string, timeoutMs: number, complain: (message: string) => void): Promise<ResolveOutcome> {
  const key = `${conf.servers.map((s) => `${s.host}:${s.port}`).join(",")}|${conf.ipv6}|${name.toLowerCase()}`;
  const hit = cache.get(key);
  if (hit !== undefined && hit.expires > Date.now()) return Promise.resolve(hit.outcome);
  if (conf.servers.length === 0) return Promise.resolve({ error: TIMED_OUT });
  // A name no query can carry (a label over 63 bytes, 255 in all) is not found, as in nginx.
  if (name.length > 255 || name.split(".").some((l) => l.length > 63)) return Promise.resolve({ error: `3: ${rcodeText(3)}` });
  const types = conf.ipv6 ? [TYPE_A, TYPE_AAAA] : [TYPE_A];
  return new Promise((resolve) => {
    const pending = new Map<number, number>();
    for (const t of types) pending.set(Math.floor(Math.random() * 65536), t);
    const found = new Map<number, string[]>();
    let ttl = Infinity;
    let serverIndex = 0;
    let finished = false;
    const sockets: Socket[] = [];

    const finish = (outcome: ResolveOutcome, cacheFor: number): void => {
      if (finished) return;
      finished = true;
      clearTimeout(deadline);
      clearInterval(resend);
      for (const s of sockets) closeQuietly(s);
      if (cacheFor > 0) cache.set(key, { outcome, expires: Date.now() + cacheFor });
      resolve(outcome);
    };
    const send = (): void => {
      const server = conf.servers[serverIndex++ % conf.servers.length]!;
      const sock = createSocket(server.host.includes(":") ? "udp6" : "udp4");
      sockets.push(sock);
      // A send that fails (no route, …) is like an answer that never comes: wait for the time-out.
      sock.on("error", () => closeQuietly(sock));
      sock.on("message", (msg: Buffer) => onAnswer(msg));
      for (const [id, type] of pending) sock.send(encodeQuery(id, name, type), server.port, server.host);
    };
    const onAnswer = (msg: Buffer): void => {
      if (finished) return;
      const a = parseResponse(msg);
      if (typeof a === "string") {
        complain(a);
        return;
      }
      const type = pending.get(a.id);
      if (type === undefined) {
        complain(`wrong ident ${a.id} in DNS response for ${name}, expect ${[...pending.keys()].join(" or ")}`);
        return;
      }
      pending.delete(a.id);
      if (a.rcode !== 0) {
        finish({ error: `${a.rcode}: ${rcodeText(a.rcode)}` }, conf.validMs ?? 30_000);
        return;
      }
      found.set(type, a.addresses);
      if (a.addresses.length > 0) ttl = Math.min(ttl, a.ttl);
      if (pending.size > 0) return;
      const all = [...(found.get(TYPE_A) ?? []), ...(found.get(TYPE_AAAA) ?? [])];
      if (all.length === 0) finish({ error: `3: ${rcodeText(3)}` }, conf.validMs ?? 30_000);
      else finish({ addresses: all }, conf.validMs ?? (ttl === Infinity ? 0 : ttl * 1000));
    };
    const deadline = setTimeout(() => finish({ error: TIMED_OUT }, 0), timeoutMs);
    const resend = setInterval(send, RESEND_MS);
    send();
  });
}
