/**
 * Typed views of what the ts module stored, for the request engine. They read the frozen,
 * merged `settings` of a level once, when the engine plans a location — never per request.
 */
import type { ConfLevel } from "../../level.js";
import { handlerSlot, SET_BY_SLOT } from "./handler-directives.js";
import type { HandlerSpec, SetBySpec, TsPhase } from "./handler-spec.js";
import { httpConf, type TsHttpConf } from "./http-directives.js";
import { locationFlags, type TsLocationFlags } from "./location-directives.js";
import { socketSettings, type TsSocketSettings } from "./socket-directives.js";

export type RequestPhase = "rewrite" | "access" | "content" | "header_filter" | "body_filter" | "log";

const REQUEST_PHASES: readonly RequestPhase[] = ["rewrite", "access", "content", "header_filter", "body_filter", "log"];

/** Everything the module decided for one location, server or `if` level. */
export interface TsLocationConf {
  readonly socket: TsSocketSettings;
  readonly flags: TsLocationFlags;
  /** The handler of each request phase that has one here (set here or inherited). */
  readonly handlers: Readonly<Partial<Record<RequestPhase, HandlerSpec>>>;
  /** `set_by_ts_*` of this very level, in conf order (run inline with `set`, not inherited). */
  readonly setBy: readonly SetBySpec[];
}

/** The http-level conf plus the process-phase handlers. */
export interface TsMainConf extends TsHttpConf {
  readonly init: HandlerSpec | null;
  readonly initWorker: HandlerSpec | null;
  readonly exitWorker: HandlerSpec | null;
}

/**
 * The content handler that runs for a location or `if` level. OpenResty merges the content
 * code down like the other phases (so `settings` shows it in nested locations too), but nginx
 * installs the content handler only in the location that names it: a nested location without
 * its own gets none, while an `if` block that matches keeps its location's.
 */
export function contentHandlerOf(level: ConfLevel): HandlerSpec | null {
  const slot = handlerSlot("content");
  let l: ConfLevel | null = level;
  while (l !== null) {
    if (l.has(slot)) return l.get<HandlerSpec>(slot) ?? null;
    l = l.kind === "if" ? l.parent : null;
  }
  return null;
}

export function tsLocationConf(level: ConfLevel): TsLocationConf {
  const s = level.settings;
  const handlers: Partial<Record<RequestPhase, HandlerSpec>> = {};
  for (const phase of REQUEST_PHASES) {
    const h = phase === "content" ? contentHandlerOf(level) : (s[handlerSlot(phase)] as HandlerSpec | undefined);
    if (h !== undefined && h !== null) handlers[phase] = h;
  }
  return {
    socket: socketSettings(s),
    flags: locationFlags(s),
    handlers,
    setBy: (s[SET_BY_SLOT] as SetBySpec[] | undefined) ?? [],
  };
}

function processHandler(http: ConfLevel, phase: Extract<TsPhase, "init" | "init_worker" | "exit_worker">): HandlerSpec | null {
  return (http.settings[handlerSlot(phase)] as HandlerSpec | undefined) ?? null;
}

/** Reads the http level (`main.children` holds it; pass the main level when there is none). */
export function tsMainConf(http: ConfLevel): TsMainConf {
  return {
    ...httpConf(http.settings),
    init: processHandler(http, "init"),
    initWorker: processHandler(http, "init_worker"),
    exitWorker: processHandler(http, "exit_worker"),
  };
}
