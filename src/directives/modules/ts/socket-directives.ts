/**
 * The `lua_socket_*` directives: the defaults every cosocket starts from (cosocket.md §6).
 * They keep OpenResty's names because they mean the same thing. Each is a plain scalar slot,
 * as in lua-nginx-module (ngx_conf_set_msec/size/num/flag_slot): once per level, a second one
 * is "is duplicate", children inherit what they do not set.
 */
import { flagSlot, msecSlot, numSlot, sizeSlot } from "../../slots.js";
import type { ContextName, DirectiveCall, DirectiveSpec } from "../../types.js";

/** NGX_HTTP_MAIN_CONF|SRV|LOC|LIF: allowed in a location's `if`, not in a server's. */
export const SOCKET_CONTEXTS: readonly ContextName[] = ["http", "server", "location", "lif"];

/**
 * nginx's default for `lua_socket_buffer_size` is the page size; 4096 on the Linux x86-64 and
 * arm64 machines OpenResty runs on (Node has no page-size API, and the value only sizes reads).
 */
export const PAGE_SIZE = 4096;

/** The merged cosocket defaults of one location (or `if` block). Times are milliseconds. */
export interface TsSocketSettings {
  /** `lua_socket_connect_timeout`, default 60s. */
  readonly connectTimeout: number;
  /** `lua_socket_send_timeout`, default 60s. */
  readonly sendTimeout: number;
  /** `lua_socket_read_timeout`, default 60s. */
  readonly readTimeout: number;
  /** `lua_socket_keepalive_timeout`, default 60s; 0 keeps idle connections forever. */
  readonly keepaliveTimeout: number;
  /** `lua_socket_buffer_size` in bytes, default the page size (4k). */
  readonly bufferSize: number;
  /** `lua_socket_pool_size`, default 30 (0 is accepted, as in OpenResty 0.10.23). */
  readonly poolSize: number;
  /** `lua_socket_log_errors`, default on. */
  readonly logErrors: boolean;
  /** `lua_socket_send_lowat`: always 0 on Linux (the directive is accepted and ignored). */
  readonly sendLowat: number;
}

/** Slot names (= directive names) of the settings above. */
export const SOCKET_SLOTS = {
  connectTimeout: "lua_socket_connect_timeout",
  sendTimeout: "lua_socket_send_timeout",
  readTimeout: "lua_socket_read_timeout",
  keepaliveTimeout: "lua_socket_keepalive_timeout",
  bufferSize: "lua_socket_buffer_size",
  poolSize: "lua_socket_pool_size",
  logErrors: "lua_socket_log_errors",
  sendLowat: "lua_socket_send_lowat",
} as const satisfies Record<keyof TsSocketSettings, string>;

/**
 * Linux has no usable SO_SNDLOWAT, so nginx built there warns and stores 0 (its lowat post
 * handler); the value is parsed first, so a bad one is still "invalid value".
 */
function sendLowat(call: DirectiveCall): string | void {
  const reason = sizeSlot(call);
  if (reason !== undefined) return reason;
  call.level.set(SOCKET_SLOTS.sendLowat, 0, call.directive);
  call.loader.warn('"lua_send_lowat" is not supported, ignored', call.directive);
}

const SECOND = 1000;

export const socketDirectives: readonly DirectiveSpec[] = [
  { name: SOCKET_SLOTS.connectTimeout, contexts: SOCKET_CONTEXTS, args: [1], set: msecSlot, default: 60 * SECOND },
  { name: SOCKET_SLOTS.sendTimeout, contexts: SOCKET_CONTEXTS, args: [1], set: msecSlot, default: 60 * SECOND },
  { name: SOCKET_SLOTS.readTimeout, contexts: SOCKET_CONTEXTS, args: [1], set: msecSlot, default: 60 * SECOND },
  { name: SOCKET_SLOTS.keepaliveTimeout, contexts: SOCKET_CONTEXTS, args: [1], set: msecSlot, default: 60 * SECOND },
  { name: SOCKET_SLOTS.bufferSize, contexts: SOCKET_CONTEXTS, args: [1], set: sizeSlot, default: PAGE_SIZE },
  { name: SOCKET_SLOTS.poolSize, contexts: SOCKET_CONTEXTS, args: [1], set: numSlot, default: 30 },
  { name: SOCKET_SLOTS.logErrors, contexts: SOCKET_CONTEXTS, args: "flag", set: flagSlot, default: true },
  { name: SOCKET_SLOTS.sendLowat, contexts: SOCKET_CONTEXTS, args: [1], set: sendLowat, default: 0 },
];

/** Reads the merged cosocket defaults out of a level's frozen settings. */
export function socketSettings(settings: Readonly<Record<string, unknown>>): TsSocketSettings {
  return {
    connectTimeout: settings[SOCKET_SLOTS.connectTimeout] as number,
    sendTimeout: settings[SOCKET_SLOTS.sendTimeout] as number,
    readTimeout: settings[SOCKET_SLOTS.readTimeout] as number,
    keepaliveTimeout: settings[SOCKET_SLOTS.keepaliveTimeout] as number,
    bufferSize: settings[SOCKET_SLOTS.bufferSize] as number,
    poolSize: settings[SOCKET_SLOTS.poolSize] as number,
    logErrors: settings[SOCKET_SLOTS.logErrors] as boolean,
    sendLowat: settings[SOCKET_SLOTS.sendLowat] as number,
  };
}
