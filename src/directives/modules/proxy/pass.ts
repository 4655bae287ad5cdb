/**
 * `proxy_pass URL`: the scheme, host, port and URI part taken apart as nginx does; a host
 * without a port joins the upstream list (an `upstream {}` block of that name, or a name
 * resolved when `http {}` ends). A URL with variables is compiled and parsed per request.
 */
import { ConfError } from "../../errors.js";
import type { ConfLevel } from "../../level.js";
import { compileComplexValue } from "../../variables.js";
import type { DirectiveCall } from "../../types.js";
import { locationInfoOf } from "../http-core/location.js";
import { HTTP_CORE_KEYS } from "../http-core/types.js";
import { parseNginxUrl, type NginxUrl, type UrlResult } from "../nginx-url.js";
import { addUpstream, type UpstreamEntry } from "../upstream/registry.js";
import type { ProxySpec, ProxyUrl } from "./types.js";

export const PROXY_PASS_SLOT = "proxy_pass";

const URI_PART_NOT_ALLOWED =
  '"proxy_pass" cannot have URI part in location given by regular expression, ' +
  'or inside named location, or inside "if" statement, or inside "limit_except" block';

/** The scheme of a proxy URL (case-insensitive) and the text after `://`; `null` for any other prefix. */
export function splitProxyScheme(text: string): { scheme: "http" | "https"; rest: string } | null {
  const lower = text.slice(0, 8).toLowerCase();
  if (lower.startsWith("http://")) return { scheme: "http", rest: text.slice(7) };
  if (lower.startsWith("https://")) return { scheme: "https", rest: text.slice(8) };
  return null;
}

function proxyUrlOf(scheme: "http" | "https", u: NginxUrl): ProxyUrl {
  const unix = u.family === "unix";
  return {
    scheme,
    family: u.family,
    host: u.host,
    port: unix ? 0 : u.port,
    portGiven: u.portGiven,
    uri: u.uri,
    hostHeader: unix ? "localhost" : u.portGiven ? `${u.host}:${u.portText}` : u.host,
    portText: unix ? "" : u.portGiven ? u.portText : String(u.port),
    upstream: null,
    addresses: [],
  };
}

/**
 * Parses a proxy URL (for URLs with variables, once evaluated). Errors are nginx's reasons:
 * `invalid URL prefix`, or `<reason> in upstream "<host part>"`.
 */
export function parseProxyUrl(text: string): { readonly url: ProxyUrl } | { readonly err: string } {
  const split = splitProxyScheme(text);
  if (split === null) return { err: "invalid URL prefix" };
  const r: UrlResult = parseNginxUrl(split.rest, { defaultPort: split.scheme === "https" ? 443 : 80, uriPart: true });
  if ("err" in r) return { err: `${r.err} in upstream "${split.rest}"` };
  return { url: proxyUrlOf(split.scheme, r.url) };
}

/** The location a level belongs to, as nginx's core loc conf sees it. */
interface LocationView {
  readonly name: string;
  /** Regex or named location, `if` or `limit_except` block: the URI part cannot replace a prefix. */
  readonly noPrefix: boolean;
}

/** Name and kind from the `location` words (`= /x`, `~* re`, `^~/y`, `@n`, `/z`). */
function locationName(args: readonly string[]): { name: string; regex: boolean; named: boolean } {
  if (args.length === 2) {
    const mod = args[0]!;
    return { name: args[1]!, regex: mod === "~" || mod === "~*", named: false };
  }
  const word = args[0] ?? "";
  if (word.startsWith("=")) return { name: word.slice(1), regex: false, named: false };
  if (word.startsWith("^~")) return { name: word.slice(2), regex: false, named: false };
  if (word.startsWith("~*")) return { name: word.slice(2), regex: true, named: false };
  if (word.startsWith("~")) return { name: word.slice(1), regex: true, named: false };
  return { name: word, regex: false, named: word.startsWith("@") };
}

/** The http core module's view of a location level, or the same read from its `location` words. */
function locationOf(level: ConfLevel): { name: string; regex: boolean; named: boolean } | null {
  const info = locationInfoOf(level);
  if (info !== undefined) return { name: info.name, regex: info.kind === "regex", named: info.named };
  return level.opener !== null ? locationName(level.opener.args) : null;
}

function locationView(level: ConfLevel): LocationView {
  if (level.kind === "location" && level.context === "location") {
    const l = locationOf(level);
    return { name: l?.name ?? "", noPrefix: l === null || l.regex || l.named };
  }
  // An `if` or `limit_except` block: nginx gives it its location's name but no prefix to replace.
  const loc = level.parent?.closest("location") ?? null;
  return { name: loc === null ? "" : (locationOf(loc)?.name ?? ""), noPrefix: true };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Fills in the URL's upstream or addresses once `http {}` ends and the entry is final. */
function onUpstreamKnown(entry: UpstreamEntry, url: Mutable<ProxyUrl>): void {
  entry.listeners.push((e) => {
    url.upstream = e.spec;
    url.addresses = e.spec === null && !e.unix ? e.addresses : [];
  });
}

export function proxyPass(call: DirectiveCall): string | void {
  const level = call.level;
  if (level.has(PROXY_PASS_SLOT)) return "is duplicate";
  const view = locationView(level);
  // Only a real location is in the location tree; an if/limit_except block's flag would do nothing.
  if (level.kind === "location" && level.context === "location" && view.name.endsWith("/")) {
    level.data.set(HTTP_CORE_KEYS.autoRedirect, true);
  }

  const raw = call.args[0]!;
  const cv = compileComplexValue(raw, call.loader);
  if (!cv.constant) {
    const spec: ProxySpec = { raw, variables: cv, url: null, location: view.noPrefix ? "" : view.name };
    level.set(PROXY_PASS_SLOT, spec, call.directive);
    return;
  }

  const split = splitProxyScheme(raw);
  if (split === null) throw new ConfError("invalid URL prefix", { code: "TSR_CONF_INVALID_VALUE" });
  const r = parseNginxUrl(split.rest, { defaultPort: split.scheme === "https" ? 443 : 80, uriPart: true });
  if ("err" in r) throw new ConfError(`${r.err} in upstream "${split.rest}"`, { code: "TSR_CONF_INVALID_VALUE" });
  const u = r.url;
  const entry = addUpstream(
    call.loader,
    { host: u.host, port: u.family === "unix" ? 0 : u.port, portGiven: u.portGiven, explicit: false, unix: u.family === "unix" },
    call.directive,
  );
  if (view.noPrefix && u.uri !== "") throw new ConfError(URI_PART_NOT_ALLOWED, { code: "TSR_CONF_INVALID_VALUE" });

  const url: Mutable<ProxyUrl> = proxyUrlOf(split.scheme, u);
  onUpstreamKnown(entry, url);
  const spec: ProxySpec = { raw, variables: null, url, location: view.noPrefix ? "" : view.name };
  level.set(PROXY_PASS_SLOT, spec, call.directive);
}
