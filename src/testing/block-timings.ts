// Where a block's time goes, so the runner's own overhead can be told apart from the server's.
// Printed per block when TEST_NGINX_TIMINGS=1.

export interface BlockTimings {
  /** Macro expansion, modifiers, request building, conf text. */
  resolveMs: number;
  /** Writing conf/ and html/. */
  writeMs: number;
  /** Spawn until the pid file appears (0 when the running server was reused). */
  startMs: number;
  /** Stopping the previous server. */
  stopMs: number;
  /** Client exchanges, including the server's own time to answer. */
  requestMs: number;
  /** Waiting for access.log to show the finished requests. */
  logWaitMs: number;
  /** Mock backends up and down. */
  mockMs: number;
  /** Reading the log slice and running the checks. */
  checkMs: number;
  /** Explicit `wait` sections. */
  waitMs: number;
  totalMs: number;
}

export function emptyTimings(): BlockTimings {
  return { resolveMs: 0, writeMs: 0, startMs: 0, stopMs: 0, requestMs: 0, logWaitMs: 0, mockMs: 0, checkMs: 0, waitMs: 0, totalMs: 0 };
}

/** The runner's own work: everything except the server starting, stopping and answering. */
export function runnerOverheadMs(t: BlockTimings): number {
  return t.resolveMs + t.writeMs + t.mockMs + t.checkMs;
}

export function formatTimings(label: string, t: BlockTimings): string {
  const f = (n: number): string => n.toFixed(2);
  return (
    `[timings] ${label}: total ${f(t.totalMs)} ms; runner ${f(runnerOverheadMs(t))} ms ` +
    `(resolve ${f(t.resolveMs)}, write ${f(t.writeMs)}, mocks ${f(t.mockMs)}, checks ${f(t.checkMs)}); ` +
    `server start ${f(t.startMs)}, stop ${f(t.stopMs)}, requests ${f(t.requestMs)}, log wait ${f(t.logWaitMs)}, wait ${f(t.waitMs)}`
  );
}
