/**
 * Which upstream response headers reach the client, as nginx's upstream module copies them:
 * hidden ones (Date, Server, X-Pad, X-Accel-* and `proxy_hide_header`, unless
 * `proxy_pass_header` names them) and the hop-by-hop ones (Connection, Keep-Alive,
 * Transfer-Encoding) are dropped; Content-Type and Content-Length become the response's own
 * (written in their usual place); Location and Refresh go through `proxy_redirect`; the rest
 * keep their order.
 */
import type { ProxyRedirectRule } from "../../directives/modules/proxy.js";
import type { Request } from "../context.js";
import type { HeaderList } from "../http/types.js";
import type { LocationPlan } from "../plan/location-plan.js";
import { rewriteRedirect } from "./proxy-redirect.js";

/** Hidden unless `proxy_pass_header` names them. */
const HIDDEN_BY_DEFAULT = ["date", "server", "x-pad", "x-accel-expires", "x-accel-redirect", "x-accel-limit-rate", "x-accel-buffering", "x-accel-charset"];

/** Never copied: the client connection has its own framing. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "content-type"]);

const hiddenByLocation = new WeakMap<LocationPlan, ReadonlySet<string>>();

/** The lower-case names `loc` hides. */
export function hiddenHeaders(loc: LocationPlan): ReadonlySet<string> {
  let set = hiddenByLocation.get(loc);
  if (set === undefined) {
    const hide = (loc.settings["proxy_hide_header"] as string[] | undefined) ?? [];
    const pass = new Set(((loc.settings["proxy_pass_header"] as string[] | undefined) ?? []).map((n) => n.toLowerCase()));
    set = new Set([...HIDDEN_BY_DEFAULT.filter((n) => !pass.has(n)), ...hide.map((n) => n.toLowerCase())]);
    hiddenByLocation.set(loc, set);
  }
  return set;
}

export interface ClientHeaders {
  /** Content-Type (the last one); `null`: the response has none. */
  readonly contentType: string | null;
  /** A Location that proxy_redirect rewrote to a path: nginx makes it absolute and writes it early. */
  readonly location: string | null;
  /**
   * Everything else, in the upstream's order; with proxy_pass_header, its Server and Date
   * (which then replace nginx's own).
   */
  readonly headers: HeaderList;
}

/** The `url=` of a Refresh header (case-insensitive), or -1. */
function refreshUrlOffset(value: string): number {
  const i = value.toLowerCase().indexOf("url=");
  return i === -1 ? -1 : i + 4;
}

export function clientHeaders(r: Request, upstream: HeaderList, hidden: ReadonlySet<string>, rules: readonly ProxyRedirectRule[]): ClientHeaders {
  let contentType: string | null = null;
  let location: string | null = null;
  const headers: HeaderList = [];
  for (const [name, value] of upstream) {
    const lname = name.toLowerCase();
    if (hidden.has(lname)) continue;
    if (lname === "content-type") contentType = value === "" ? null : value;
    if (HOP_BY_HOP.has(lname)) continue;
    if (lname === "location" && rules.length > 0) {
      const rewritten = rewriteRedirect(r, rules, value, 0);
      if (rewritten !== null && rewritten.startsWith("/") && r.loc.absoluteRedirect) {
        location = rewritten;
        continue;
      }
      headers.push([name, rewritten ?? value]);
      continue;
    }
    if (lname === "refresh" && rules.length > 0) {
      const at = refreshUrlOffset(value);
      headers.push([name, at === -1 ? value : (rewriteRedirect(r, rules, value, at) ?? value)]);
      continue;
    }
    headers.push([name, value]);
  }
  return { contentType, location, headers };
}
