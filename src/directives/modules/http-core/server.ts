/**
 * `server { … }` (http): a virtual server. Its `ServerInfo` is in place before the body is
 * read, so `listen` and `server_name` can fill it; a server that named no `listen` gets nginx's
 * default when its block ends: all addresses, port 80 for root (8000 otherwise, as nginx does).
 */
import { ConfLevel } from "../../level.js";
import type { DirectiveCall } from "../../types.js";
import { DEFAULT_LISTEN_OPTIONS } from "./listen-defaults.js";
import { addListen, listenTableOf } from "./listen-table.js";
import { HTTP_CORE_KEYS, type ListenSpec, type ServerInfo } from "./types.js";

/** The `ServerInfo` of the server a level belongs to. */
export function serverInfoOf(level: ConfLevel): ServerInfo {
  const server = level.closest("server");
  const info = server?.data.get(HTTP_CORE_KEYS.server) as ServerInfo | undefined;
  if (info === undefined) throw new Error("http_core: no server level above this directive");
  return info;
}

function defaultPort(): number {
  return process.getuid?.() === 0 ? 80 : 8000;
}

function defaultListen(): ListenSpec {
  const port = defaultPort();
  return {
    ...DEFAULT_LISTEN_OPTIONS,
    family: "inet",
    address: "0.0.0.0",
    port,
    addrText: `0.0.0.0:${port}`,
    wildcard: true,
    directive: null,
  };
}

/** `$server_name`: the first name, `.example.com` without its dot, a regex with its `~`. */
function primaryName(info: ServerInfo): string {
  const first = info.names[0];
  if (first === undefined) return "";
  if (first.kind === "regex") return `~${first.name}`;
  return first.name.startsWith(".") ? first.name.slice(1) : first.name;
}

export function server(call: DirectiveCall): void {
  const level = new ConfLevel("server", "server", call.level, call.directive);
  const info: ServerInfo = { level, hasListen: false, listens: [], names: [], primaryName: "", regexCaptures: false };
  level.data.set(HTTP_CORE_KEYS.server, info);
  call.loader.walk(call.directive.block ?? [], level);
  if (!info.hasListen) {
    const spec = defaultListen();
    addListen(listenTableOf(call.level), info, spec);
    info.listens.push(spec);
  }
  if (info.names.length === 0) info.names.push({ kind: "exact", name: "" });
  info.primaryName = primaryName(info);
}
