/**
 * The whole runtime plan of a loaded conf: the sockets to bind, and for each the virtual
 * servers reachable through it (nginx's `ngx_http_optimize_servers`). A wildcard socket
 * serves the addresses of its port that have no socket of their own, chosen by the
 * connection's local address.
 */
import type { ConfLevel } from "../../directives/level.js";
import type { LoadedConf } from "../../directives/load-conf.js";
import { HTTP_CORE_KEYS, type ListenAddress, type ListenSpec, type ListenTable, type ServerInfo, type ServerName } from "../../directives/modules/http-core/types.js";
import { ServerNameTable, type NameRegex } from "../server-names.js";
import { planServer, type ServerPlan } from "./server-plan.js";

/** The servers of one address and how Host picks among them. */
export interface AddressPlan {
  readonly spec: ListenSpec;
  readonly names: ServerNameTable<ServerPlan>;
  readonly defaultServer: ServerPlan;
  /** Every server of the address, the default one included. */
  readonly servers: readonly ServerPlan[];
}

export interface SocketPlan {
  readonly spec: ListenSpec;
  /** The address served when the local address matches no other on this socket. */
  readonly own: AddressPlan;
  /** Other addresses of the port served through this wildcard socket (by local address). */
  readonly byLocalAddress: ReadonlyMap<string, AddressPlan>;
}

export interface RuntimePlan {
  readonly http: ConfLevel | null;
  readonly sockets: readonly SocketPlan[];
  readonly servers: readonly ServerPlan[];
}

function nameStrings(names: readonly ServerName[]): (string | NameRegex)[] {
  return names.map((n) => {
    switch (n.kind) {
      case "exact":
        return n.name;
      case "prefixWildcard":
        return n.matchesBare ? n.suffix : `*${n.suffix}`;
      case "suffixWildcard":
        return `${n.prefix}*`;
      case "regex":
        // The compiled regex, not its JavaScript form: its exec numbers groups as PCRE does.
        return n.regex;
    }
  });
}

function addressPlan(addr: ListenAddress, plans: Map<ServerInfo, ServerPlan>): AddressPlan {
  const named = addr.servers.map((s) => ({ names: nameStrings(s.names), server: plans.get(s)! }));
  const def = plans.get(addr.defaultServer)!;
  const servers = [...new Set([def, ...named.map((n) => n.server)])];
  return { spec: addr.spec, names: new ServerNameTable(named, def), defaultServer: def, servers };
}

export function buildRuntimePlan(conf: LoadedConf): RuntimePlan {
  const http = conf.main.children.find((c) => c.kind === "http") ?? null;
  if (http === null) return { http, sockets: [], servers: [] };
  const plans = new Map<ServerInfo, ServerPlan>();
  for (const child of http.children) {
    if (child.kind !== "server") continue;
    const info = child.data.get(HTTP_CORE_KEYS.server) as ServerInfo | undefined;
    if (info !== undefined) plans.set(info, planServer(info));
  }
  const table = http.data.get(HTTP_CORE_KEYS.listen) as ListenTable | undefined;
  const sockets: SocketPlan[] = [];
  for (const port of table?.ports ?? []) {
    const wildcard = port.addresses.find((a) => a.spec.wildcard);
    const unbound = new Map<string, AddressPlan>();
    for (const addr of port.addresses) {
      if (addr === wildcard) continue;
      const plan = addressPlan(addr, plans);
      if (wildcard === undefined || addr.bound || addr.spec.family === "unix") {
        sockets.push({ spec: addr.spec, own: plan, byLocalAddress: new Map() });
      } else {
        unbound.set(addr.spec.address, plan);
      }
    }
    if (wildcard !== undefined) {
      sockets.push({ spec: wildcard.spec, own: addressPlan(wildcard, plans), byLocalAddress: unbound });
    }
  }
  return { http, sockets, servers: [...plans.values()] };
}
