// `tsresty-test [--keep] [-j N] FILE|DIR|GLOB…`: runs `.t` files and prints TAP (version 13),
// so `prove -e` and CI habits work. Files run in parallel (each on its own port and servroot);
// their results are printed in file order.

import os from "node:os";
import path from "node:path";
import { findSpecFiles } from "./find-spec-files.js";
import { loadSpecFile } from "./load-spec-file.js";
import { resolveServerCommand, type ServerCommand } from "./server-command.js";
import { SpecFileRun, blockLabel, type BlockResult } from "./spec-file-run.js";
import { SpecError } from "./spec-error.js";

const USAGE = `usage: tsresty-test [--keep] [-j N] FILE|DIR|GLOB...

Runs .t spec files against the server named by TEST_NGINX_BINARY (default: this checkout's
bin/tsresty.js) and prints TAP.

  --keep     leave the servroot and the server of the first failed block of a file running,
             and print where they are
  -j N       run up to N files at once (default: number of CPUs, 1 with --keep)
  TEST_NGINX_TIMINGS=1   print per-block timings on stderr
`;

interface FileReport {
  readonly lines: string[];
  readonly results: readonly BlockResult[];
  readonly failed: number;
}

export async function main(
  argv: readonly string[],
  out: (line: string) => void = (l) => process.stdout.write(l + "\n"),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let keep = false;
  let jobs: number | undefined;
  const patterns: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--keep") keep = true;
    else if (arg === "-j" || arg === "--jobs") jobs = Number(argv[++i]);
    else if (arg === "-h" || arg === "--help") {
      process.stdout.write(USAGE);
      return 0;
    } else if (arg.startsWith("-")) {
      process.stderr.write(`tsresty-test: unknown option ${arg}\n${USAGE}`);
      return 2;
    } else patterns.push(arg);
  }
  if (patterns.length === 0 || (jobs !== undefined && !(jobs >= 1))) {
    process.stderr.write(USAGE);
    return 2;
  }

  let files: string[];
  try {
    files = findSpecFiles(patterns);
  } catch (e) {
    process.stderr.write(`tsresty-test: ${(e as Error).message}\n`);
    return 2;
  }
  const command = resolveServerCommand(env.TEST_NGINX_BINARY, env);
  const limit = jobs ?? (keep ? 1 : Math.max(1, os.availableParallelism()));

  out("TAP version 13");
  out(`# server: ${command.command} ${command.leadingArgs.join(" ")}`.trimEnd());
  const reports = runLimited(files, limit, (file) => runFile(file, command, keep, env));
  let number = 0;
  let failed = 0;
  for (const report of reports) {
    const r = await report;
    for (const line of r.lines) out(line.replace(/^(not )?ok N /, (_, not: string | undefined) => `${not ?? ""}ok ${++number} `));
    failed += r.failed;
  }
  out(`1..${number}`);
  if (failed > 0) out(`# failed ${failed} of ${number}`);
  return failed > 0 ? 1 : 0;
}

/** Starts every task, at most `limit` at a time; returns their promises in input order. */
function runLimited<T>(items: readonly string[], limit: number, task: (item: string) => Promise<T>): Promise<T>[] {
  let active = 0;
  const waiting: (() => void)[] = [];
  return items.map(async (item) => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task(item);
    } finally {
      active--;
      waiting.shift()?.();
    }
  });
}

async function runFile(file: string, command: ServerCommand, keep: boolean, env: NodeJS.ProcessEnv): Promise<FileReport> {
  const lines: string[] = [];
  let spec;
  try {
    spec = loadSpecFile(file);
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    return { lines: [`# ${path.relative(process.cwd(), file)}`, `not ok N - ${e.message}`], results: [], failed: 1 };
  }
  lines.push(`# ${spec.file}`);
  const results: BlockResult[] = [];
  let failed = 0;
  const run = await SpecFileRun.open(spec, { command, keep, environment: env });
  try {
    for (let i = 0; i < spec.blocks.length; i++) {
      const r = await run.runBlock(i);
      results.push(r);
      const label = blockLabel(spec, r.block).replace(/#/g, "\\#");
      if (r.status === "skip") {
        lines.push(`ok N - ${label} # SKIP ${r.skipReason ?? ""}`.trimEnd());
      } else if (r.status === "pass") {
        lines.push(`ok N - ${label}${r.todo ? ` # TODO ${r.todo}` : ""}`);
      } else {
        lines.push(`not ok N - ${label}${r.todo ? ` # TODO ${r.todo}` : ""}`);
        for (const l of r.message.split("\n").slice(1)) lines.push(`#   ${l}`);
        if (!r.todo) failed++;
      }
    }
  } finally {
    await run.close();
  }
  const kept = run.kept;
  if (kept) {
    lines.push(
      `# kept for inspection: servroot ${kept.servroot} (conf ${kept.confFile}), ` +
        (kept.pid ? `server pid ${kept.pid} on 127.0.0.1:${kept.port}; stop it with: kill -QUIT ${kept.pid}` : "no server running"),
    );
  }
  return { lines, results, failed };
}
