/**
 * Variables in directive values (nginx's "complex values" and scripts): `$name` and
 * `${name}` are compiled at load time into parts; every variable used is recorded, and when the
 * `http {}` block is done, names that no module defines are `unknown "x" variable` — reported
 * without a place, after the location checks, as nginx does.
 */
import { ConfError } from "./errors.js";
import type { ConfLoader } from "./loader.js";

export type ValuePart = { readonly text: string } | { readonly variable: string } | { readonly capture: number };

/** A compiled value: literal text and variable references, in order. */
export interface ComplexValue {
  readonly raw: string;
  readonly parts: readonly ValuePart[];
  /** True when the value has no variables (its text is `raw`). */
  readonly constant: boolean;
}

/** Variables nginx's http modules define (those tsresty implements or accepts in confs). */
const BUILTIN = new Set([
  "args", "binary_remote_addr", "body_bytes_sent", "bytes_sent", "connection", "connection_requests",
  "connection_time", "content_length", "content_type", "document_root", "document_uri", "host",
  "hostname", "https", "is_args", "limit_rate", "msec", "nginx_version", "pid", "pipe",
  "proxy_protocol_addr", "proxy_protocol_port", "proxy_protocol_server_addr", "proxy_protocol_server_port",
  "query_string", "realpath_root", "remote_addr", "remote_port", "remote_user", "request",
  "request_body", "request_body_file", "request_completion", "request_filename", "request_id",
  "request_length", "request_method", "request_time", "request_uri", "scheme", "server_addr",
  "server_name", "server_port", "server_protocol", "status", "time_iso8601", "time_local", "uri",
  "tcpinfo_rtt", "tcpinfo_rttvar", "tcpinfo_snd_cwnd", "tcpinfo_rcv_space",
  "upstream_addr", "upstream_bytes_received", "upstream_bytes_sent", "upstream_cache_status",
  "upstream_connect_time", "upstream_header_time", "upstream_response_length", "upstream_response_time",
  "upstream_status", "proxy_host", "proxy_port", "proxy_add_x_forwarded_for",
  "realip_remote_addr", "realip_remote_port",
]);

/** Families of variables named by a prefix (`$arg_id`, `$http_user_agent`, …). */
const PREFIXES = [
  "arg_", "http_", "sent_http_", "sent_trailer_", "cookie_", "upstream_http_", "upstream_trailer_",
  "upstream_cookie_",
];

const STATE_USED = "variables.used";
const STATE_DEFINED = "variables.defined";

function usedList(loader: ConfLoader): string[] {
  let used = loader.state.get(STATE_USED) as string[] | undefined;
  if (used === undefined) {
    used = [];
    loader.state.set(STATE_USED, used);
  }
  return used;
}

function definedSet(loader: ConfLoader): Set<string> {
  let defined = loader.state.get(STATE_DEFINED) as Set<string> | undefined;
  if (defined === undefined) {
    defined = new Set();
    loader.state.set(STATE_DEFINED, defined);
  }
  return defined;
}

/** Records that a conf uses `$name` (checked when `http {}` ends). Names are case-insensitive. */
export function useVariable(loader: ConfLoader, name: string): void {
  usedList(loader).push(name.toLowerCase());
}

/** Declares a variable (`set $x`, a regex named capture, `set_by_ts_* $x`). */
export function defineVariable(loader: ConfLoader, name: string): void {
  definedSet(loader).add(name.toLowerCase());
}

export function isKnownVariable(loader: ConfLoader, name: string): boolean {
  const n = name.toLowerCase();
  return BUILTIN.has(n) || definedSet(loader).has(n) || PREFIXES.some((p) => n.startsWith(p));
}

function isNameChar(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c === "_";
}

/**
 * Compiles a value with variables. Throws nginx's messages for a bad reference; the caller's
 * directive gives the place.
 */
export function compileComplexValue(raw: string, loader: ConfLoader): ComplexValue {
  const parts: ValuePart[] = [];
  let text = "";
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c !== "$") {
      text += c;
      i++;
      continue;
    }
    i++;
    const c2 = raw[i];
    if (c2 !== undefined && c2 >= "1" && c2 <= "9") {
      if (text !== "") parts.push({ text });
      text = "";
      parts.push({ capture: c2.charCodeAt(0) - 48 });
      i++;
      continue;
    }
    let name = "";
    if (c2 === "{") {
      i++;
      const start = i;
      while (i < raw.length && isNameChar(raw[i]!)) i++;
      name = raw.slice(start, i);
      if (raw[i] !== "}") {
        throw new ConfError(`the closing bracket in "${name}" variable is missing`, { code: "TSR_CONF_INVALID_VALUE" });
      }
      i++;
    } else {
      const start = i;
      while (i < raw.length && isNameChar(raw[i]!)) i++;
      name = raw.slice(start, i);
    }
    if (name === "") {
      throw new ConfError(`invalid variable name in "${raw}"`, { code: "TSR_CONF_INVALID_VALUE" });
    }
    if (text !== "") parts.push({ text });
    text = "";
    parts.push({ variable: name });
    useVariable(loader, name);
  }
  if (text !== "") parts.push({ text });
  return { raw, parts, constant: parts.every((p) => "text" in p) };
}

/** Reports the first variable used but never defined, in order of first use. */
export function checkUnknownVariables(loader: ConfLoader): void {
  for (const name of usedList(loader)) {
    if (!isKnownVariable(loader, name)) {
      throw new ConfError(`unknown "${name}" variable`, { code: "TSR_CONF_UNKNOWN_VARIABLE", place: null });
    }
  }
}
