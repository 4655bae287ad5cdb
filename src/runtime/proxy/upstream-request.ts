/**
 * The request nginx's proxy module sends upstream.
 *
 * The URI: with variables and a URI part in `proxy_pass`, that URI alone; without a URI part,
 * the client's request target as it came (while the request URI is unchanged), else `$uri`
 * (escaped when it was decoded or the request was redirected internally) and `?$args`; with
 * a URI part, it replaces the matched location prefix of `$uri`.
 *
 * The headers: the `proxy_set_header` ones in their order, then nginx's defaults that they do
 * not name (`Host: $proxy_host`, `Connection: close`, `Content-Length` of the body), skipping
 * any whose value is empty; then the client's headers, except those any of the former name.
 */
import type { ProxyHeader, ProxySpec, ProxyUrl } from "../../directives/modules/proxy.js";
import { PROXY_SET_HEADER_SLOT } from "../../directives/modules/proxy.js";
import type { ComplexValue } from "../../directives/variables.js";
import type { Request } from "../context.js";
import { escapeUri } from "../escape-uri.js";
import type { LocationPlan } from "../plan/location-plan.js";
import { normalizeUri, splitTarget } from "../uri.js";
import { evaluate } from "../variables/evaluate.js";

export interface UpstreamRequest {
  readonly method: string;
  /** The URI as sent (the error log's `upstream: "…"` ends with it). */
  readonly uri: string;
  /** Request line, headers and the empty line. */
  readonly head: Buffer;
  /** The body sent after the head (none: `null`). */
  readonly body: Buffer | null;
}

/** A header line nginx adds unless `proxy_set_header` names it; `value` gives its value per request. */
interface DefaultHeader {
  readonly name: string;
  readonly value: (ctx: BuildContext) => string;
}

interface BuildContext {
  readonly url: ProxyUrl;
  readonly bodyLength: string | undefined;
}

const DEFAULT_HEADERS: readonly DefaultHeader[] = [
  { name: "Host", value: (c) => c.url.hostHeader },
  { name: "Connection", value: () => "close" },
  { name: "Content-Length", value: (c) => c.bodyLength ?? "" },
  // Only for unbuffered chunked uploads, which tsresty does not do: always empty.
  { name: "Transfer-Encoding", value: () => "" },
  { name: "TE", value: () => "" },
  { name: "Keep-Alive", value: () => "" },
  { name: "Expect", value: () => "" },
  { name: "Upgrade", value: () => "" },
];

/** The headers of a location: its proxy_set_header lines, then the defaults they do not name. */
interface HeaderPlan {
  readonly lines: readonly ({ readonly name: string; readonly set: ComplexValue } | { readonly name: string; readonly fallback: DefaultHeader })[];
  /** Lower-case names of all of them: client headers with these names are not passed. */
  readonly names: ReadonlySet<string>;
}

const headerPlans = new WeakMap<LocationPlan, HeaderPlan>();

function headerPlan(loc: LocationPlan): HeaderPlan {
  let plan = headerPlans.get(loc);
  if (plan === undefined) {
    const set = (loc.settings[PROXY_SET_HEADER_SLOT] as ProxyHeader[] | undefined) ?? [];
    const names = new Set(set.map((h) => h.name.toLowerCase()));
    const lines: HeaderPlan["lines"][number][] = set.map((h) => ({ name: h.name, set: h.value }));
    for (const d of DEFAULT_HEADERS) {
      if (names.has(d.name.toLowerCase())) continue;
      names.add(d.name.toLowerCase());
      lines.push({ name: d.name, fallback: d });
    }
    plan = { lines, names };
    headerPlans.set(loc, plan);
  }
  return plan;
}

/** The origin-form part of a request target (`http://h/p?a` → `/p?a`); `null` without a path. */
function originForm(target: string): string | null {
  if (target.startsWith("/")) return target;
  const scheme = target.indexOf("://");
  if (scheme === -1) return null;
  const slash = target.indexOf("/", scheme + 3);
  return slash === -1 ? null : target.slice(slash);
}

/**
 * The client's target when the request still has the URI and args it came with (nginx's
 * `valid_unparsed_uri`), else `null`. Judged by comparing them with the target's own.
 */
function unparsedUri(r: Request): string | null {
  const target = originForm(r.requestUri);
  if (target === null) return null;
  const t = splitTarget(target);
  if (t.args !== r.args) return null;
  return normalizeUri(t.path, r.server.mergeSlashes) === r.uri ? target : null;
}

/** The URI to send; `""` makes nginx refuse ("zero length URI to proxy"). */
export function upstreamUri(r: Request, spec: ProxySpec, url: ProxyUrl): string {
  if (spec.variables !== null && url.uri !== "") return url.uri.startsWith("?") ? `/${url.uri}` : url.uri;
  if (url.uri === "") {
    const unparsed = unparsedUri(r);
    if (unparsed !== null) return unparsed;
  }
  // After `rewrite … break` (nginx's valid_location off) the whole changed URI is sent without
  // the proxy_pass URI part; otherwise the URI part replaces the location's prefix.
  const valid = r.validLocation;
  const cut = valid && url.uri !== "" ? spec.location.length : 0;
  const rest = r.uri.slice(cut);
  const quoted = (originForm(r.requestUri) ?? "").split("?")[0]!.includes("%");
  const path = (valid ? url.uri : "") + (quoted || r.internal ? escapeUri(rest) : rest);
  return r.args !== "" ? `${path}?${r.args}` : path;
}

export interface BuildOptions {
  readonly spec: ProxySpec;
  readonly url: ProxyUrl;
  readonly uri: string;
  readonly method: string;
  readonly httpVersion: "1.0" | "1.1";
  readonly passRequestHeaders: boolean;
  /** `$proxy_internal_body_length`: the Content-Length nginx sends (undefined: none). */
  readonly bodyLength: string | undefined;
  readonly body: Buffer | null;
}

export function buildUpstreamRequest(r: Request, o: BuildOptions): UpstreamRequest {
  const plan = headerPlan(r.loc);
  const ctx: BuildContext = { url: o.url, bodyLength: o.bodyLength };
  let head = `${o.method} ${o.uri} HTTP/${o.httpVersion}\r\n`;
  for (const line of plan.lines) {
    const value = "set" in line ? evaluate(line.set, r) : line.fallback.value(ctx);
    if (value !== "") head += `${line.name}: ${value}\r\n`;
  }
  if (o.passRequestHeaders) {
    for (const [name, value] of r.ex.head.headers) {
      if (!plan.names.has(name.toLowerCase())) head += `${name}: ${value}\r\n`;
    }
  }
  head += "\r\n";
  return { method: o.method, uri: o.uri, head: Buffer.from(head, "latin1"), body: o.body };
}
