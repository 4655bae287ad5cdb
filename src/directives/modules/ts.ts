/**
 * The OpenResty-compatible module: the `*_by_ts_*` handler directives and the `lua_*`
 * directives that keep OpenResty's names and meaning (cosocket defaults, code cache, module
 * search path, shared dicts, timer limits). The tables live in ./ts/; this file assembles them.
 */
import type { ConfModule } from "../types.js";
import { handlerDirectives } from "./ts/handler-directives.js";
import { httpDirectives } from "./ts/http-directives.js";
import { locationFlagDirectives } from "./ts/location-directives.js";
import { checkSharedDictZones } from "./ts/shared-dict.js";
import { socketDirectives } from "./ts/socket-directives.js";

export type { BlockHandlerSpec, FileHandlerSpec, HandlerSpec, SetBySpec, TsPhase } from "./ts/handler-spec.js";
export type { PackagePath, PackagePathEntry } from "./ts/package-path.js";
export type { SharedDictSpec } from "./ts/shared-dict.js";
export type { TsSocketSettings } from "./ts/socket-directives.js";
export type { TsLocationFlags } from "./ts/location-directives.js";
export type { TsHttpConf } from "./ts/http-directives.js";
export type { RequestPhase, TsLocationConf, TsMainConf } from "./ts/settings.js";
export { contentHandlerOf, tsLocationConf, tsMainConf } from "./ts/settings.js";
export { packagePathCandidates } from "./ts/package-path.js";

export const tsModule: ConfModule = {
  name: "ts",
  directives: [...socketDirectives, ...locationFlagDirectives, ...httpDirectives, ...handlerDirectives],
  // Shared-memory zones are created after the whole conf is read (after "syntax is ok").
  afterConf(main) {
    checkSharedDictZones(main.children.find((l) => l.kind === "http") ?? null);
  },
};
