// Runs the blocks of one `.t` file, in order, against one servroot and one test port. Files are
// independent of each other, so callers may run many SpecFileRuns at once.

import { resolveBlock, type ResolvedBlock } from "./block-resolver.js";
import { emptyTimings, formatTimings, type BlockTimings } from "./block-timings.js";
import { formatFailure, type CheckFailure } from "./check-failure.js";
import { configSectionsPerBlock, type ConfigSections } from "./config-inheritance.js";
import { writeConf } from "./conf-writer.js";
import { freePort } from "./free-port.js";
import { LogFiles } from "./log-files.js";
import { randomPortNumbers, type MacroContext } from "./macros.js";
import { runRepeat } from "./repeat-runner.js";
import type { ServerCommand } from "./server-command.js";
import { ServerManager } from "./server-manager.js";
import { Servroot } from "./servroot.js";
import { SkipConditionError, skipReason } from "./skip-conditions.js";
import { SpecError } from "./spec-error.js";
import type { SpecBlock, SpecFile } from "./spec-model.js";
import { checkLogs } from "./log-checks.js";

export interface RunOptions {
  readonly command: ServerCommand;
  readonly environment?: NodeJS.ProcessEnv;
  /** Leave the server and servroot of the first failed block in place and run nothing after it. */
  readonly keep?: boolean;
  readonly startTimeoutMs?: number;
}

export type BlockStatus = "pass" | "fail" | "skip";

export interface BlockResult {
  readonly block: SpecBlock;
  readonly status: BlockStatus;
  readonly skipReason: string | undefined;
  /** The `todo` reason: a failure is expected and reported as TODO. */
  readonly todo: string | undefined;
  readonly failures: readonly CheckFailure[];
  /** A readable report of every failure, with `file:line`, expected and actual. */
  readonly message: string;
  readonly timings: BlockTimings;
}

export interface KeptServer {
  readonly servroot: string;
  readonly port: number;
  readonly pid: number | undefined;
  readonly confFile: string;
}

const ADDRESS_IN_USE_RETRIES = 3;

export function blockLabel(spec: SpecFile, block: SpecBlock): string {
  return `${spec.file}:${block.place.line}: ${block.title || `block ${block.index}`}`;
}

export class SpecFileRun {
  readonly spec: SpecFile;
  readonly servroot: Servroot;
  readonly #options: RunOptions;
  readonly #manager: ServerManager;
  readonly #logs: LogFiles;
  readonly #configSections: ConfigSections[];
  #port: number;
  #kept: KeptServer | undefined;

