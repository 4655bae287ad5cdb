/**
 * The main context: process-level directives (nginx's core and events modules) and the
 * `http` and `include` directives that structure a conf.
 */
import { ConfError } from "../errors.js";
import { flagSlot, listSlot, strSlot } from "../slots.js";
import { parseNumber } from "../values.js";
import type { ConfModule, DirectiveCall } from "../types.js";
import { isLogLevel, type LogLevel } from "../log-levels.js";

export interface ErrorLogTarget {
  readonly path: string;
  readonly level: LogLevel;
}

function workerProcesses(call: DirectiveCall): string | void {
  if (call.level.has("worker_processes")) return "is duplicate";
  const v = call.args[0]!;
  if (v === "auto") {
    call.level.set("worker_processes", "auto", call.directive);
    return;
  }
  const n = parseNumber(v);
  if (n === null) return "invalid value";
  call.level.set("worker_processes", n, call.directive);
}

/** `error_log file [level]`: several targets may be given; each level keeps its own list. */
function errorLog(call: DirectiveCall): string | void {
  const [path, level] = call.args as [string, string | undefined];
  let lvl: LogLevel = "error";
  if (level !== undefined) {
    if (!isLogLevel(level)) throw new ConfError(`invalid log level "${level}"`, { code: "TSR_CONF_INVALID_VALUE" });
    lvl = level;
  }
  if (call.args.length > 2) {
    throw new ConfError(`invalid log level "${call.args[2]}"`, { code: "TSR_CONF_INVALID_VALUE" });
  }
  const target: ErrorLogTarget = { path: path === "stderr" ? path : call.loader.prefixPath(path), level: lvl };
  call.level.push("error_log", target, call.directive);
}

function onceBlock(kind: "events" | "http") {
  return (call: DirectiveCall): string | void => {
    if (call.level.has(kind)) return "is duplicate";
    call.level.set(kind, true, call.directive);
    const level = call.loader.block(call, kind, kind);
    if (kind === "http") call.loader.afterHttp(level);
  };
}

function workerConnections(call: DirectiveCall): string | void {
  if (call.level.has("worker_connections")) return "is duplicate";
  const n = parseNumber(call.args[0]!);
  if (n === null) throw new ConfError(`invalid number "${call.args[0]}"`, { code: "TSR_CONF_INVALID_VALUE" });
  call.level.set("worker_connections", n, call.directive);
}

export const coreModule: ConfModule = {
  name: "core",
  directives: [
    { name: "daemon", contexts: ["main"], args: "flag", set: flagSlot, default: true },
    { name: "master_process", contexts: ["main"], args: "flag", set: flagSlot, default: true },
    { name: "worker_processes", contexts: ["main"], args: [1], set: workerProcesses, default: 1 },
    { name: "pid", contexts: ["main"], args: [1], set: strSlot, default: "logs/nginx.pid" },
    { name: "env", contexts: ["main"], args: [1], set: listSlot, merge: "none" },
    {
      name: "error_log",
      contexts: ["main", "http", "server", "location"],
      args: "1more",
      set: errorLog,
      merge: "inherit",
    },
    { name: "events", contexts: ["main"], args: [0], block: true, set: onceBlock("events"), merge: "none" },
    { name: "worker_connections", contexts: ["events"], args: [1], set: workerConnections, default: 512 },
    { name: "multi_accept", contexts: ["events"], args: "flag", set: flagSlot, default: false },
    { name: "accept_mutex", contexts: ["events"], args: "flag", set: flagSlot, default: false },
    { name: "http", contexts: ["main"], args: [0], block: true, set: onceBlock("http"), merge: "none" },
    {
      name: "include",
      contexts: ["any"],
      args: [1],
      set: (call) => call.loader.include(call.args[0]!, call.level),
    },
  ],
  afterConf(main) {
    if (!main.has("events")) {
      throw new ConfError('no "events" section in configuration', { code: "TSR_CONF_NO_EVENTS", place: null });
    }
  },
};

