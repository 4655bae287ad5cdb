/**
 * The header lines nginx drops as invalid (ignore_invalid_headers), logged at info. nginx
 * writes each one as it reads it, so its context is what nginx knew at that moment: the server
 * that a host in the request line, or a Host line read before it, picked (else the address's
 * default server), and only the Host and Referer lines read before it.
 */
import type { Runtime } from "../context.js";
import type { ActiveExchange } from "../http/connection.js";
import type { HeaderList } from "../http/types.js";
import type { AddressPlan } from "../plan/runtime-plan.js";
import type { ServerPlan } from "../plan/server-plan.js";
import { hostOf } from "../server-names.js";
import { logContext } from "./request-context.js";

function firstValue(headers: HeaderList, name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

function serverFor(addr: AddressPlan, rawHost: string | undefined): ServerPlan {
  const host = hostOf(rawHost);
  return host === null || host === undefined ? addr.defaultServer : addr.names.find(host).server;
}

export function logIgnoredHeaderLines(rt: Runtime, addr: AddressPlan, ex: ActiveExchange): void {
  const head = ex.head;
  for (const ignored of head.ignoredLines) {
    const before = head.headers.slice(0, ignored.headersBefore);
    const host = firstValue(before, "host");
    const server = serverFor(addr, head.targetHost ?? host);
    const log = rt.errorLogFor(server.conf);
    if (!log.enabled("info")) continue;
    const context = logContext({
      connection: ex.connection,
      server: server.name,
      requestLine: head.requestLine,
      host,
      referer: firstValue(before, "referer"),
    });
    log.log("info", `client sent invalid header line: "${ignored.text}" while reading client request headers`, ex.connection.id, context);
  }
}
