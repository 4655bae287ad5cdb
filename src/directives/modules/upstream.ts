/**
 * The upstream module: `upstream name { server …; keepalive …; }` with the balancing methods
 * (`ip_hash`, `least_conn`, `hash`, `random`) and the keepalive cache directives. When `http {}`
 * ends every upstream is checked in creation order, as nginx's round-robin init does: an
 * upstream with only backup servers has "no servers", and a proxy_pass host that is no upstream
 * block must resolve.
 */
import { ConfError } from "../errors.js";
import type { ConfLevel } from "../level.js";
import type { ConfLoader } from "../loader.js";
import { msecSlot, numSlot } from "../slots.js";
import { parseNumber, parseTime } from "../values.js";
import { compileComplexValue } from "../variables.js";
import type { ConfModule, DirectiveCall } from "../types.js";
import { parseNginxUrl } from "./nginx-url.js";
import { resolveUrlHost } from "./resolve-host.js";
import { addUpstream, upstreamEntries } from "./upstream/registry.js";
import type { UpstreamBalancer, UpstreamServerSpec, UpstreamSpec } from "./upstream/types.js";

export type { UpstreamBalancer, UpstreamServerSpec, UpstreamSpec } from "./upstream/types.js";

/** The http level's `Map<lower-case name, UpstreamSpec>` of explicit upstream blocks (level.data). */
export const UPSTREAMS_DATA = "upstream.upstreams";

const BUILDER_DATA = "upstream.builder";
const KEEPALIVE_TIMEOUT_SLOT = "upstream.keepalive_timeout";
const KEEPALIVE_REQUESTS_SLOT = "upstream.keepalive_requests";
const KEEPALIVE_TIME_SLOT = "upstream.keepalive_time";

const DEFAULT_KEEPALIVE_TIMEOUT = 60_000;
const DEFAULT_KEEPALIVE_REQUESTS = 1000;
const DEFAULT_KEEPALIVE_TIME = 3_600_000;

/** What is being collected while an upstream block is read. */
interface UpstreamBuilder {
  servers: UpstreamServerSpec[];
  balancer: UpstreamBalancer;
  /** nginx's `peer.init_upstream` is set: a balancer or `keepalive` came already. */
  initSet: boolean;
  /** The method in force accepts `backup` servers (round robin and least_conn do). */
  backupAllowed: boolean;
  keepalive: number;
  keepaliveEffective: boolean;
}

function builderOf(level: ConfLevel): UpstreamBuilder {
  let b = level.data.get(BUILDER_DATA) as UpstreamBuilder | undefined;
  if (b === undefined) {
    b = {
      servers: [],
      balancer: { kind: "round_robin" },
      initSet: false,
      backupAllowed: true,
      keepalive: 0,
      keepaliveEffective: false,
    };
    level.data.set(BUILDER_DATA, b);
  }
  return b;
}

function fail(message: string): never {
  throw new ConfError(message, { code: "TSR_CONF_INVALID_VALUE" });
}

function upstreamBlock(call: DirectiveCall): void {
  const name = call.args[0]!;
  const entry = addUpstream(call.loader, { host: name, port: 0, portGiven: false, explicit: true }, call.directive);
  const level = call.loader.block(call, "upstream", "upstream");
  const b = builderOf(level);
  if (b.servers.length === 0) {
    throw new ConfError("no servers are inside upstream", {
      code: "TSR_CONF_INVALID",
      place: { file: call.directive.file, line: call.directive.endLine ?? call.directive.line },
    });
  }
  const spec: UpstreamSpec = {
    name,
    servers: b.servers,
    balancer: b.balancer,
    keepalive: b.keepaliveEffective ? b.keepalive : 0,
    keepaliveTimeout: level.get<number>(KEEPALIVE_TIMEOUT_SLOT) ?? DEFAULT_KEEPALIVE_TIMEOUT,
    keepaliveRequests: level.get<number>(KEEPALIVE_REQUESTS_SLOT) ?? DEFAULT_KEEPALIVE_REQUESTS,
    keepaliveTime: level.get<number>(KEEPALIVE_TIME_SLOT) ?? DEFAULT_KEEPALIVE_TIME,
    file: entry.directive.file,
    line: entry.directive.line,
  };
  entry.spec = spec;
  const http = call.level;
  let map = http.data.get(UPSTREAMS_DATA) as Map<string, UpstreamSpec> | undefined;
  if (map === undefined) {
    map = new Map();
    http.data.set(UPSTREAMS_DATA, map);
  }
  map.set(name.toLowerCase(), spec);
}

