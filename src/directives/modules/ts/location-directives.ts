/**
 * OpenResty's per-location switches that mean the same thing in tsresty: the code cache, and
 * the request/response behaviours of the `ngx` API. All are on/off flags, once per level,
 * allowed in http, server, location and a location's `if` (lua-nginx-module's table).
 */
import { flagSlot } from "../../slots.js";
import type { DirectiveCall, DirectiveSpec } from "../../types.js";
import { SOCKET_CONTEXTS } from "./socket-directives.js";

/** Merged switches of one location (or `if` block). */
export interface TsLocationFlags {
  /** `lua_code_cache`, default on. Off: every request loads handler modules afresh (development). */
  readonly codeCache: boolean;
  /** `lua_need_request_body`, default off: read the whole body before rewrite/access/content. */
  readonly needRequestBody: boolean;
  /** `lua_transform_underscores_in_response_headers`, default on: `ngx.header.X_Y` sets `X-Y`. */
  readonly transformUnderscores: boolean;
  /** `lua_http10_buffering`, default on: buffer HTTP/1.0 responses to send Content-Length. */
  readonly http10Buffering: boolean;
  /** `lua_check_client_abort`, default off: watch for the client closing the connection. */
  readonly checkClientAbort: boolean;
  /** `lua_use_default_type`, default on: responses get `default_type` as Content-Type. */
  readonly useDefaultType: boolean;
}

export const FLAG_SLOTS = {
  codeCache: "lua_code_cache",
  needRequestBody: "lua_need_request_body",
  transformUnderscores: "lua_transform_underscores_in_response_headers",
  http10Buffering: "lua_http10_buffering",
  checkClientAbort: "lua_check_client_abort",
  useDefaultType: "lua_use_default_type",
} as const satisfies Record<keyof TsLocationFlags, string>;

/** OpenResty logs this `[alert]` for every `lua_code_cache off` it reads, at that line. */
function codeCache(call: DirectiveCall): string | void {
  const reason = flagSlot(call);
  if (reason !== undefined) return reason;
  if (call.level.get<boolean>(FLAG_SLOTS.codeCache) === false) {
    call.loader.warn("lua_code_cache is off; this will hurt performance", call.directive, "alert");
  }
}

function flag(name: string, dflt: boolean, set = flagSlot): DirectiveSpec {
  return { name, contexts: SOCKET_CONTEXTS, args: "flag", set, default: dflt };
}

export const locationFlagDirectives: readonly DirectiveSpec[] = [
  flag(FLAG_SLOTS.codeCache, true, codeCache),
  flag(FLAG_SLOTS.needRequestBody, false),
  flag(FLAG_SLOTS.transformUnderscores, true),
  flag(FLAG_SLOTS.http10Buffering, true),
  flag(FLAG_SLOTS.checkClientAbort, false),
  flag(FLAG_SLOTS.useDefaultType, true),
];

export function locationFlags(settings: Readonly<Record<string, unknown>>): TsLocationFlags {
  return {
    codeCache: settings[FLAG_SLOTS.codeCache] as boolean,
    needRequestBody: settings[FLAG_SLOTS.needRequestBody] as boolean,
    transformUnderscores: settings[FLAG_SLOTS.transformUnderscores] as boolean,
    http10Buffering: settings[FLAG_SLOTS.http10Buffering] as boolean,
    checkClientAbort: settings[FLAG_SLOTS.checkClientAbort] as boolean,
    useDefaultType: settings[FLAG_SLOTS.useDefaultType] as boolean,
  };
}
