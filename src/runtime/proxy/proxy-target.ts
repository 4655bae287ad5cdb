/**
 * Where a request is proxied to: the parsed `proxy_pass` URL and the group of servers to try.
 * A constant `proxy_pass` was parsed and resolved when the conf loaded. One with variables is
 * evaluated and parsed per request; its host is an address, an `upstream {}` block's name, or
 * a name for the location's `resolver` (nginx resolves nothing else at run time).
 */
import { UPSTREAMS_DATA } from "../../directives/modules/upstream.js";
import type { UpstreamSpec } from "../../directives/modules/upstream/types.js";
import { parseProxyUrl, type ProxySpec, type ProxyUrl } from "../../directives/modules/proxy.js";
import type { ResolverSpec } from "../../directives/modules/http-core/types.js";
import type { ConfLevel } from "../../directives/level.js";
import type { Request, Runtime } from "../context.js";
import { evaluate } from "../variables/evaluate.js";
import { resolveName, resolverConf } from "./dns-resolver.js";
import { keepalivePoolFor, type KeepalivePool } from "./keepalive-pool.js";
import { makePeer, PeerGroup, upstreamGroup, urlGroup } from "./upstream-peers.js";

export interface ProxyTarget {
  readonly url: ProxyUrl;
  readonly group: PeerGroup;
  /** The idle-connection cache of the upstream block, if it has `keepalive`. */
  readonly pool: KeepalivePool | null;
}

/** Either the target, or the status nginx answers with (the reason is logged). */
export type TargetOutcome = { readonly target: ProxyTarget } | { readonly status: number };

/** The explicit `upstream {}` blocks of the request's http level, by lower-case name. */
function upstreamBlocks(level: ConfLevel): ReadonlyMap<string, UpstreamSpec> | undefined {
  let l: ConfLevel | null = level;
  while (l !== null && l.kind !== "http") l = l.parent;
  return l?.data.get(UPSTREAMS_DATA) as Map<string, UpstreamSpec> | undefined;
}

function isAddress(host: string): boolean {
  return /^[0-9]{1,3}(\.[0-9]{1,3}){3}$/.test(host) || host.startsWith("[");
}

function fromUpstream(url: ProxyUrl, spec: UpstreamSpec): ProxyTarget {
  return { url, group: upstreamGroup(spec), pool: keepalivePoolFor(spec) };
}

/** A `proxy_pass` with variables: evaluated, parsed, then its host found or resolved. */
async function dynamicTarget(rt: Runtime, r: Request, spec: ProxySpec): Promise<TargetOutcome> {
  const text = evaluate(spec.variables!, r);
  const parsed = parseProxyUrl(text);
  if ("err" in parsed) {
    r.log("error", parsed.err === "invalid URL prefix" ? `invalid URL prefix in "${text}"` : parsed.err);
    return { status: 500 };
  }
  const url = parsed.url;
  if (url.family === "unix") return { target: { url, group: new PeerGroup(`unix:${url.host}`, [makePeer("unix", url.host, 0)], null), pool: null } };
  if (!url.portGiven) {
    const block = upstreamBlocks(r.loc.level)?.get(url.host.toLowerCase());
    if (block !== undefined) return { target: fromUpstream(url, block) };
  }
  if (isAddress(url.host)) {
    const peer = makePeer(url.family, url.host, url.port);
    return { target: { url, group: new PeerGroup(url.host, [peer], null), pool: null } };
  }
  const resolver = r.loc.settings["resolver"] as ResolverSpec | undefined;
  if (resolver === undefined) {
    r.log("error", `no resolver defined to resolve ${url.host}`);
    return { status: 502 };
  }
  const timeout = (r.loc.settings["resolver_timeout"] as number | undefined) ?? 30_000;
  const log = rt.errorLogFor(r.loc);
  const answer = await resolveName(resolverConf(resolver), url.host, timeout, (m) => log.log("error", m));
  if ("error" in answer) {
    r.log("error", `${url.host} could not be resolved (${answer.error})`);
    return { status: 502 };
  }
  const peers = answer.addresses.map((a) => makePeer(a.includes(":") ? "inet6" : "inet", a, url.port));
  return { target: { url, group: new PeerGroup(url.host, peers, null), pool: null } };
}

export async function proxyTarget(rt: Runtime, r: Request, spec: ProxySpec): Promise<TargetOutcome> {
  if (spec.url === null) return dynamicTarget(rt, r, spec);
  const url = spec.url;
  if (url.upstream !== null) return { target: fromUpstream(url, url.upstream) };
  return { target: { url, group: urlGroup(url), pool: null } };
}
