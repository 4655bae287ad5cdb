// One repeat of a block: bring up the mock backends, send the requests, wait until the server has
// logged them, then run every check against this repeat's responses and log slice.

import { setTimeout as delay } from "node:timers/promises";
import type { ResolvedBlock } from "./block-resolver.js";
import { checkQuery } from "./backend-checks.js";
import type { BlockTimings } from "./block-timings.js";
import type { CheckFailure } from "./check-failure.js";
import { show } from "./check-failure.js";
import { parseResponses, type HttpResponse } from "./http-response-parser.js";
import { checkAccessLog, checkLogs } from "./log-checks.js";
import type { LogFiles } from "./log-files.js";
import { TcpMockBackend } from "./mock-tcp-backend.js";
import { UdpMockBackend } from "./mock-udp-backend.js";
import { checkResponses } from "./response-checks.js";
import { exchange } from "./tcp-client.js";

export interface RepeatContext {
  readonly block: ResolvedBlock;
  readonly repeat: number;
  readonly port: number;
  readonly logs: LogFiles;
  /** Until when a refused connect is retried (a server started a moment ago). */
  readonly retryRefusedUntil: number;
  readonly defaultNoErrorLog: string | undefined;
  readonly timings: BlockTimings;
}

const LOG_SECTIONS = ["error_log", "no_error_log", "grep_error_log", "grep_error_log_out", "access_log", "no_access_log"] as const;
const UNCHECKED_LOG_WAIT_MS = 250;

export async function runRepeat(ctx: RepeatContext): Promise<CheckFailure[]> {
  const { block, repeat, timings } = ctx;
  const place = block.block.place;
  const failures: CheckFailure[] = [];
  const mark = await ctx.logs.mark();

  let t = performance.now();
  let tcp: TcpMockBackend | undefined;
  let udp: UdpMockBackend | undefined;
  try {
    if (block.tcpMock) tcp = await TcpMockBackend.start(block.tcpMock);
    if (block.udpMock) udp = await UdpMockBackend.start(block.udpMock);
  } catch (e) {
    await tcp?.close();
    return [{ place, check: "mock backend", message: `could not listen: ${(e as Error).message}`, repeat }];
  }
  timings.mockMs += performance.now() - t;

  try {
    t = performance.now();
    const { responses, gaveUp, problems } = await sendRequests(ctx);
    timings.requestMs += performance.now() - t;
    failures.push(...problems);

    if (block.waitMs > 0) {
      // An explicit `wait` takes over the timing: it is for timers and for requests that leave no
      // access-log line (`access_log off`), so the access log is not awaited as well.
      t = performance.now();
      await delay(block.waitMs);
      timings.waitMs += performance.now() - t;
    } else {
      // The server writes a request's access-log line after all its error-log lines; once every
      // answered request shows up there, the error-log slice is complete.
      // Without log checks the wait only keeps this request's late lines out of the next slice,
      // so it gives up sooner (requests that are never access-logged must not cost a timeout).
      t = performance.now();
      const hasLogChecks = LOG_SECTIONS.some((n) => block.get(n)) || ctx.defaultNoErrorLog !== undefined;
      const answered = responses.filter((r) => r !== undefined && r.status > 0).length;
      const bound = hasLogChecks ? block.timeoutMs : Math.min(block.timeoutMs, UNCHECKED_LOG_WAIT_MS);
      const logged = await ctx.logs.waitForAccessLines(mark, answered, bound);
      timings.logWaitMs += performance.now() - t;
      if (logged < answered && hasLogChecks) {
        failures.push({
          place,
          check: "log checks",
          message:
            `access.log grew by ${logged} of ${answered} lines within ${block.timeoutMs} ms: the server did not ` +
            `finish (log) the requests, so the error-log slice may be incomplete (for requests that are not ` +
            `access-logged, add a --- wait section)`,
          repeat,
        });
      }
    }

    t = performance.now();
    const logText = await ctx.logs.errorLogSince(mark);
    failures.push(...checkResponses(block, responses, repeat, gaveUp));
    failures.push(...checkLogs(block, logText, repeat, ctx.defaultNoErrorLog));
    if (block.get("access_log") || block.get("no_access_log")) {
      failures.push(...checkAccessLog(block, await ctx.logs.accessLogSince(mark), repeat));
    }
    if (tcp) failures.push(...checkQuery("tcp_query", block.tcpMock?.query, tcp.received, repeat));
    if (udp) failures.push(...checkQuery("udp_query", block.udpMock?.query, udp.received, repeat));
    timings.checkMs += performance.now() - t;
  } finally {
    t = performance.now();
    await tcp?.close();
    await udp?.close();
    timings.mockMs += performance.now() - t;
  }
  return failures;
}

interface SendOutcome {
  /** Indexed by request; for raw requests, every response that came back. */
  readonly responses: (HttpResponse | undefined)[];
  /** The client timed out (expected with `abort`). */
  readonly gaveUp: boolean;
  readonly problems: CheckFailure[];
}

async function sendRequests(ctx: RepeatContext): Promise<SendOutcome> {
  const { block, repeat } = ctx;
  const responses: (HttpResponse | undefined)[] = [];
  const problems: CheckFailure[] = [];
  const timeoutSection = block.get("timeout")?.section.place ?? block.block.place;
  let gaveUp = false;

  for (const conn of block.connections) {
    const methodOf = (i: number): string | undefined => conn.methods[i];
    const expected = conn.expectedResponses;
    const result = await exchange({
      host: "127.0.0.1",
      port: ctx.port,
      packets: conn.packets,
      packetDelayMs: block.packetDelayMs,
      timeoutMs: block.timeoutMs,
      shutdown: block.shutdown,
      retryRefusedUntil: ctx.retryRefusedUntil,
      // Keep-alive responses end without a close: stop once all expected ones are complete.
      isComplete:
        expected === undefined
          ? undefined
          : (data) => {
              const parsed = parseResponses(data, { methodOf, closed: false });
              return parsed.responses.length >= expected && !parsed.needMore;
            },
    });
    const closed = result.closedByServer || result.timedOut || result.error !== undefined;
    const parsed = parseResponses(result.data, { methodOf, closed });
    const first = responses.length;
    responses.push(...parsed.responses);
    // Requests that got no response keep their slot, so checks report "no response".
    if (expected !== undefined) while (responses.length < first + expected) responses.push(undefined);

    // ignore_response means it: an HTTP/0.9 answer (a bare body) is not HTTP/1.x, and that is fine.
    if (parsed.garbage && !block.get("ignore_response")) {
      problems.push({ place: block.block.place, check: "client", message: `unparsable response: ${parsed.garbage}`, actual: show(result.data), repeat });
    }
    if (result.timedOut) {
      gaveUp = true;
      if (!block.abort) {
        // A raw request on a keep-alive connection is answered and then left open by the server.
        const hint =
          expected === undefined && parsed.responses.some((r) => !r.truncated)
            ? ' (the server answered but kept the connection open: send "Connection: close" or add --- shutdown)'
            : "";
        problems.push({
          place: timeoutSection,
          check: "client",
          message: `client timed out after ${block.timeoutMs} ms without activity${hint}`,
          actual: result.data.length ? show(result.data) : "(nothing received)",
          repeat,
        });
      }
    } else if (result.error !== undefined && !result.closedByServer) {
      problems.push({ place: block.block.place, check: "client", message: `connection to 127.0.0.1:${ctx.port} failed: ${result.error}`, repeat });
    }
  }
  return { responses, gaveUp, problems };
}
