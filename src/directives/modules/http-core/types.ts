/**
 * The typed values the http core module stores for the request engine: listen sockets,
 * servers and their names, locations, and the structured settings (`root`/`alias`,
 * `error_page`, `try_files`, …). Plain settings (timeouts, sizes, flags) are in each level's
 * merged `settings` under the directive's name; see settings.ts for their units.
 */
import type { ConfDirective } from "../../../parser/ast.js";
import type { ConfLevel } from "../../level.js";
import type { NginxRegex } from "../../regex/nginx-regex.js";
import type { ComplexValue } from "../../variables.js";

/** Keys of `ConfLevel.data` and `ConfLoader.state` owned by this module. */
export const HTTP_CORE_KEYS = {
  /** `ServerInfo` on a server level. */
  server: "http_core.server",
  /** `LocationInfo` on a location level. */
  location: "http_core.location",
  /** Set to `true` on a location level by `proxy_pass` & co. (nginx's `clcf->auto_redirect`). */
  autoRedirect: "http_core.auto_redirect",
  /** `ListenTable` on the http level. */
  listen: "http_core.listen",
} as const;

/** Socket options of one `listen` (nginx's `ngx_http_listen_opt_t`). */
export interface ListenOptions {
  readonly defaultServer: boolean;
  /** An explicit `bind`, or any option that needs its own socket (backlog=, rcvbuf=, …). */
  readonly bind: boolean;
  /** Some socket option was given: a second set for the same address is an error. */
  readonly optionsSet: boolean;
  readonly backlog: number;
  /** Bytes, or `null` to keep the system's default. */
  readonly rcvbuf: number | null;
  readonly sndbuf: number | null;
  readonly reuseport: boolean;
  /** TCP_DEFER_ACCEPT. */
  readonly deferred: boolean;
  /** IPV6_V6ONLY for IPv6 sockets (on by default). */
  readonly ipv6only: boolean;
  /** TCP Fast Open queue length, `null` when off. */
  readonly fastopen: number | null;
  /** SO_KEEPALIVE: `null` = system default; idle/interval in seconds. */
  readonly soKeepalive: { readonly on: boolean; readonly idle: number; readonly interval: number; readonly count: number } | null;
  readonly ssl: boolean;
  readonly http2: boolean;
  readonly proxyProtocol: boolean;
}

/** One address a server listens on, after parsing and name resolution. */
export interface ListenSpec extends ListenOptions {
  readonly family: "inet" | "inet6" | "unix";
  /** `127.0.0.1`, `::1` (no brackets), `0.0.0.0`, or the socket path. */
  readonly address: string;
  /** 0 for unix sockets. */
  readonly port: number;
  /** nginx's text for the address: `127.0.0.1:8080`, `[::1]:8080`, `unix:/path`. */
  readonly addrText: string;
  /** `0.0.0.0` or `::`. */
  readonly wildcard: boolean;
  /** The `listen` directive, or `null` for the `*:80` of a server without one. */
  readonly directive: ConfDirective | null;
}

/** A `server_name` entry. */
export type ServerName =
  /** A lower-cased exact name (`""` for a server without names). */
  | { readonly kind: "exact"; readonly name: string }
  /** `*.example.com` and `.example.com` (which also matches `example.com`): `suffix` is `.example.com`. */
  | { readonly kind: "prefixWildcard"; readonly name: string; readonly suffix: string; readonly matchesBare: boolean }
  /** `www.example.*`: `prefix` is `www.example.`. */
  | { readonly kind: "suffixWildcard"; readonly name: string; readonly prefix: string }
  /** `~regex`: caseless when the pattern has an upper-case letter, as nginx does. */
  | { readonly kind: "regex"; readonly name: string; readonly regex: NginxRegex };