  private constructor(spec: SpecFile, servroot: Servroot, port: number, options: RunOptions) {
    this.spec = spec;
    this.servroot = servroot;
    this.#port = port;
    this.#options = options;
    this.#manager = new ServerManager({
      command: options.command,
      servroot,
      startTimeoutMs: options.startTimeoutMs ?? 10_000,
      detached: options.keep ?? false,
    });
    this.#logs = new LogFiles(servroot.errorLog, servroot.accessLog);
    this.#configSections = configSectionsPerBlock(spec);
  }

  static async open(spec: SpecFile, options: RunOptions): Promise<SpecFileRun> {
    const [servroot, port] = await Promise.all([Servroot.create(spec.file), freePort()]);
    return new SpecFileRun(spec, servroot, port, options);
  }

  get port(): number {
    return this.#port;
  }

  /** Set once a failed block was kept (`keep`): where to look. */
  get kept(): KeptServer | undefined {
    return this.#kept;
  }

  /** Runs block `index` (0-based). Call in file order; each call waits for the previous one. */
  async runBlock(index: number): Promise<BlockResult> {
    const block = this.spec.blocks[index]!;
    const timings = emptyTimings();
    const started = performance.now();
    const result = (status: BlockStatus, failures: CheckFailure[], skip?: string, todo?: string): BlockResult => {
      timings.totalMs = performance.now() - started;
      if (process.env.TEST_NGINX_TIMINGS === "1" && status !== "skip") {
        process.stderr.write(formatTimings(blockLabel(this.spec, block), timings) + "\n");
      }
      return { block, status, skipReason: skip, todo, failures, message: this.#message(block, failures), timings };
    };

    if (this.#kept) return result("skip", [], "a previous block failed and was kept (--keep)");
    const selection = this.spec.selection[index]!;
    if (!selection.run) return result("skip", [], selection.reason);

    const env = this.#options.environment ?? process.env;
    const todoSection = block.sections.get("todo") ?? this.spec.defaults.get("todo");
    const todo = todoSection ? todoSection.text.trim() || "todo" : undefined;
    try {
      const skipIf = block.sections.get("skip_if") ?? this.spec.defaults.get("skip_if");
      if (skipIf) {
        const reason = skipReason(skipIf.text, this.#options.command.name, env);
        if (reason) return result("skip", [], reason);
      }
      const failures = await this.#run(index, timings, env);
      if (this.#options.keep && failures.length > 0) this.#keep();
      return result(failures.length > 0 ? "fail" : "pass", failures, undefined, todo);
    } catch (e) {
      if (e instanceof SpecError || e instanceof SkipConditionError) {
        const place = e instanceof SpecError ? e.place : (block.sections.get("skip_if")?.place ?? block.place);
        const message = e instanceof SpecError ? e.message.slice(`${place.file}:${place.line}: `.length) : e.message;
        return result("fail", [{ place, check: "spec", message }], undefined, todo);
      }
      // A bug in the runner fails this block with its stack, and the next blocks still run.
      const stack = e instanceof Error ? (e.stack ?? e.message) : String(e);
      return result("fail", [{ place: block.place, check: "runner", message: `internal error: ${stack}` }], undefined, todo);
    }
  }

  async #run(index: number, timings: BlockTimings, env: NodeJS.ProcessEnv): Promise<CheckFailure[]> {
    const block = this.spec.blocks[index]!;
    const randomPorts = await this.#randomPorts(block, index);

    for (let attempt = 0; ; attempt++) {
      let t = performance.now();
      const resolved = resolveBlock(this.spec, block, this.#configSections[index]!, this.#macros(env, randomPorts));
      const confText = this.#confText(resolved);
      timings.resolveMs += performance.now() - t;

      if (resolved.mustDie) return this.#runMustDie(resolved, confText);

      const outcome = await this.#manager.ensure(confText, resolved.userFiles, this.#port);
      if (outcome.kind === "address-in-use" && attempt < ADDRESS_IN_USE_RETRIES) {
        // Someone took our port between freePort() and the server's bind: pick another.
        this.#port = await freePort();
        continue;
      }
      if (outcome.kind !== "running") {
        return [{
          place: block.place,
          check: "server",
          message: `the server failed to start (${describeStartFailure(outcome)})`,
          actual: "\n" + indent(outcome.output || "(no output)") + (await this.#errorLogTail()),
        }];
      }
      timings.startMs += outcome.startMs;
      timings.stopMs += outcome.stopMs;
      timings.writeMs += outcome.writeMs;

      const failures: CheckFailure[] = [];
      for (let repeat = 0; repeat < this.spec.header.repeatEach; repeat++) {
        failures.push(
          ...(await runRepeat({
            block: resolved,
            repeat,
            port: this.#port,
            logs: this.#logs,
            retryRefusedUntil: outcome.reused ? 0 : outcome.state.startedAt + 2000,
            defaultNoErrorLog: this.spec.header.defaultNoErrorLog,
            timings,
          })),
        );
      }
      return failures;
    }
  }

  /** must_die: the server must refuse to start; log checks read its output and error.log. */
  async #runMustDie(resolved: ResolvedBlock, confText: string): Promise<CheckFailure[]> {
    // Stop the previous server first, so its shutdown lines stay out of this block's log slice.
    await this.#manager.stop();
    const mark = await this.#logs.mark();
    const outcome = await this.#manager.startExpectingFailure(confText, resolved.userFiles);
    const place = resolved.get("must_die")!.section.place;
    if (outcome.kind === "running") {
      await outcome.server.stop();
      return [{ place, check: "must_die", message: "the server started, but this block expects it to fail" }];
    }
    if (outcome.kind === "timeout") {
      return [{ place, check: "must_die", message: "the server neither started nor exited in time", actual: indent(outcome.output) }];
    }
    const text = outcome.output + (await this.#logs.errorLogSince(mark));
    return checkLogs(resolved, text, 0, undefined);
  }

  #confText(resolved: ResolvedBlock): string {
    const h = this.spec.header;
    return writeConf({
      servroot: this.servroot.root,
      port: this.#port,
      workers: h.workers,
      masterProcess: h.masterProcess,
      rootLocation: h.rootLocation,
      ...resolved.conf,
    });
  }

  #macros(env: NodeJS.ProcessEnv, randomPorts: ReadonlyMap<number, number>): MacroContext {
    return {
      serverPort: this.#port,
      htmlDir: this.servroot.htmlDir,
      serverRoot: this.servroot.root,
      envDefaults: this.spec.header.env,
      environment: env,
      randomPort: (n) => {
        const port = randomPorts.get(n);
        if (port === undefined) throw new Error(`internal: $TEST_NGINX_RAND_PORT_${n} was not reserved`);
        return port;
      },
    };
  }

  /** Reserves a port for every $TEST_NGINX_RAND_PORT_<n> the block will see. */
  async #randomPorts(block: SpecBlock, index: number): Promise<Map<number, number>> {
    const texts = [
      ...block.sections.values(),
      ...this.spec.defaults.values(),
      ...this.#configSections[index]!.values(),
    ].map((s) => s.text);
    const numbers = new Set(texts.flatMap(randomPortNumbers));
    const ports = new Map<number, number>();
    for (const n of numbers) {
      let port = await freePort();
      // Distinct within the block, and never the test port.
      while (port === this.#port || [...ports.values()].includes(port)) port = await freePort();
      ports.set(n, port);
    }
    return ports;
  }

  #keep(): void {
    const state = this.#manager.abandon();
    this.#kept = {
      servroot: this.servroot.root,
      port: state?.port ?? this.#port,
      pid: state?.server.pid,
      confFile: this.servroot.confFile,
    };
  }

  async #errorLogTail(): Promise<string> {
    const text = await this.#logs.errorLogSince({ errorLogOffset: 0, accessLogOffset: 0 });
    // Debug chatter (the previous server's shutdown) would bury the reason; show warnings and worse.
    const lines = text.split("\n").filter((l) => /\[(warn|error|crit|alert|emerg)\]/.test(l)).slice(-10);
    return lines.length ? `\n  error.log (last warnings and errors):\n${indent(lines.join("\n"))}` : "";
  }

  #message(block: SpecBlock, failures: readonly CheckFailure[]): string {
    if (failures.length === 0) return "";
    const repeats = this.spec.header.repeatEach;
    return [
      `${blockLabel(this.spec, block)}: ${failures.length} check(s) failed`,
      ...failures.map((f) => formatFailure(f, { repeats })),
    ].join("\n");
  }

  /** Stops the server and removes the servroot, unless a failed block was kept. */
  async close(): Promise<void> {
    if (this.#kept) return;
    await this.#manager.stop();
    if (process.env.TEST_NGINX_KEEP_SERVROOT !== "1") await this.servroot.remove();
  }
}

function describeStartFailure(outcome: { kind: string; code?: number | null; signal?: string | null }): string {
  if (outcome.kind === "exited") return outcome.signal ? `killed by ${outcome.signal}` : `exit code ${outcome.code}`;
  if (outcome.kind === "address-in-use") return "the test port stayed in use";
  return "no pid file within the start timeout";
}

function indent(text: string): string {
  return text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => `    ${l}`)
    .join("\n");
}
