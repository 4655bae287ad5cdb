/**
 * Resolving host names while the conf loads, as nginx does with getaddrinfo() for upstream
 * servers and proxy_pass targets. Loading is synchronous, so a name that is not a plain IPv4
 * address is looked up through `getent ahosts` (the same resolver library, so /etc/hosts, the
 * search domains and glibc's numeric forms behave as in nginx). Results are cached per load.
 */
import type { ConfLoader } from "../loader.js";
import { parseIPv4, parseIPv6 } from "./inet-address.js";

const STATE_CACHE = "resolve-host.cache";
const GETENT_TIMEOUT_MS = 30_000;

/** IPv4 addresses first, then IPv6 (nginx's order); `null` when the name does not resolve. */
export type Resolved = readonly string[] | null;

function cacheOf(loader: ConfLoader): Map<string, Resolved> {
  let cache = loader.state.get(STATE_CACHE) as Map<string, Resolved> | undefined;
  if (cache === undefined) {
    cache = new Map();
    loader.state.set(STATE_CACHE, cache);
  }
  return cache;
}

function dottedQuad(host: string): boolean {
  return /^[0-9]{1,3}(\.[0-9]{1,3}){3}$/.test(host) && parseIPv4(host) !== null;
}

function lookup(host: string): Resolved {
  if (dottedQuad(host)) return [host];
  // A NUL cannot be in a host name (and cannot be passed to a process): not found, as nginx says.
  if (host.includes("\0")) return null;
  // Loaded here, not imported: child_process (with net and streams) costs `tsresty -t` several
  // ms of start-up, and most confs name no host to look up.
  const { spawnSync } = process.getBuiltinModule("node:child_process");
  const r = spawnSync("getent", ["ahosts", host], { encoding: "latin1", timeout: GETENT_TIMEOUT_MS });
  // No getent (not glibc): keep the name, the runtime resolves it.
  if (r.error !== undefined) return [host];
  if (r.status !== 0) return null;
  const v4: string[] = [];
  const v6: string[] = [];
  for (const line of r.stdout.split("\n")) {
    const [addr, kind] = line.trim().split(/\s+/);
    if (addr === undefined || kind !== "STREAM") continue;
    const list = addr.includes(":") ? v6 : v4;
    if (!list.includes(addr)) list.push(addr);
  }
  const all = [...v4, ...v6];
  return all.length > 0 ? all : null;
}

/** Resolves an inet host name or address (not bracketed IPv6; see {@link resolveUrlHost}). */
export function resolveHost(loader: ConfLoader, host: string): Resolved {
  const key = host.toLowerCase();
  const cache = cacheOf(loader);
  let r = cache.get(key);
  if (r === undefined) {
    r = lookup(host);
    cache.set(key, r);
  }
  return r;
}

/** A URL host as nginx's URL reader leaves it: `[v6]` is already an address. */
export function resolveUrlHost(loader: ConfLoader, host: string): Resolved {
  if (host.startsWith("[") && host.endsWith("]") && parseIPv6(host.slice(1, -1)) !== null) return [host.slice(1, -1)];
  return resolveHost(loader, host);
}