function upstreamServer(call: DirectiveCall): void {
  const b = builderOf(call.level);
  let weight = 1;
  let maxFails = 1;
  let failTimeout = 10;
  let maxConns = 0;
  let backup = false;
  let down = false;
  for (const p of call.args.slice(1)) {
    let v: number | null;
    if (p.startsWith("weight=")) {
      v = parseNumber(p.slice(7));
      if (v === null || v === 0) fail(`invalid parameter "${p}"`);
      weight = v;
    } else if (p.startsWith("max_conns=")) {
      v = parseNumber(p.slice(10));
      if (v === null) fail(`invalid parameter "${p}"`);
      maxConns = v;
    } else if (p.startsWith("max_fails=")) {
      v = parseNumber(p.slice(10));
      if (v === null) fail(`invalid parameter "${p}"`);
      maxFails = v;
    } else if (p.startsWith("fail_timeout=")) {
      v = parseTime(p.slice(13), true);
      if (v === null) fail(`invalid parameter "${p}"`);
      failTimeout = v;
    } else if (p === "backup") {
      if (!b.backupAllowed) fail(`balancing method does not support parameter "${p}"`);
      backup = true;
    } else if (p === "down") {
      down = true;
    } else {
      fail(`invalid parameter "${p}"`);
    }
  }
  const address = call.args[0]!;
  const r = parseNginxUrl(address, { defaultPort: 80, uriPart: false });
  if ("err" in r) fail(`${r.err} in upstream "${address}"`);
  const u = r.url;
  let addresses: readonly string[];
  if (u.family === "unix") {
    addresses = [u.host];
  } else {
    const resolved = resolveUrlHost(call.loader, u.host);
    if (resolved === null) fail(`host not found in upstream "${address}"`);
    addresses = resolved;
  }
  b.servers.push({
    address,
    family: u.family,
    host: u.host,
    port: u.family === "unix" ? 0 : u.port,
    addresses,
    weight,
    maxFails,
    failTimeout,
    maxConns,
    backup,
    down,
  });
}

/** The common start of every balancing-method directive. */
function setBalancer(call: DirectiveCall, balancer: UpstreamBalancer, backupAllowed: boolean): void {
  const b = builderOf(call.level);
  if (b.initSet) call.loader.warn("load balancing method redefined", call.directive);
  b.initSet = true;
  b.balancer = balancer;
  b.backupAllowed = backupAllowed;
  // The method replaces keepalive's hook, so a `keepalive` written before it has no effect.
  b.keepaliveEffective = false;
}

function hashBalancer(call: DirectiveCall): void {
  const key = compileComplexValue(call.args[0]!, call.loader);
  const param = call.args[1];
  setBalancer(call, { kind: "hash", key, consistent: param !== undefined }, false);
  if (param !== undefined && param !== "consistent") fail(`invalid parameter "${param}"`);
}

function randomBalancer(call: DirectiveCall): void {
  const [two, method] = call.args;
  setBalancer(call, { kind: "random", two: two !== undefined, leastConn: method !== undefined }, false);
  if (two !== undefined && two !== "two") fail(`invalid parameter "${two}"`);
  if (method !== undefined && method !== "least_conn") fail(`invalid parameter "${method}"`);
}

function keepalive(call: DirectiveCall): string | void {
  const b = builderOf(call.level);
  if (b.keepalive !== 0) return "is duplicate";
  const n = parseNumber(call.args[0]!);
  if (n === null || n === 0) fail(`invalid value "${call.args[0]}" in "keepalive" directive`);
  b.keepalive = n;
  b.keepaliveEffective = true;
  b.initSet = true;
}

/** The checks nginx's upstream init runs on every entry, in creation order. */
function checkUpstreams(_http: ConfLevel, loader: ConfLoader): void {
  for (const e of upstreamEntries(loader)) {
    const place = { file: e.directive.file, line: e.directive.line };
    if (e.explicit) {
      const spec = e.spec;
      if (spec !== null && !spec.servers.some((s) => !s.backup)) {
        throw new ConfError(`no servers in upstream "${e.host}"`, { code: "TSR_CONF_INVALID", place });
      }
    } else if (!e.unix) {
      const resolved = resolveUrlHost(loader, e.host);
      if (resolved === null) throw new ConfError(`host not found in upstream "${e.host}"`, { code: "TSR_CONF_INVALID", place });
      e.addresses = resolved;
    }
    for (const listener of e.listeners) listener(e);
  }
}

export const upstreamModule: ConfModule = {
  name: "upstream",
  directives: [
    { name: "upstream", contexts: ["http"], args: [1], block: true, set: upstreamBlock, merge: "none" },
    { name: "server", contexts: ["upstream"], args: "1more", set: upstreamServer, slot: "upstream.server", merge: "none" },
    { name: "ip_hash", contexts: ["upstream"], args: [0], set: (c) => setBalancer(c, { kind: "ip_hash" }, false), merge: "none" },
    {
      name: "least_conn",
      contexts: ["upstream"],
      args: [0],
      set: (c) => setBalancer(c, { kind: "least_conn" }, true),
      merge: "none",
    },
    { name: "hash", contexts: ["upstream"], args: [1, 2], set: hashBalancer, merge: "none" },
    { name: "random", contexts: ["upstream"], args: [0, 1, 2], set: randomBalancer, merge: "none" },
    { name: "keepalive", contexts: ["upstream"], args: [1], set: keepalive, slot: "upstream.keepalive", merge: "none" },
    {
      name: "keepalive_timeout",
      contexts: ["upstream"],
      args: [1],
      set: msecSlot,
      slot: KEEPALIVE_TIMEOUT_SLOT,
      merge: "none",
    },
    {
      name: "keepalive_requests",
      contexts: ["upstream"],
      args: [1],
      set: numSlot,
      slot: KEEPALIVE_REQUESTS_SLOT,
      merge: "none",
    },
    { name: "keepalive_time", contexts: ["upstream"], args: [1], set: msecSlot, slot: KEEPALIVE_TIME_SLOT, merge: "none" },
  ],
  mergeHttp: checkUpstreams,
};
