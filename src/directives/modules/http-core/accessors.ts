/**
 * How the request engine reads what the http core module stored: the servers of an http
 * level, the locations under a server or location (in config order), each one's match rule,
 * and the listen table. Levels carry the merged settings; these give the structure.
 */
import type { ConfLevel } from "../../level.js";
import { listenTableOf } from "./listen-table.js";
import { locationInfoOf } from "./location.js";
import { HTTP_CORE_KEYS, type ListenTable, type LocationInfo, type ServerInfo } from "./types.js";

/** The `http {}` level of a loaded conf (`null` when the conf has none). */
export function httpLevelOf(main: ConfLevel): ConfLevel | null {
  return main.children.find((c) => c.kind === "http") ?? null;
}

export function getServerInfo(level: ConfLevel): ServerInfo | undefined {
  return level.data.get(HTTP_CORE_KEYS.server) as ServerInfo | undefined;
}

export function getLocationInfo(level: ConfLevel): LocationInfo | undefined {
  return locationInfoOf(level);
}

/** The servers of an http level, in config order. */
export function serversOf(http: ConfLevel): ServerInfo[] {
  const out: ServerInfo[] = [];
  for (const c of http.children) {
    const s = getServerInfo(c);
    if (s !== undefined) out.push(s);
  }
  return out;
}

/**
 * The locations directly inside a server or location level, in config order (the request
 * engine sorts and splits them as nginx does: static, regex in order, named).
 */
export function locationsOf(level: ConfLevel): LocationInfo[] {
  const out: LocationInfo[] = [];
  for (const c of level.children) {
    const l = locationInfoOf(c);
    if (l !== undefined) out.push(l);
  }
  return out;
}

/** The named (`@name`) locations of a server, by name; the first of a name wins, as in nginx. */
export function namedLocationsOf(server: ConfLevel): Map<string, LocationInfo> {
  const out = new Map<string, LocationInfo>();
  for (const l of locationsOf(server)) if (l.named && !out.has(l.name)) out.set(l.name, l);
  return out;
}

/** Ports, addresses and their servers; after loading, addresses are in nginx's bind order. */
export function getListenTable(http: ConfLevel): ListenTable {
  return listenTableOf(http);
}
