/**
 * The address of a `listen` directive, read as nginx's `ngx_parse_url` does in listen mode:
 * `addr:port`, `port` alone (all addresses), `addr` alone (port 80), `*:port`, `[v6]:port`,
 * `unix:/path`, and port ranges `8000-8003`. Host names are resolved now, as nginx resolves
 * them while reading the conf; every address (and every port of a range) becomes one entry.
 * Failures carry nginx's reason, printed as `<reason> in "<url>" of the "listen" directive`.
 */
import type { ConfLoader } from "../../loader.js";
import { parseIPv4, parseIPv6 } from "../inet-address.js";
import { resolveHost } from "../resolve-host.js";
import { formatIPv6 } from "./ipv6-text.js";

/** One socket address a `listen` names. */
export interface ListenAddressText {
  readonly family: "inet" | "inet6" | "unix";
  readonly address: string;
  readonly port: number;
  readonly addrText: string;
  readonly wildcard: boolean;
}

export type ListenUrlResult = { readonly addresses: ListenAddressText[] } | { readonly err: string };

const DEFAULT_PORT = 80;
/** sizeof(sun_path) on Linux, counting the terminating NUL. */
const SUN_PATH_MAX = 108;

/** `ngx_atoi`: digits only, `null` when empty or too large. */
function atoi(s: string): number | null {
  if (!/^[0-9]+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) && n <= 0x7fffffff ? n : null;
}

function validPort(n: number | null): n is number {
  return n !== null && n >= 1 && n <= 65535;
}

interface PortRange {
  readonly first: number;
  readonly last: number;
}

/** `port` or `port-last` after a `:`; every failure there is an invalid port. */
function portAfterColon(text: string): PortRange | { err: string } {
  let firstText = text;
  let last = 0;
  const dash = text.indexOf("-");
  if (dash !== -1) {
    const n = atoi(text.slice(dash + 1));
    if (!validPort(n)) return { err: "invalid port" };
    last = n;
    firstText = text.slice(0, dash);
  }
  const first = atoi(firstText);
  if (!validPort(first)) return { err: "invalid port" };
  if (last !== 0 && first > last) return { err: "invalid port range" };
  return { first, last: last === 0 ? first : last };
}

function v4Text(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 0xff}.${(v >>> 8) & 0xff}.${v & 0xff}`;
}

function expand(family: "inet" | "inet6", address: string, wildcard: boolean, range: PortRange): ListenAddressText[] {
  const out: ListenAddressText[] = [];
  for (let port = range.first; port <= range.last; port++) {
    const addrText = family === "inet6" ? `[${address}]:${port}` : `${address}:${port}`;
    out.push({ family, address, port, addrText, wildcard });
  }
  return out;
}

function parseUnix(url: string): ListenUrlResult {
  const path = url.slice(5);
  if (path.length === 0) return { err: "no path in the unix domain socket" };
  if (path.length + 1 > SUN_PATH_MAX) return { err: "too long path in the unix domain socket" };
  return { addresses: [{ family: "unix", address: path, port: 0, addrText: url, wildcard: false }] };
}

function parseInet6(url: string): ListenUrlResult {
  const close = url.indexOf("]");
  if (close === -1) return { err: "invalid host" };
  const rest = url.slice(close + 1);
  if (rest.includes("/")) return { err: "invalid host" };
  let range: PortRange = { first: DEFAULT_PORT, last: DEFAULT_PORT };
  if (rest.length > 0) {
    if (rest[0] !== ":") return { err: "invalid host" };
    const r = portAfterColon(rest.slice(1));
    if ("err" in r) return r;
    range = r;
  }
  const host = url.slice(1, close);
  if (host.length === 0) return { err: "no host" };
  const v = parseIPv6(host);
  if (v === null) return { err: "invalid IPv6 address" };
  return { addresses: expand("inet6", formatIPv6(v), v === 0n, range) };
}

/** A plain `port` or `port-last`: `null` when the text is not one (then it is a host). */
function portOnly(url: string): PortRange | { err: string } | null {
  let firstText = url;
  let last = 0;
  let rangeErr: string | null = null;
  const dash = url.indexOf("-");
  if (dash !== -1) {
    const n = atoi(url.slice(dash + 1));
    if (n === null) return null;
    if (!validPort(n)) rangeErr = "invalid port";
    else last = n;
    firstText = url.slice(0, dash);
  }
  const first = atoi(firstText);
  if (first === null) return null;
  if (rangeErr !== null) return { err: rangeErr };
  if (!validPort(first)) return { err: "invalid port" };
  if (last !== 0 && first > last) return { err: "invalid port range" };
  return { first, last: last === 0 ? first : last };
}

function parseInet(url: string, loader: ConfLoader): ListenUrlResult {
  const colon = url.indexOf(":");
  const slash = url.indexOf("/");
  const question = url.indexOf("?");
  if (slash !== -1 || question !== -1) return { err: "invalid host" };
  let host: string;
  let range: PortRange;
  if (colon !== -1) {
    const r = portAfterColon(url.slice(colon + 1));
    if ("err" in r) return r;
    range = r;
    host = url.slice(0, colon);
  } else {
    const p = portOnly(url);
    if (p !== null) {
      if ("err" in p) return p;
      return { addresses: expand("inet", "0.0.0.0", true, p) };
    }
    host = url;
    range = { first: DEFAULT_PORT, last: DEFAULT_PORT };
  }
  if (host.length === 0) return { err: "no host" };
  if (host === "*") return { addresses: expand("inet", "0.0.0.0", true, range) };
  const v4 = parseIPv4(host);
  if (v4 !== null) return { addresses: expand("inet", v4Text(v4), v4 === 0, range) };
  const resolved = resolveHost(loader, host);
  if (resolved === null) return { err: "host not found" };
  const out: ListenAddressText[] = [];
  for (const a of resolved) {
    if (a.includes(":")) {
      const v = parseIPv6(a);
      if (v !== null) out.push(...expand("inet6", formatIPv6(v), v === 0n, range));
    } else {
      const v = parseIPv4(a) ?? (a === "255.255.255.255" ? 0xffffffff : null);
      if (v !== null) out.push(...expand("inet", v4Text(v), v === 0, range));
    }
  }
  return out.length > 0 ? { addresses: out } : { err: "host not found" };
}

export function parseListenUrl(url: string, loader: ConfLoader): ListenUrlResult {
  if (url.length >= 5 && url.slice(0, 5).toLowerCase() === "unix:") return parseUnix(url);
  if (url.startsWith("[")) return parseInet6(url);
  return parseInet(url, loader);
}
