/**
 * Robustness of `tsresty -t` on broken confs: seeded mutations of valid confs (see
 * conf-mutator.ts) go through `main()` in-process. Every run must end as nginx ends one —
 * success, or exactly one `[emerg]`/`[error]`/`[crit]` line followed by "test failed" and
 * exit 1 — never a thrown exception or a stack trace. A sample is also run through real nginx,
 * which must print the same first error (or succeed too).
 *
 * Replay or widen with TSRESTY_FUZZ_SEED=<n> and TSRESTY_FUZZ_RUNS=<n>.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { main } from "../../src/cli/main.js";
import type { Reporter } from "../../src/cli/report.js";
import { run } from "../cli/cli-harness.js";
import { describeWithNginx } from "../testing/nginx-peer.js";
import { mutate, prng } from "./conf-mutator.js";

const SEED = Number(process.env.TSRESTY_FUZZ_SEED ?? 20261123);
const RUNS = Number(process.env.TSRESTY_FUZZ_RUNS ?? 1200);
/** Every n-th case is also run through nginx. */
const DIFFERENTIAL_EVERY = 8;

interface FuzzCase {
  readonly index: number;
  readonly text: string;
  readonly steps: readonly string[];
  readonly tsrestyOnly: boolean;
}

const random = prng(SEED);
const cases: FuzzCase[] = [];
for (let i = 0; i < RUNS; i++) cases.push({ index: i, ...mutate(random) });

const prefixes: string[] = [];
function newPrefix(): string {
  const p = mkdtempSync(join(tmpdir(), "tsresty-fuzz-"));
  mkdirSync(join(p, "conf"));
  mkdirSync(join(p, "logs"));
  prefixes.push(p);
  return p;
}
afterAll(() => {
  for (const p of prefixes) rmSync(p, { recursive: true, force: true });
});

async function runInProcess(prefix: string, text: string): Promise<{ exit: number; lines: string[]; thrown?: unknown }> {
  writeFileSync(join(prefix, "conf/nginx.conf"), text, "latin1");
  const lines: string[] = [];
  const out: Reporter = {
    stderr: (line) => lines.push(line),
    stdout: () => undefined,
    log: (level, message) => lines.push(`tsresty: [${level}] ${message}`),
  };
  try {
    const exit = await main(["-t", "-p", `${prefix}/`, "-c", "conf/nginx.conf"], out);
    return { exit, lines };
  } catch (thrown) {
    return { exit: -1, lines, thrown };
  }
}

const ERROR_LINE = /^tsresty: \[(emerg|alert|crit|error)\] /;

/** Why an outcome is not one nginx could print, or null when it is. */
function shapeProblem(exit: number, lines: readonly string[]): string | null {
  if (lines.some((l) => /\n\s+at |(Type|Range|Reference|Syntax)Error\b/.test(l))) return "a stack trace was printed";
  let i = 0;
  while (i < lines.length && /^tsresty: \[(warn|notice)\] /.test(lines[i]!)) i++;
  const rest = lines.slice(i);
  if (exit === 0) {
    return rest.length === 2 && / syntax is ok$/.test(rest[0]!) && / test is successful$/.test(rest[1]!) ? null : "exit 0 without nginx's two lines";
  }
  if (exit !== 1) return `exit ${exit}`;
  if (rest.length > 0 && / syntax is ok$/.test(rest[0]!)) rest.shift();
  if (rest.length !== 2) return `${rest.length} lines after the warnings, expected 2`;
  if (!ERROR_LINE.test(rest[0]!)) return "no [emerg]/[error] line";
  if (!/^tsresty: configuration file .* test failed$/.test(rest[1]!)) return 'no "test failed" line';
  return null;
}

function describeCase(c: FuzzCase): string {
  const shown = JSON.stringify(c.text.length > 300 ? c.text.slice(0, 300) + "…" : c.text);
  return `case #${c.index} (seed ${SEED}; ${c.steps.join(" + ")}): ${shown}`;
}

test(`tsresty -t ends like nginx on ${RUNS} mutated confs`, async () => {
  const prefix = newPrefix();
  const failures: string[] = [];
  for (const c of cases) {
    const r = await runInProcess(prefix, c.text);
    const problem = r.thrown !== undefined ? `threw ${String((r.thrown as Error)?.stack ?? r.thrown)}` : shapeProblem(r.exit, r.lines);
    if (problem !== null) failures.push(`${describeCase(c)}\n  → ${problem}\n  ${r.lines.join("\n  ")}`);
    if (failures.length >= 5) break;
  }
  expect(failures).toEqual([]);
}, 60_000);

/** The first error as printed (a message may hold LF bytes), or "ok". */
function firstError(stderr: string): string {
  const text = stderr.replace(/^nginx: /gm, "tsresty: ");
  const start = text.search(/^tsresty: \[(emerg|alert|crit|error)\] /m);
  if (start === -1) return "ok";
  const end = text.indexOf("\ntsresty: configuration file ", start);
  return text.slice(start, end === -1 ? undefined : end);
}

/** Where two outputs part, with a little context, for readable failures. */
function difference(nginx: string, tsresty: string): string {
  let i = 0;
  while (i < nginx.length && nginx[i] === tsresty[i]) i++;
  const from = Math.max(0, i - 60);
  const show = (s: string) => JSON.stringify((from > 0 ? "…" : "") + s.slice(from, i + 80) + (s.length > i + 80 ? "…" : ""));
  return `  nginx:   ${show(nginx)}\n  tsresty: ${show(tsresty)}`;
}

describeWithNginx("fuzzed confs: nginx prints the same first error", (nginx) => {
  test(`every ${DIFFERENTIAL_EVERY}th case`, async () => {
    const sample = cases.filter((c) => c.index % DIFFERENTIAL_EVERY === 0 && !c.tsrestyOnly);
    const pool = [0, 1, 2, 3].map(() => ({ ours: newPrefix(), theirs: newPrefix() }));
    const mismatches: string[] = [];
    let next = 0;
    await Promise.all(
      pool.map(async ({ ours, theirs }) => {
        while (next < sample.length) {
          const c = sample[next++]!;
          writeFileSync(join(theirs, "conf/nginx.conf"), c.text, "latin1");
          const n = await run(nginx, ["-t", "-p", `${theirs}/`, "-c", "conf/nginx.conf", "-e", "logs/error.log"], theirs);
          const expected = firstError(n.stderr.split(theirs).join("<P>"));
          const t = await runInProcess(ours, c.text);
          const got = firstError(t.lines.join("\n").split(ours).join("<P>"));
          if (got !== expected || (got === "ok") !== (t.exit === 0)) mismatches.push(`${describeCase(c)}\n${difference(expected, got)}`);
        }
      }),
    );
    expect(mismatches).toEqual([]);
  }, 60_000);
});
