/**
 * Serving a loaded configuration in one process (`master_process off`, or the foreground
 * mode until the master/worker daemon exists): bind every `listen`, open the error log,
 * write the pid file, serve, and stop on signals — TERM/INT fast, QUIT graceful (in-flight
 * requests finish), USR1 reopens the logs. Prints nothing on stdout.
 */
import { closeSync, openSync, unlinkSync, writeFileSync } from "node:fs";
import type { ConfLevel } from "../directives/level.js";
import type { LoadedConf } from "../directives/load-conf.js";
import type { ErrorLogTarget } from "../directives/modules/core.js";
import type { BufferCount } from "../directives/modules/http-core/setters.js";
import type { CliOptions } from "../cli/args.js";
import type { Reporter } from "../cli/report.js";
import { TSRESTY_VERSION } from "../cli/build-info.js";
import { describeErrno } from "../parser/read-conf-file.js";
import { HOSTNAME, type Runtime } from "./context.js";
import { exchangeHandler } from "./handle-exchange.js";
import { closeListener, describeAddress, listen, type ListenAddress, type Listener } from "./http/engine.js";
import { socketErrnoText } from "./proxy/net-errors.js";
import type { ConnectionSettings } from "./http/connection.js";
import { AccessLogger } from "./log/access-log.js";
import { allLogFiles, ErrorLog } from "./log/error-log.js";
import { bodyMemoryCap } from "./plan/body-memory.js";
import { buildRuntimePlan, type SocketPlan } from "./plan/runtime-plan.js";
import type { LocationPlan } from "./plan/location-plan.js";
import { setVariablePrefix } from "./variables/builtin.js";

const DEFAULT_ERROR_LOG = "logs/error.log";

function targetsOf(settings: Readonly<Record<string, unknown>>, prefix: string): readonly ErrorLogTarget[] {
  const list = settings["error_log"] as readonly ErrorLogTarget[] | undefined;
  if (list === undefined || list.length === 0) return [{ path: prefix + DEFAULT_ERROR_LOG, level: "error" }];
  return list;
}

/** nginx fails at start-up when a log cannot be opened; so do we, with its words. */
function checkLogPaths(targets: readonly ErrorLogTarget[]): void {
  for (const t of targets) {
    if (t.path === "stderr") continue;
    try {
      closeSync(openSync(Buffer.from(t.path, "latin1"), "a"));
    } catch (e) {
      throw new Error(`open() "${t.path}" failed (${describeErrno(e)})`);
    }
  }
}

function settingsFor(sock: SocketPlan): ConnectionSettings {
  const s = sock.own.defaultServer.conf.settings;
  const large = s["large_client_header_buffers"] as BufferCount | undefined;
  return {
    limits: {
      firstBuffer: (s["client_header_buffer_size"] as number | undefined) ?? 1024,
      largeSize: large?.size ?? 8192,
      largeCount: large?.count ?? 4,
      underscoresInHeaders: s["underscores_in_headers"] === true,
      ignoreInvalidHeaders: s["ignore_invalid_headers"] !== false,
    },
    clientHeaderTimeout: (s["client_header_timeout"] as number | undefined) ?? 60_000,
    clientBodyTimeout: (s["client_body_timeout"] as number | undefined) ?? 60_000,
    sendTimeout: (s["send_timeout"] as number | undefined) ?? 60_000,
    bodyCap: bodyMemoryCap([sock.own, ...sock.byLocalAddress.values()].flatMap((a) => a.servers)),
  };
}

function engineAddress(sock: SocketPlan): ListenAddress {
  const spec = sock.spec;
  if (spec.family === "unix") return { kind: "unix", path: Buffer.from(spec.address, "latin1").toString("utf8"), backlog: spec.backlog };
  return { kind: "tcp", host: spec.address, port: spec.port, backlog: spec.backlog };
}

