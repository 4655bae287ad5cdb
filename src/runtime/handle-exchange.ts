/**
 * The entry of every request: pick the virtual server by Host, normalise the URI, run the
 * phases, answer 500 if anything throws (the worker goes on), then the log phase.
 */
import type { Request, Runtime } from "./context.js";
import type { ActiveExchange, ExchangeHandler, RequestError } from "./http/connection.js";
import type { ConnectionInfo } from "./http/types.js";
import { logIgnoredHeaderLines } from "./log/ignored-header-lines.js";
import { logForRequest } from "./log/request-log.js";
import { allLogFiles } from "./log/error-log.js";
import type { LocationPlan } from "./plan/location-plan.js";
import type { AddressPlan, SocketPlan } from "./plan/runtime-plan.js";
import type { ServerPlan } from "./plan/server-plan.js";
import { runPhases } from "./phases/run-phases.js";
import { specialResponse } from "./phases/special-response.js";
import { HttpRequest } from "./request.js";
import { hostOf } from "./server-names.js";
import { normalizeUri, splitTarget } from "./uri.js";

/** A request whose error-log lines go to its location's error_log, with its context. */
function newRequest(rt: Runtime, ex: ActiveExchange): Request {
  return new HttpRequest<ServerPlan, LocationPlan>(ex, (r, level, message) => logForRequest(rt, r, level, message));
}

/** The servers of the address the client connected to (a wildcard socket serves several). */
function addressOf(sock: SocketPlan, ex: ActiveExchange): AddressPlan {
  return sock.byLocalAddress.get(ex.connection.localAddr) ?? sock.own;
}

async function serve(rt: Runtime, sock: SocketPlan, ex: ActiveExchange): Promise<void> {
  const r = newRequest(rt, ex);
  const addr = addressOf(sock, ex);
  logIgnoredHeaderLines(rt, addr, ex);
  r.server = addr.defaultServer;
  r.loc = r.server.conf;
  rt.inflight++;
  ex.onTimeout = (what) => {
    // A body that stops coming ends with 408 in the access log and no response (nginx logs no
    // line for it); a client that stops reading is logged at info.
    r.timedOut = what;
    if (what === "send") r.log("info", "client timed out (110: Connection timed out) while sending response to client");
  };
  try {
    const found = hostOf(ex.head.targetHost ?? ex.head.headerMap.get("host"));
    const host = found === undefined ? "" : found;
    if (host === null) {
      r.log("info", "client sent invalid host header while reading client request headers");
      await runPhases(rt, r, { kind: "status", status: 400 });
      return;
    }
    const picked = addr.names.find(host);
    r.server = picked.server;
    r.loc = r.server.conf;
    r.host = host;
    if (picked.captures !== null) r.captures = Array.from(picked.captures);
    if (picked.named !== null) {
      for (const [name, value] of Object.entries(picked.named)) r.vars.set(name.toLowerCase(), value ?? "");
    }
    const target = splitTarget(ex.head.target);
    r.args = target.args;
    r.hasArgs = target.hasArgs;
    // nginx normalises the URI before Host picks the server: merge_slashes is the default server's.
    const uri = normalizeUri(target.path, addr.defaultServer.mergeSlashes);
    if (uri === null) {
      r.log("info", "client sent invalid request while reading client request line");
      await runPhases(rt, r, { kind: "status", status: 400 });
      return;
    }
    r.uri = uri;
    // A body whose framing broke is found where nginx finds it: when a handler reads it (proxy),
    // or drops it unread before answering (phases/discard-body.ts).
    await runPhases(rt, r);
  } catch (e) {
    const err = e as Error;
    r.log("error", `request failed: ${err.stack ?? err.message}`);
    if (!ex.headSent) {
      r.errorPageDepth = 1;
      r.errStatus = 0;
      await specialResponse(rt, r, 500).catch(() => ex.destroy());
    } else {
      ex.destroy();
    }
  } finally {
    rt.inflight--;
    await logPhase(rt, r);
  }
}

async function logPhase(rt: Runtime, r: Request): Promise<void> {
  if (r.timedOut === "body") r.status = 408;
  else if (r.status === 0 && !r.ex.headSent) r.status = 499;
  // Variables the log formats evaluate may log; nginx says so with this action.
  r.logAction = "logging request";
  try {
    await rt.accessLog.log(r, r.loc.accessLog);
    // When the connection closes after this request, its log lines reach the disk first, as
    // with nginx's synchronous writes: whoever sees the close can read the finished request.
    if (r.ex.keepaliveTimeout === 0) await flushPendingLogs();
  } catch (e) {
    rt.errorLog.log("alert", `access log failed: ${(e as Error).message}`);
  }
}

/**
 * A request refused before any phase (malformed head, missing Host, bad framing): logged at
 * info as nginx does, answered with its page by the address's default server, access-logged.
 */
async function refuse(rt: Runtime, sock: SocketPlan, ex: ActiveExchange, err: RequestError): Promise<void> {
  const r = newRequest(rt, ex);
  const addr = addressOf(sock, ex);
  logIgnoredHeaderLines(rt, addr, ex);
  r.server = addr.defaultServer;
  // Once a valid Host line was read, nginx has switched to that host's server: it answers.
  const host = hostOf(ex.head.headerMap.get("host"));
  if (host !== null && host !== undefined) {
    r.server = addr.names.find(host).server;
    r.host = host;
  }
  r.loc = r.server.conf;
  try {
    const where = err.part === "line" ? "while reading client request line" : "while reading client request headers";
    r.log("info", `${err.reason} ${where}`);
    await runPhases(rt, r, { kind: "status", status: err.status });
  } catch {
    ex.destroy();
  } finally {
    await logPhase(rt, r);
  }
}

/** A head that stopped half-way: info line and a 408 access-log line, as nginx writes them. */
async function headTimeout(rt: Runtime, sock: SocketPlan, ex: ActiveExchange, part: "line" | "headers"): Promise<void> {
  const r = newRequest(rt, ex);
  logIgnoredHeaderLines(rt, addressOf(sock, ex), ex);
  r.server = sock.own.defaultServer;
  r.loc = r.server.conf;
  const where = part === "line" ? "while reading client request line" : "while reading client request headers";
  r.log("info", `client timed out (110: Connection timed out) ${where}`);
  r.status = 408;
  await logPhase(rt, r);
}

/** Log lines written so far reach the disk (a closing connection waits for its own). */
function flushPendingLogs(): Promise<unknown> {
  return Promise.all(allLogFiles().filter((f) => f.pending).map((f) => f.flush()));
}

/** The connection closes once the returned promise settles: its info line is on disk by then. */
function idle(rt: Runtime, sock: SocketPlan, info: ConnectionInfo, event: "waiting-timeout" | "keepalive-closed"): Promise<unknown> {
  const log = rt.errorLogFor(sock.own.defaultServer.conf);
  const client = info.unixPath !== null ? "unix:" : info.remoteAddr;
  if (event === "keepalive-closed") log.log("info", `client ${client} closed keepalive connection`, info.id);
  else log.log("info", `client timed out (110: Connection timed out) while waiting for request, client: ${client}, server: ${sock.spec.addrText}`, info.id);
  return flushPendingLogs();
}

export function exchangeHandler(rt: Runtime, sock: SocketPlan): ExchangeHandler {
  return {
    headTimeout: (ex, part) => headTimeout(rt, sock, ex, part),
    idle: (info, event) => idle(rt, sock, info, event),
    request: (ex) => serve(rt, sock, ex),
    badRequest: (ex, err) => refuse(rt, sock, ex, err),
  };
}
