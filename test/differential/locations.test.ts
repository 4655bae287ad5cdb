/**
 * Differential test of location matching (nginx-conf.md §4): seeded confs full of `=`, `^~`,
 * prefix, `~`, `~*`, nested and named locations, `internal`, auto-redirects, `location ""` and
 * `merge_slashes off`, each run by real nginx and by tsresty, and thousands of request targets
 * (hits, near misses, case variants, percent-encoding, dot segments, bad escapes, query
 * strings) that must get the same status, body and `Location` from both.
 *
 * Replay or widen with TSRESTY_DIFF_SEED=<n> and TSRESTY_DIFF_CONFS=<n>. A failure prints, per
 * disagreement, a standalone conf of the server involved and the exact request bytes.
 */
import { afterAll, expect, test } from "vitest";
import { describeWithNginx } from "../testing/nginx-peer.js";
import { showView } from "./answer-view.js";
import { runDifferential, type DifferentialCase, type Disagreement } from "./differential-run.js";
import { confFrame, warnIfNginxMissing } from "./engine-process.js";
import { renderServer, renderServers, type GeneratedServer } from "./location-conf.js";
import { generateServers } from "./location-conf-generator.js";
import { generateTargets, requestFor } from "./location-uri-generator.js";
import { SeededRandom } from "./seeded-random.js";

const SEED = Number(process.env.TSRESTY_DIFF_SEED ?? 20261123);
const CONFS = Number(process.env.TSRESTY_DIFF_CONFS ?? 12);
const SERVERS_PER_CONF = 3;
const TARGETS_PER_SERVER = 140;
/** Disagreements printed in full per conf; the rest are counted. */
const SHOWN = Number(process.env.TSRESTY_DIFF_SHOW ?? 12);

interface ConfCase {
  readonly index: number;
  readonly servers: readonly GeneratedServer[];
  readonly cases: readonly DifferentialCase[];
}

function buildConfCases(): ConfCase[] {
  const root = new SeededRandom(SEED);
  const out: ConfCase[] = [];
  for (let index = 0; index < CONFS; index++) {
    const rng = root.fork();
    const servers = generateServers(rng, SERVERS_PER_CONF);
    const cases: DifferentialCase[] = [];
    for (const server of servers) {
      for (const target of generateTargets(server, rng, TARGETS_PER_SERVER)) {
        cases.push({ group: server.name, request: requestFor(target, server.name, rng) });
      }
    }
    out.push({ index, servers, cases });
  }
  return out;
}

function showDisagreement(d: Disagreement): string {
  return `request ${JSON.stringify(d.kase.request.toString("latin1"))}\n  nginx:   ${showView(d.nginx)}\n  tsresty: ${showView(d.tsresty)}`;
}

/**
 * Which of one server's disagreements also happen with that server alone in the conf: those
 * are shown with the short conf; the rest need the other servers (a setting nginx takes from
 * the default server, say) and are shown with the whole conf. Costs one run, only on failure.
 */
async function reproducedAlone(server: GeneratedServer, disagreements: readonly Disagreement[]): Promise<Set<Disagreement>> {
  const byRequest = new Map(disagreements.map((d) => [d.kase.request.toString("latin1"), d]));
  const alone = await runDifferential((port, prefix) => confFrame(prefix, renderServer(server, port, prefix, true)), disagreements.map((d) => d.kase));
  if (alone.kind !== "compared") return new Set();
  return new Set(alone.disagreements.map((d) => byRequest.get(d.kase.request.toString("latin1"))!));
}

function reproHeader(what: string, servers: readonly GeneratedServer[]): string {
  return `\n--- ${what} (port 8080, prefix /tmp/repro) ---\n${confFrame("/tmp/repro", renderServers(servers, 8080, "/tmp/repro"))}`;
}

async function report(conf: ConfCase, disagreements: readonly Disagreement[]): Promise<string> {
  const lines = [`conf #${conf.index} (TSRESTY_DIFF_SEED=${SEED}): ${disagreements.length} of ${conf.cases.length} requests answered differently`];
  const shown = disagreements.slice(0, SHOWN);
  const needWholeConf: Disagreement[] = [];
  for (const server of conf.servers) {
    const mine = shown.filter((d) => d.kase.group === server.name);
    if (mine.length === 0) continue;
    const alone = await reproducedAlone(server, mine);
    if (alone.size > 0) lines.push(reproHeader(`server ${server.name} alone`, [server]), ...[...alone].map(showDisagreement));
    needWholeConf.push(...mine.filter((d) => !alone.has(d)));
  }
  if (needWholeConf.length > 0) lines.push(reproHeader("the whole conf (these agree when their server is alone)", conf.servers), ...needWholeConf.map(showDisagreement));
  if (disagreements.length > SHOWN) lines.push(`… and ${disagreements.length - SHOWN} more`);
  return lines.join("\n");
}

warnIfNginxMissing("location matching is NOT compared with nginx (test/differential/locations.test.ts)");
const confCases = buildConfCases();
let comparedCases = 0;
const started = performance.now();

describeWithNginx("differential: location matching (nginx vs tsresty)", () => {
  afterAll(() => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`location differential: ${comparedCases} requests compared over ${confCases.length} confs in ${seconds} s (seed ${SEED})`);
  });

  for (const conf of confCases) {
    test(`conf #${conf.index}: ${conf.cases.length} requests`, async () => {
      const outcome = await runDifferential((port, prefix) => confFrame(prefix, renderServers(conf.servers, port, prefix)), conf.cases);
      if (outcome.kind === "tsresty-refused") {
        throw new Error(`tsresty refused conf #${conf.index} (seed ${SEED}), which nginx accepts:\n${outcome.message}`);
      }
      comparedCases += outcome.cases;
      expect(outcome.problems, outcome.problems.join("\n")).toEqual([]);
      if (outcome.disagreements.length > 0) throw new Error(await report(conf, outcome.disagreements));
    }, 60_000);
  }
});