/** What the request engine needs of a `server {}` block. */
export interface ServerInfo {
  readonly level: ConfLevel;
  /** Some `listen` was given (otherwise the server gets the default one when its block ends). */
  hasListen: boolean;
  /** In config order; a server without `listen` gets `*:80` (`*:8000` when not run as root). */
  readonly listens: ListenSpec[];
  /** In config order; `[{exact ""}]` when the server has none. */
  readonly names: ServerName[];
  /** `$server_name`: the first name (`.example.com` without its dot, a regex with its `~`). */
  primaryName: string;
  /** Some regex name has captures (nginx then checks names even on a single-server address). */
  regexCaptures: boolean;
}

/** One address:port with the servers that listen on it (nginx's `ngx_http_conf_addr_t`). */
export interface ListenAddress {
  /** The effective options: the first `listen` of the address that set any. */
  spec: ListenSpec;
  readonly servers: ServerInfo[];
  /** The `default_server` one, else the first. */
  defaultServer: ServerInfo;
  /** Whether this address gets a socket of its own (else the port's wildcard socket serves it). */
  bound: boolean;
}

/** A port of one address family (unix sockets are a "port" 0 of their own family). */
export interface ListenPort {
  readonly family: ListenSpec["family"];
  readonly port: number;
  /** Explicitly bound addresses first, the wildcard last (after the http block is read). */
  readonly addresses: ListenAddress[];
}

export interface ListenTable {
  readonly ports: ListenPort[];
}

/** How a location matches (named as the request engine's location tree names them). */
export type LocationKind = "exact" | "prefix" | "noregex" | "regex" | "named";

/** A `location` block (nginx's `ngx_http_core_loc_conf_t` match fields). */
export interface LocationInfo {
  readonly kind: LocationKind;
  /** The modifier as written (`""` for a plain prefix, `"@"` for a named location). */
  readonly modifier: "=" | "^~" | "~" | "~*" | "" | "@";
  /** The name as latin1 bytes; for a regex its source, for a named location with its `@`. */
  readonly name: string;
  readonly regex: NginxRegex | null;
  readonly exact: boolean;
  readonly noregex: boolean;
  readonly named: boolean;
  /** The enclosing location, `null` at the server level. */
  readonly parent: LocationInfo | null;
  /** 0 for a location directly in a server. */
  readonly depth: number;
  readonly level: ConfLevel;
  /** Where the block opens (the line of its `{`, which nginx reports duplicates at). */
  readonly file: string;
  readonly line: number;
  /** `internal` (inherited by nested locations); read once the conf is merged. */
  readonly internal: boolean;
  /** A trailing-slash redirect was asked for by `proxy_pass` & co. */
  readonly autoRedirect: boolean;
}

/** `root` or `alias`. */
export interface RootSpec {
  readonly alias: boolean;
  /** Resolved against the prefix unless it starts with a variable. */
  readonly path: ComplexValue;
  /** nginx's `clcf->alias`: the length of the location name an alias replaces. */
  readonly aliasLength: number;
  /** An alias in a regex location: the whole path is the alias (with captures). */
  readonly aliasInRegex: boolean;
}

/** One `error_page` code. */
export interface ErrorPage {
  readonly status: number;
  /** `=code` → that code, `=` → the target's own status (0), none → -1 (keep the error's). */
  readonly overwrite: number;
  /** A URI, `@named`, or an absolute URL for a redirect. */
  readonly target: ComplexValue;
  /** The `?args` of a constant target. */
  readonly args: string;
}

/** One `try_files` entry. */
export interface TryFile {
  readonly name: ComplexValue;
  /** A trailing `/` asks for a directory. */
  readonly directory: boolean;
}

export interface TryFiles {
  readonly files: readonly TryFile[];
  /** The fallback: a URI, `@named`, or `=code` (`code` set). */
  readonly fallback: ComplexValue;
  readonly code: number | null;
}

export interface KeepaliveTimeout {
  readonly timeoutMs: number;
  /** The `Keep-Alive: timeout=` header value in seconds, when given. */
  readonly headerSeconds: number | null;
}

export interface ResolverSpec {
  /** The words as written (addresses and `valid=`/`ipv6=`/`status_zone=` parameters). */
  readonly args: readonly string[];
}
