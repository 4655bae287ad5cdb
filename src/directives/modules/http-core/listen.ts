/**
 * `listen address[:port] [default_server] [ssl] [http2] [proxy_protocol] [bind] [backlog=n]
 * [rcvbuf=size] [sndbuf=size] [deferred] [reuseport] [ipv6only=on|off] [fastopen=n]
 * [so_keepalive=on|off|idle:interval:count]` (server). Parameters are read with nginx's
 * Linux build in mind: `setfib=` does not exist there and `accept_filter=` is logged and
 * ignored.
 */
import { ConfError } from "../../errors.js";
import type { DirectiveCall } from "../../types.js";
import { parseNumber, parseSize, parseTime } from "../../values.js";
import { DEFAULT_LISTEN_OPTIONS } from "./listen-defaults.js";
import { parseListenUrl } from "./listen-address.js";
import { addListen, listenTableOf } from "./listen-table.js";
import { serverInfoOf } from "./server.js";
import type { ListenOptions, ListenSpec } from "./types.js";

function fail(message: string): never {
  throw new ConfError(message, { code: "TSR_CONF_LISTEN" });
}

/** `so_keepalive=idle:interval:count` (any part may be empty, not all zero). */
function keepaliveTunables(value: string): ListenOptions["soKeepalive"] {
  const [idleText = "", intervalText = ""] = value.split(":");
  const invalid = (): never => fail(`invalid so_keepalive value: "${value}"`);
  const idle = idleText === "" ? 0 : parseTime(idleText, true) ?? invalid();
  const interval = intervalText === "" ? 0 : parseTime(intervalText, true) ?? invalid();
  // Everything after the second colon is the count, further colons included (then invalid).
  const rest = value.split(":").slice(2).join(":");
  const count = rest === "" ? 0 : parseNumber(rest) ?? invalid();
  if (idle === 0 && interval === 0 && count === 0) invalid();
  return { on: true, idle, interval, count };
}

function parseOptions(call: DirectiveCall): ListenOptions {
  const o = { ...DEFAULT_LISTEN_OPTIONS } as { -readonly [K in keyof ListenOptions]: ListenOptions[K] };
  const socketOption = (): void => {
    o.optionsSet = true;
    o.bind = true;
  };
  for (const p of call.args.slice(1)) {
    if (p === "default_server" || p === "default") {
      o.defaultServer = true;
    } else if (p === "bind") {
      socketOption();
    } else if (p.startsWith("fastopen=")) {
      const n = parseNumber(p.slice(9));
      if (n === null) fail(`invalid fastopen "${p}"`);
      o.fastopen = n;
      socketOption();
    } else if (p.startsWith("backlog=")) {
      const n = parseNumber(p.slice(8));
      if (n === null || n === 0) fail(`invalid backlog "${p}"`);
      o.backlog = n;
      socketOption();
    } else if (p.startsWith("rcvbuf=") || p.startsWith("sndbuf=")) {
      const n = parseSize(p.slice(7));
      if (n === null) fail(`invalid ${p.slice(0, 6)} "${p}"`);
      if (p.startsWith("rcvbuf=")) o.rcvbuf = n;
      else o.sndbuf = n;
      socketOption();
    } else if (p.startsWith("accept_filter=")) {
      // FreeBSD only: nginx logs this at the emerg level but carries on.
      call.loader.warn(`accept filters "${p}" are not supported on this platform, ignored`, call.directive, "emerg");
    } else if (p === "deferred") {
      o.deferred = true;
      socketOption();
    } else if (p.startsWith("ipv6only=o")) {
      const v = p.slice(10);
      if (v === "n") o.ipv6only = true;
      else if (v === "ff") o.ipv6only = false;
      else fail(`invalid ipv6only flags "${p.slice(9)}"`);
      socketOption();
    } else if (p === "reuseport") {
      o.reuseport = true;
      socketOption();
    } else if (p === "ssl") {
      o.ssl = true;
    } else if (p === "http2") {
      o.http2 = true;
    } else if (p.startsWith("so_keepalive=")) {
      const v = p.slice(13);
      if (v === "on") o.soKeepalive = { on: true, idle: 0, interval: 0, count: 0 };
      else if (v === "off") o.soKeepalive = { on: false, idle: 0, interval: 0, count: 0 };
      else o.soKeepalive = keepaliveTunables(v);
      socketOption();
    } else if (p === "proxy_protocol") {
      o.proxyProtocol = true;
    } else {
      fail(`invalid parameter "${p}"`);
    }
  }
  return o;
}

export function listen(call: DirectiveCall): void {
  const server = serverInfoOf(call.level);
  server.hasListen = true;
  const url = call.args[0]!;
  const parsed = parseListenUrl(url, call.loader);
  if ("err" in parsed) fail(`${parsed.err} in "${url}" of the "listen" directive`);
  const options = parseOptions(call);
  const table = listenTableOf(call.level.closest("http")!);
  for (const a of parsed.addresses) {
    const spec: ListenSpec = { ...options, ...a, directive: call.directive };
    addListen(table, server, spec);
    server.listens.push(spec);
  }
}
