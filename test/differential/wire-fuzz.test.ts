/**
 * Bounded fuzz of tsresty's HTTP/1.x wire handling (src/runtime/http): seeded malformed and
 * mutated request heads, bodies and pipelines (wire-cases.ts), each on its own loopback
 * connection. tsresty must stay up (a good request is answered after every batch), answer in
 * well-formed HTTP, and never run the handler for a malformed request. With nginx installed
 * the same bytes go to nginx too, and every status must match.
 *
 * Replay or widen with TSRESTY_WIRE_SEED=<n> and TSRESTY_WIRE_CASES=<n>.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { exchange, type ExchangeResult } from "../../src/testing/tcp-client.js";
import { describeWithNginx } from "../testing/nginx-peer.js";
import { confFrame, nginxBinary, RunningEngine, warnIfNginxMissing } from "./engine-process.js";
import { SeededRandom } from "./seeded-random.js";
import { generateWireCases, goodRequest, HANDLER_PATH, SMALL_BODY_PATH, type WireCase } from "./wire-cases.js";
import { showWireView, wireViewOf, type WireView } from "./wire-view.js";

const SEED = Number(process.env.TSRESTY_WIRE_SEED ?? 20261123);
const COUNT = Number(process.env.TSRESTY_WIRE_CASES ?? 500);
/** Connections in flight per server. */
const PARALLEL = 12;
/** Cases between two liveness probes. */
const BATCH = 50;
/** Silence that ends a case left open (the server may be waiting for more bytes). */
const IDLE_MS = 1000;
/** A half-closed case ends when the server closes; this only bounds a server that does not. */
const CLOSE_WAIT_MS = 4000;

function render(port: number, prefix: string): string {
  return confFrame(
    prefix,
    `    server {\n        listen 127.0.0.1:${port} default_server;\n        server_name localhost;\n` +
      `        root ${prefix}/html/no-such-dir;\n        client_header_timeout 10s;\n        client_body_timeout 10s;\n` +
      `        location = ${HANDLER_PATH} {\n            add_header X-Handler 1;\n            return 200 "HANDLER";\n        }\n` +
      `        location = ${SMALL_BODY_PATH} {\n            client_max_body_size 10;\n            add_header X-Handler 1;\n            return 200 "HANDLER";\n        }\n` +
      `    }\n`,
    "info",
  );
}

/** The request had no HTTP version, so nginx may answer with a bare HTTP/0.9 body. */
function mayBeHttp09(c: WireCase): boolean {
  const text = Buffer.concat(c.packets).toString("latin1").replace(/^[\r\n]+/, "");
  const firstLine = text.split("\n", 1)[0]!.replace(/\r$/, "");
  return !/ HTTP\//i.test(firstLine);
}

async function send(engine: RunningEngine, c: WireCase): Promise<ExchangeResult> {
  return exchange({
    host: "127.0.0.1",
    port: engine.port,
    packets: c.packets,
    packetDelayMs: c.packets.length > 1 ? 5 : 0,
    timeoutMs: c.shutdown ? CLOSE_WAIT_MS : IDLE_MS,
    shutdown: c.shutdown,
  });
}

interface CaseResult {
  readonly index: number;
  readonly kase: WireCase;
  readonly tsresty: WireView;
  readonly nginx: WireView | null;
}

function showCase(r: CaseResult): string {
  const bytes = Buffer.concat(r.kase.packets).toString("latin1");
  const shown = bytes.length > 300 ? `${JSON.stringify(bytes.slice(0, 240))}… (${bytes.length} bytes)` : JSON.stringify(bytes);
  const how = `${r.kase.packets.length} write(s)${r.kase.shutdown ? ", then half-close" : ", left open"}`;
  const lines = [`#${r.index} ${r.kase.family} (${how}): ${shown}`, `    tsresty: ${showWireView(r.tsresty)}`];
  if (r.nginx !== null) lines.push(`    nginx:   ${showWireView(r.nginx)}`);
  return lines.join("\n");
}

warnIfNginxMissing("the wire fuzz checks tsresty alone; statuses are NOT compared with nginx");
const cases = generateWireCases(new SeededRandom(SEED), COUNT);
const results: CaseResult[] = [];
const liveness: string[] = [];
let tsresty: RunningEngine | undefined;
let nginx: RunningEngine | null = null;
let elapsedMs = 0;

async function runAll(): Promise<void> {
  const started = performance.now();
  // One after the other, so that a failed start leaves nothing running that afterAll misses.
  tsresty = await RunningEngine.start("tsresty", render);
  nginx = nginxBinary ? await RunningEngine.start("nginx", render) : null;
  for (let from = 0; from < cases.length; from += BATCH) {
    const batch = cases.slice(from, from + BATCH).map((kase, i) => ({ kase, index: from + i }));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < batch.length) {
        const { kase, index } = batch[next++]!;
        const http09 = mayBeHttp09(kase);
        const [fromTsresty, fromNginx] = await Promise.all([send(tsresty!, kase), nginx ? send(nginx, kase) : null]);
        results[index] = {
          index,
          kase,
          tsresty: wireViewOf(fromTsresty, kase.methods, http09),
          nginx: fromNginx === null ? null : wireViewOf(fromNginx, kase.methods, http09),
        };
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    // The server must still be there and still serve after what this batch threw at it.
    const probe = wireViewOf(await send(tsresty!, { family: "probe", packets: [goodRequest()], shutdown: false, methods: ["GET"], malformed: false }), ["GET"], false);
    if (!tsresty!.alive) liveness.push(`tsresty exited after cases #${from}–#${from + batch.length - 1}:\n${tsresty!.output}`);
    else if (probe.statuses.join() !== "200*") liveness.push(`after cases #${from}–#${from + batch.length - 1} a good request got: ${showWireView(probe)}`);
  }
  elapsedMs = performance.now() - started;
}

beforeAll(runAll, 60_000);
afterAll(async () => {
  console.log(`wire fuzz: ${results.length} cases (seed ${SEED}) in ${(elapsedMs / 1000).toFixed(1)} s${nginx ? ", compared with nginx" : ""}`);
  await Promise.all([tsresty?.stop(), nginx?.stop()]);
});

describe("wire fuzz: tsresty", () => {
  test("stays up, and answers a good request after every batch", () => {
    expect(liveness, liveness.join("\n")).toEqual([]);
  });

  test("answers in well-formed HTTP/1.x", () => {
    const bad = results.filter((r) => r.tsresty.problem !== null).map(showCase);
    expect(bad, bad.join("\n")).toEqual([]);
  });

  test("never runs the handler for a malformed request", () => {
    // With nginx, "malformed" is what nginx refuses (the i-th answer without the handler mark);
    // without it, the cases the generator knows are malformed.
    const leaks = results.filter((r) => {
      if (r.nginx === null) return r.kase.malformed && r.tsresty.statuses.some((s) => s.endsWith("*"));
      return r.tsresty.statuses.some((s, i) => s.endsWith("*") && !(r.nginx!.statuses[i] ?? "").endsWith("*"));
    });
    const shown = leaks.map(showCase);
    expect(shown, shown.join("\n")).toEqual([]);
  });
});

describeWithNginx("wire fuzz: tsresty vs nginx", () => {
  test("answers every case with nginx's statuses", () => {
    const differences = results.filter((r) => r.nginx !== null && r.tsresty.statuses.join() !== r.nginx.statuses.join());
    const shown = differences.map(showCase);
    expect(shown, `${differences.length} of ${results.length} cases differ (seed ${SEED}):\n${shown.join("\n")}`).toEqual([]);
  });
});