export function createRuntime(conf: LoadedConf): Runtime {
  const plan = buildRuntimePlan(conf);
  const prefix = conf.prefix;
  setVariablePrefix(prefix);
  const mainTargets = targetsOf(conf.main.settings, prefix);
  checkLogPaths(mainTargets);
  const errorLog = new ErrorLog(mainTargets);
  const byTargets = new Map<unknown, ErrorLog>();
  const errorLogOf = (settings: Readonly<Record<string, unknown>>): ErrorLog => {
    const key = settings["error_log"];
    let log = byTargets.get(key);
    if (log === undefined) {
      const targets = targetsOf(settings, prefix);
      checkLogPaths(targets);
      log = new ErrorLog(targets);
      byTargets.set(key, log);
    }
    return log;
  };
  // The logs of every level (server, location, if) are opened now, as nginx opens them while
  // reading the conf: a bad path fails at start-up, and no request ever opens a file.
  const openLogs = (level: ConfLevel): void => {
    errorLogOf(level.settings);
    for (const child of level.children) openLogs(child);
  };
  if (plan.http !== null) openLogs(plan.http);
  const errorLogFor = (loc: LocationPlan): ErrorLog => errorLogOf(loc.settings);
  const accessLog = new AccessLogger(() => [errorLog, ...byTargets.values()]);
  accessLog.prepare(conf.main);
  const rt: Runtime = {
    conf,
    plan,
    errorLog,
    errorLogFor,
    accessLog,
    hostname: HOSTNAME,
    version: TSRESTY_VERSION,
    inflight: 0,
  };
  return rt;
}

async function bindAll(rt: Runtime): Promise<Listener[]> {
  const listeners: Listener[] = [];
  for (const sock of rt.plan.sockets) {
    const address = engineAddress(sock);
    try {
      listeners.push(await listen(address, settingsFor(sock), exchangeHandler(rt, sock)));
    } catch (e) {
      for (const l of listeners) await closeListener(l, true);
      throw new Error(`bind() to ${describeAddress(address)} failed (${socketErrnoText(e)})`);
    }
  }
  return listeners;
}

function pidPath(conf: LoadedConf): string {
  const p = (conf.main.settings["pid"] as string | undefined) ?? "logs/nginx.pid";
  return p.startsWith("/") ? p : conf.prefix + p;
}

export async function serve(conf: LoadedConf, _options: CliOptions, out: Reporter): Promise<number> {
  let rt: Runtime;
  let listeners: Listener[];
  try {
    rt = createRuntime(conf);
    listeners = await bindAll(rt);
  } catch (e) {
    out.log("emerg", (e as Error).message);
    return 1;
  }
  const pid = pidPath(conf);
  try {
    writeFileSync(Buffer.from(pid, "latin1"), `${process.pid}\n`);
  } catch (e) {
    out.log("emerg", `open() "${pid}" failed (${describeErrno(e)})`);
    for (const l of listeners) await closeListener(l, true);
    return 1;
  }
  rt.errorLog.log("notice", `tsresty/${TSRESTY_VERSION} (Node.js ${process.version})`);
  rt.errorLog.log("notice", `start serving ${listeners.map((l) => describeAddress(l.address)).join(", ")}`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = async (fast: boolean, signal: string): Promise<void> => {
      if (stopping && !fast) return;
      stopping = true;
      rt.errorLog.log("notice", `signal ${signal} received, ${fast ? "exiting" : "gracefully shutting down"}`);
      await Promise.all(listeners.map((l) => closeListener(l, fast)));
      rt.accessLog.flushBuffers();
      rt.errorLog.log("notice", "exit");
      await Promise.all(allLogFiles().map((f) => f.flush()));
      await Promise.all(allLogFiles().map((f) => f.close()));
      try {
        unlinkSync(Buffer.from(pid, "latin1"));
      } catch {
        // Already gone.
      }
      resolve(0);
    };
    process.on("SIGTERM", () => void stop(true, "15 (SIGTERM)"));
    process.on("SIGINT", () => void stop(true, "2 (SIGINT)"));
    process.on("SIGQUIT", () => void stop(false, "3 (SIGQUIT)"));
    process.on("SIGUSR1", () => {
      rt.errorLog.log("notice", "signal 10 (SIGUSR1) received, reopening logs");
      rt.accessLog.flushBuffers();
      for (const f of allLogFiles()) f.reopen();
    });
    process.on("SIGHUP", () => {
      rt.errorLog.log("warn", "signal 1 (SIGHUP) received: reloading needs the master process (master_process on); ignored");
    });
  });
}
