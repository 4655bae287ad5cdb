/**
 * The http core setters that are not one of the generic slots: `keepalive_timeout` (two
 * values), `keepalive_disable` (a bit mask), `large_client_header_buffers` (a buffer count and
 * size), sizes that may hold variables (`limit_rate`), temp paths, `resolver` and `types {}`.
 */
import { ConfError } from "../../errors.js";
import { ConfLevel } from "../../level.js";
import type { DirectiveCall } from "../../types.js";
import { parseNumber, parseSize, parseTime } from "../../values.js";
import { compileComplexValue, type ComplexValue } from "../../variables.js";
import { parseNginxUrl } from "../nginx-url.js";
import { resolveUrlHost } from "../resolve-host.js";
import { asciiLower } from "./server-name.js";
import { prefixed } from "./static.js";
import type { KeepaliveTimeout, ResolverSpec } from "./types.js";

/** `keepalive_timeout timeout [header_timeout]`: milliseconds, then seconds for the header. */
export function keepaliveTimeout(call: DirectiveCall): string | void {
  if (call.level.has("keepalive_timeout")) return "is duplicate";
  const timeoutMs = parseTime(call.args[0]!, false);
  if (timeoutMs === null) return "invalid value";
  let headerSeconds: number | null = null;
  if (call.args.length === 2) {
    headerSeconds = parseTime(call.args[1]!, true);
    if (headerSeconds === null) return "invalid value";
  }
  const value: KeepaliveTimeout = { timeoutMs, headerSeconds };
  call.level.set("keepalive_timeout", value, call.directive);
}

/**
 * A bit mask of named values (`ngx_conf_set_bitmask_slot`): values accumulate, a repeated one
 * only warns, an unknown one is an error. Stored as the list of names, in order.
 */
export function bitmaskSlot(names: readonly string[]) {
  return (call: DirectiveCall): void => {
    const slot = call.spec.slot ?? call.spec.name;
    const current = call.level.get<string[]>(slot) ?? [];
    const next = current.slice();
    for (const v of call.args) {
      const hit = names.find((n) => n === v.toLowerCase());
      if (hit === undefined) throw new ConfError(`invalid value "${v}"`, { code: "TSR_CONF_INVALID_VALUE" });
      if (next.includes(hit)) call.loader.warn(`duplicate value "${v}"`, call.directive);
      else next.push(hit);
    }
    call.level.set(slot, next, call.directive);
  };
}

/** A number of buffers and their size (`ngx_conf_set_bufs_slot`): `4 8k`. */
export interface BufferCount {
  readonly count: number;
  readonly size: number;
}

export function bufsSlot(call: DirectiveCall): string | void {
  const slot = call.spec.slot ?? call.spec.name;
  if (call.level.has(slot)) return "is duplicate";
  const count = parseNumber(call.args[0]!);
  if (count === null || count === 0) return "invalid value";
  const size = parseSize(call.args[1]!);
  if (size === null || size === 0) return "invalid value";
  const value: BufferCount = { count, size };
  call.level.set(slot, value, call.directive);
}

/** A size that may hold variables (`ngx_http_set_complex_value_size_slot`): `limit_rate`. */
export type ComplexSize = { readonly size: number } | { readonly value: ComplexValue };

export function complexSizeSlot(call: DirectiveCall): string | void {
  const slot = call.spec.slot ?? call.spec.name;
  if (call.level.has(slot)) return "is duplicate";
  const cv = compileComplexValue(call.args[0]!, call.loader);
  let value: ComplexSize;
  if (cv.constant) {
    const size = parseSize(call.args[0]!);
    if (size === null) return "invalid value";
    value = { size };
  } else {
    value = { value: cv };
  }
  call.level.set(slot, value, call.directive);
}

/** A temp directory with hashed sub-levels (`ngx_conf_set_path_slot`): `path [l1 [l2 [l3]]]`. */
export interface TempPath {
  readonly path: string;
  readonly levels: readonly number[];
}

export function pathSlot(call: DirectiveCall): string | void {
  const slot = call.spec.slot ?? call.spec.name;
  if (call.level.has(slot)) return "is duplicate";
  let path = call.args[0]!;
  if (path.endsWith("/")) path = path.slice(0, -1);
  const levels: number[] = [];
  for (const a of call.args.slice(1)) {
    const n = parseNumber(a);
    if (n === null || n === 0) return "invalid value";
    levels.push(n);
  }
  if (levels.reduce((sum, l) => sum + l + 1, 0) > 10 + levels.length) return "invalid value";
  const value: TempPath = { path: prefixed(call.loader, path), levels };
  call.level.set(slot, value, call.directive);
}

/** `resolver address … [valid=time] [ipv6=on|off]`: name servers are checked and resolved now. */
export function resolver(call: DirectiveCall): string | void {
  if (call.level.has("resolver")) return "is duplicate";
  let servers = 0;
  for (const a of call.args) {
    if (a.startsWith("valid=") || a.startsWith("ipv6=")) {
      const ok = a.startsWith("valid=") ? parseTime(a.slice(6), true) !== null : a === "ipv6=on" || a === "ipv6=off";
      if (!ok) throw new ConfError(`invalid parameter: ${a}`, { code: "TSR_CONF_INVALID_VALUE" });
      continue;
    }
    const parsed = parseNginxUrl(a, { defaultPort: 53, uriPart: false });
    if ("err" in parsed) throw new ConfError(`${parsed.err} in resolver "${a}"`, { code: "TSR_CONF_INVALID_VALUE" });
    if (parsed.url.family !== "unix" && resolveUrlHost(call.loader, parsed.url.host) === null) {
      throw new ConfError(`host not found in resolver "${a}"`, { code: "TSR_CONF_INVALID_VALUE" });
    }
    servers++;
  }
  if (servers === 0) throw new ConfError("no name servers defined", { code: "TSR_CONF_INVALID_VALUE" });
  const value: ResolverSpec = { args: call.args.slice() };
  call.level.set("resolver", value, call.directive);
}

/**
 * `types { type ext …; }`: a block whose statements are data. Extensions are lower-cased; one
 * given twice is a warning and the later type wins. A second `types {}` at the same level adds
 * to the first; a level with its own types does not inherit its parent's.
 */
export function types(call: DirectiveCall): void {
  let map = call.level.get<Record<string, string>>("types");
  if (map === undefined) {
    map = Object.create(null) as Record<string, string>;
    call.level.set("types", map, call.directive);
  }
  const table = map;
  const level = new ConfLevel("types", call.level.context, call.level, call.directive);
  call.loader.setBodyHandler(level, (d) => {
    if (d.block !== undefined || d.tsBody !== undefined) {
      throw new ConfError('unexpected "{"', { code: "TSR_CONF_SYNTAX" });
    }
    for (const raw of d.args) {
      const ext = asciiLower(raw);
      const old = table[ext];
      table[ext] = d.name;
      if (old !== undefined) {
        call.loader.warn(`duplicate extension "${ext}", content type: "${d.name}", previous content type: "${old}"`, d);
      }
    }
  });
  call.loader.walk(call.directive.block ?? [], level);
}
