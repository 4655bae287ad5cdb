/**
 * OpenResty's http-level (main conf) directives that tsresty keeps: the module search path,
 * shared dicts, and the limits of timers and of the regex cache.
 */
import { numSlot } from "../../slots.js";
import type { DirectiveCall, DirectiveSpec } from "../../types.js";
import { parsePackagePath, type PackagePath } from "./package-path.js";
import { SHARED_DICT_SLOT, sharedDict, type SharedDictSpec } from "./shared-dict.js";

export const HTTP_SLOTS = {
  packagePath: "lua_package_path",
  sharedDicts: SHARED_DICT_SLOT,
  maxPendingTimers: "lua_max_pending_timers",
  maxRunningTimers: "lua_max_running_timers",
  regexCacheMaxEntries: "lua_regex_cache_max_entries",
} as const;

/** The http-level settings of the module (read from the `http {}` level). */
export interface TsHttpConf {
  /** `lua_package_path`, or null when not given (the default path alone). */
  readonly packagePath: PackagePath | null;
  /** `lua_shared_dict` zones, in declaration order. */
  readonly sharedDicts: readonly SharedDictSpec[];
  /** `lua_max_pending_timers`, default 1024: `ngx.timer.at` fails beyond it. */
  readonly maxPendingTimers: number;
  /** `lua_max_running_timers`, default 256: expired timers beyond it are dropped. */
  readonly maxRunningTimers: number;
  /** `lua_regex_cache_max_entries`, default 1024: compiled `ngx.re` patterns kept per worker. */
  readonly regexCacheMaxEntries: number;
}

/**
 * OpenResty tests the stored string's length, not whether the directive was seen, so an empty
 * `lua_package_path "";` does not make a later one a duplicate.
 */
function packagePath(call: DirectiveCall): string | void {
  const cur = call.level.get<PackagePath>(HTTP_SLOTS.packagePath);
  if (cur !== undefined && cur.raw !== "") return "is duplicate";
  call.level.set(HTTP_SLOTS.packagePath, parsePackagePath(call.args[0]!, call.loader.prefix), call.directive);
}

export const httpDirectives: readonly DirectiveSpec[] = [
  { name: HTTP_SLOTS.packagePath, contexts: ["http"], args: [1], set: packagePath, merge: "none" },
  { name: HTTP_SLOTS.sharedDicts, contexts: ["http"], args: [2], set: sharedDict, merge: "none" },
  { name: HTTP_SLOTS.maxPendingTimers, contexts: ["http"], args: [1], set: numSlot, default: 1024 },
  { name: HTTP_SLOTS.maxRunningTimers, contexts: ["http"], args: [1], set: numSlot, default: 256 },
  { name: HTTP_SLOTS.regexCacheMaxEntries, contexts: ["http"], args: [1], set: numSlot, default: 1024 },
];

export function httpConf(settings: Readonly<Record<string, unknown>>): TsHttpConf {
  const packagePath = settings[HTTP_SLOTS.packagePath] as PackagePath | undefined;
  return {
    packagePath: packagePath === undefined || packagePath.raw === "" ? null : packagePath,
    sharedDicts: (settings[HTTP_SLOTS.sharedDicts] as SharedDictSpec[] | undefined) ?? [],
    maxPendingTimers: settings[HTTP_SLOTS.maxPendingTimers] as number,
    maxRunningTimers: settings[HTTP_SLOTS.maxRunningTimers] as number,
    regexCacheMaxEntries: settings[HTTP_SLOTS.regexCacheMaxEntries] as number,
  };
}
