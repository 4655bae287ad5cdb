/**
 * Runs one batch of requests against nginx and tsresty side by side: both engines are started
 * once with the same conf, each request goes to both over a few keep-alive connections, and
 * the answers are compared with answer-view.ts. Returns the disagreements, never throws for
 * them, so the caller can print them all at once.
 */
import { sameView, viewOf, type AnswerView } from "./answer-view.js";
import { EngineStartError, RunningEngine, type ConfRenderer } from "./engine-process.js";
import { KeepAliveClient } from "./keepalive-client.js";

export interface DifferentialCase {
  /** Which part of the conf it exercises (a server name), for the report. */
  readonly group: string;
  readonly request: Buffer;
}

export interface Disagreement {
  readonly kase: DifferentialCase;
  readonly nginx: AnswerView;
  readonly tsresty: AnswerView;
}

export type RunOutcome =
  | { readonly kind: "compared"; readonly cases: number; readonly disagreements: readonly Disagreement[]; readonly problems: readonly string[] }
  /** tsresty would not start on a conf nginx accepts. */
  | { readonly kind: "tsresty-refused"; readonly message: string };

/** Parallel connections per engine: enough to hide round trips, few enough for 2 CPUs. */
const LANES = 3;

export async function runDifferential(render: ConfRenderer, cases: readonly DifferentialCase[]): Promise<RunOutcome> {
  const [nginx, tsresty] = await Promise.allSettled([RunningEngine.start("nginx", render), RunningEngine.start("tsresty", render)]);
  try {
    // nginx refusing a generated conf is a generator bug: say so with nginx's own message.
    if (nginx.status === "rejected") throw nginx.reason;
    if (tsresty.status === "rejected") {
      if (tsresty.reason instanceof EngineStartError) return { kind: "tsresty-refused", message: tsresty.reason.message };
      throw tsresty.reason;
    }
    const disagreements: Disagreement[] = [];
    const lanes = Array.from({ length: LANES }, (_, lane) => cases.filter((_, i) => i % LANES === lane));
    await Promise.all(lanes.map((laneCases) => runLane(nginx.value, tsresty.value, laneCases, disagreements)));
    const problems: string[] = [];
    for (const engine of [nginx.value, tsresty.value]) {
      if (!engine.alive) problems.push(`${engine.name} died during the run:\n${engine.output}`);
    }
    return { kind: "compared", cases: cases.length, disagreements, problems };
  } finally {
    await Promise.all([nginx, tsresty].map((e) => (e.status === "fulfilled" ? e.value.stop() : undefined)));
  }
}

async function runLane(nginx: RunningEngine, tsresty: RunningEngine, cases: readonly DifferentialCase[], into: Disagreement[]): Promise<void> {
  const a = new KeepAliveClient(nginx.port);
  const b = new KeepAliveClient(tsresty.port);
  try {
    for (const kase of cases) {
      const [fromNginx, fromTsresty] = await Promise.all([a.send(kase.request), b.send(kase.request)]);
      const nginxView = viewOf(fromNginx, nginx.port);
      const tsrestyView = viewOf(fromTsresty, tsresty.port);
      if (!sameView(nginxView, tsrestyView)) into.push({ kase, nginx: nginxView, tsresty: tsrestyView });
    }
  } finally {
    a.close();
    b.close();
  }
}
