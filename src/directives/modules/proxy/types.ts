/**
 * What the proxy module stores for the request engine: the parsed `proxy_pass` target, the
 * header and body rewrites, and the `proxy_redirect` rules.
 */
import type { NginxRegex } from "../../regex/nginx-regex.js";
import type { ComplexValue } from "../../variables.js";
import type { UpstreamSpec } from "../upstream/types.js";

/** A `proxy_pass` URL taken apart (at load time, or per request for URLs with variables). */
export interface ProxyUrl {
  readonly scheme: "http" | "https";
  readonly family: "inet" | "inet6" | "unix";
  /** Host name or address as written (`[::1]` keeps its brackets); the socket path for unix. */
  readonly host: string;
  /** The port, or the scheme's default (80/443) when none was written; 0 for unix sockets. */
  readonly port: number;
  readonly portGiven: boolean;
  /**
   * The URI part: from the first `/` or `?` after the host (for unix sockets, what follows the
   * path's `:`); `""` when there is none. When present it replaces the matched location prefix.
   */
  readonly uri: string;
  /** `$proxy_host`, the default `Host` header: `host`, `host:port` when a port was written, `localhost` for unix. */
  readonly hostHeader: string;
  /** `$proxy_port`: the port as text (`""` for unix sockets). */
  readonly portText: string;
  /**
   * The `upstream {}` block the host names (no port written, names compared case-insensitively),
   * filled in when `http {}` ends; `null` for a plain address.
   */
  readonly upstream: UpstreamSpec | null;
  /** The addresses a plain host name resolved to at load time (empty with `upstream` or unix). */
  readonly addresses: readonly string[];
}

/** A `proxy_pass`. */
export interface ProxySpec {
  /** The URL as written. */
  readonly raw: string;
  /** Set when the URL has variables: it is evaluated and parsed per request (parseProxyUrl). */
  readonly variables: ComplexValue | null;
  /** The parsed URL of a constant `proxy_pass`. */
  readonly url: ProxyUrl | null;
  /**
   * The location prefix the URI part replaces (nginx's `plcf->location`): the location's name,
   * or `""` in regex and named locations, `if` and `limit_except` blocks.
   */
  readonly location: string;
}

/** One `proxy_set_header`. An empty value removes the header. */
export interface ProxyHeader {
  readonly name: string;
  readonly value: ComplexValue;
}

/** One `proxy_redirect` rule, tried in order on `Location` and `Refresh` headers. */
export type ProxyRedirectRule =
  /** The header value starts with `from` (case-sensitive): that prefix is replaced by `to`. */
  | { readonly kind: "prefix"; readonly from: ComplexValue; readonly to: ComplexValue }
  /** `~` / `~*` patterns: the value matches the regex; `to` may use its captures. */
  | { readonly kind: "regex"; readonly regex: NginxRegex; readonly to: ComplexValue };

/**
 * A level's `proxy_redirect`. When no level sets it, a location with a constant `proxy_pass`
 * uses `proxy_redirect default` (see defaultRedirectRule).
 */
export interface ProxyRedirectSetting {
  /** `proxy_redirect off`: headers are passed unchanged (`rules` is then empty). */
  readonly off: boolean;
  readonly rules: readonly ProxyRedirectRule[];
}

/** `proxy_buffers number size`. */
export interface ProxyBuffers {
  readonly number: number;
  readonly size: number;
}

/** `proxy_temp_path path [level1 [level2 [level3]]]`. */
export interface ProxyTempPath {
  readonly path: string;
  readonly levels: readonly number[];
}
