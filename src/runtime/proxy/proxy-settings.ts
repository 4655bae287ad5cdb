/**
 * The proxy_* settings of a location, read once per location plan into typed fields
 * (timeouts in ms, sizes in bytes) so a proxied request does not look up strings.
 */
import { PROXY_SET_BODY_SLOT } from "../../directives/modules/proxy.js";
import type { ComplexValue } from "../../directives/variables.js";
import type { LocationPlan } from "../plan/location-plan.js";

export interface ProxySettings {
  readonly connectTimeout: number;
  readonly sendTimeout: number;
  readonly readTimeout: number;
  readonly httpVersion: "1.0" | "1.1";
  /** proxy_buffer_size: the most bytes a response head may take. */
  readonly bufferSize: number;
  readonly passRequestHeaders: boolean;
  readonly passRequestBody: boolean;
  readonly interceptErrors: boolean;
  /** proxy_next_upstream words (`error`, `timeout`, `http_502`, …); empty for `off`. */
  readonly nextUpstream: ReadonlySet<string>;
  readonly nextUpstreamTries: number;
  /** ms; 0 = no limit. */
  readonly nextUpstreamTimeout: number;
  readonly method: ComplexValue | null;
  readonly setBody: ComplexValue | null;
  /** proxy_ssl_server_name: send SNI to an https upstream. */
  readonly sslServerName: boolean;
}

const cache = new WeakMap<LocationPlan, ProxySettings>();

function num(s: Readonly<Record<string, unknown>>, key: string, fallback: number): number {
  const v = s[key];
  return typeof v === "number" ? v : fallback;
}

export function proxySettings(loc: LocationPlan): ProxySettings {
  let p = cache.get(loc);
  if (p !== undefined) return p;
  const s = loc.settings;
  const next = (s["proxy_next_upstream"] as string[] | undefined) ?? ["error", "timeout"];
  p = {
    connectTimeout: num(s, "proxy_connect_timeout", 60_000),
    sendTimeout: num(s, "proxy_send_timeout", 60_000),
    readTimeout: num(s, "proxy_read_timeout", 60_000),
    httpVersion: s["proxy_http_version"] === "1.1" ? "1.1" : "1.0",
    bufferSize: num(s, "proxy_buffer_size", 4096),
    passRequestHeaders: s["proxy_pass_request_headers"] !== false,
    passRequestBody: s["proxy_pass_request_body"] !== false,
    interceptErrors: s["proxy_intercept_errors"] === true,
    nextUpstream: new Set(next.includes("off") ? [] : next),
    nextUpstreamTries: num(s, "proxy_next_upstream_tries", 0),
    nextUpstreamTimeout: num(s, "proxy_next_upstream_timeout", 0),
    method: (s["proxy_method"] as ComplexValue | undefined) ?? null,
    setBody: (s[PROXY_SET_BODY_SLOT] as ComplexValue | undefined) ?? null,
    sslServerName: s["proxy_ssl_server_name"] === true,
  };
  cache.set(loc, p);
  return p;
}
