/**
 * The http block's listen table (nginx's `cmcf->ports`): ports, the addresses on each port and
 * the servers on each address. Adding a `listen` applies nginx's rules as it reads them: the
 * same address twice in one server is `a duplicate listen`, socket options may be given for
 * an address only once (`duplicate listen options for`), and one `default_server` per
 * address. When the http block ends, each port's addresses are ordered and the ones that need
 * a socket of their own are marked (a wildcard address serves the others).
 */
import { ConfError } from "../../errors.js";
import type { ConfLevel } from "../../level.js";
import { HTTP_CORE_KEYS, type ListenAddress, type ListenPort, type ListenSpec, type ListenTable, type ServerInfo } from "./types.js";

/** The table of an http level, created on first use. */
export function listenTableOf(http: ConfLevel): ListenTable {
  let table = http.data.get(HTTP_CORE_KEYS.listen) as ListenTable | undefined;
  if (table === undefined) {
    table = { ports: [] };
    http.data.set(HTTP_CORE_KEYS.listen, table);
  }
  return table;
}

function listenError(message: string): ConfError {
  return new ConfError(message, { code: "TSR_CONF_LISTEN" });
}

export function addListen(table: ListenTable, server: ServerInfo, spec: ListenSpec): void {
  let port = table.ports.find((p) => p.port === spec.port && p.family === spec.family);
  if (port === undefined) {
    port = { family: spec.family, port: spec.port, addresses: [] };
    table.ports.push(port);
  }
  const addr = port.addresses.find((a) => a.spec.address === spec.address);
  if (addr === undefined) {
    port.addresses.push({ spec, servers: [server], defaultServer: server, bound: false });
    return;
  }
  if (addr.servers.includes(server)) throw listenError(`a duplicate listen ${addr.spec.addrText}`);
  addr.servers.push(server);
  let isDefault = addr.spec.defaultServer;
  const ssl = spec.ssl || addr.spec.ssl;
  const http2 = spec.http2 || addr.spec.http2;
  const proxyProtocol = spec.proxyProtocol || addr.spec.proxyProtocol;
  if (spec.optionsSet) {
    if (addr.spec.optionsSet) throw listenError(`duplicate listen options for ${addr.spec.addrText}`);
    addr.spec = spec;
  }
  if (spec.defaultServer) {
    if (isDefault) throw listenError(`a duplicate default server for ${addr.spec.addrText}`);
    isDefault = true;
    addr.defaultServer = server;
  }
  addr.spec = { ...addr.spec, defaultServer: isDefault, ssl, http2, proxyProtocol };
}

/**
 * nginx's order within a port (`ngx_http_cmp_conf_addrs` under a stable insertion sort): the
 * wildcard address last, explicitly bound addresses first, otherwise config order.
 */
function compareAddresses(a: ListenAddress, b: ListenAddress): number {
  if (a.spec.wildcard) return 1;
  if (b.spec.wildcard) return -1;
  if (a.spec.bind && !b.spec.bind) return -1;
  if (!a.spec.bind && b.spec.bind) return 1;
  return 0;
}

function insertionSort(list: ListenAddress[]): void {
  for (let i = 1; i < list.length; i++) {
    const item = list[i]!;
    let j = i;
    while (j > 0 && compareAddresses(list[j - 1]!, item) > 0) {
      list[j] = list[j - 1]!;
      j--;
    }
    list[j] = item;
  }
}

/** Orders a port's addresses and decides which get a socket (nginx's `ngx_http_init_listening`). */
export function finishPort(port: ListenPort): void {
  insertionSort(port.addresses);
  const last = port.addresses[port.addresses.length - 1];
  const wildcard = last !== undefined && last.spec.wildcard;
  for (const a of port.addresses) a.bound = !wildcard || a.spec.bind || a === last;
}
