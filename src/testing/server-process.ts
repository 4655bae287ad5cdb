// Starts the server under test with nginx's command line, decides when it is ready, and stops it.
//
// Ready means: the pid file named in the conf has been written. nginx writes it only after its
// listening sockets are bound and listening, so connects queue from then on. A connect probe is
// deliberately not used: a stranger holding the port would answer it while nginx is still retrying
// its bind, and the probe itself makes nginx log "client closed connection" lines that would race
// into the first repeat's log slice. (The client retries a refused first connect briefly, for a
// server that writes its pid file a moment before it listens.) The pid file is polled with a
// backoff that starts at 1 ms, so a fast server is seen at once and a slow one costs few polls.

import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import type { ServerCommand } from "./server-command.js";

export interface StartOptions {
  readonly servroot: string;
  readonly pidFile: string;
  readonly timeoutMs: number;
  /** Own process group, so the server can outlive the runner (`--keep`). */
  readonly detached: boolean;
}

export type StartOutcome =
  | { readonly kind: "running"; readonly server: ServerProcess }
  | { readonly kind: "exited"; readonly code: number | null; readonly signal: string | null; readonly output: string }
  | { readonly kind: "address-in-use"; readonly output: string }
  | { readonly kind: "timeout"; readonly output: string };

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Servers must not outlive a runner that crashes or is interrupted (unless kept on purpose). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const child of live) child.kill("SIGKILL");
  });
}

export class ServerProcess {
  readonly #child: ChildProcess;
  readonly #output: { text: string };
  #exited: Promise<void>;
  #hasExited = false;

  private constructor(child: ChildProcess, output: { text: string }, exited: Promise<void>) {
    this.#child = child;
    this.#output = output;
    this.#exited = exited.then(() => {
      this.#hasExited = true;
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get alive(): boolean {
    return !this.#hasExited;
  }

  /** Everything the server wrote to stdout and stderr so far. */
  get output(): string {
    return this.#output.text;
  }

  static async start(command: ServerCommand, options: StartOptions): Promise<StartOutcome> {
    installExitHook();
    const args = [...command.leadingArgs, "-p", options.servroot + "/", "-c", "conf/nginx.conf", ...command.extraArgs];
    const child = spawn(command.command, args, {
      cwd: options.servroot,
      stdio: ["ignore", "pipe", "pipe"],
      detached: options.detached,
    });
    live.add(child);
    const output = { text: "" };
    let addressInUse = false;
    const collect = (chunk: Buffer): void => {
      output.text += chunk.toString("utf8");
      if (/Address already in use/.test(output.text)) addressInUse = true;
    };
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);

    let exitInfo: { code: number | null; signal: string | null; error?: string } | undefined;
    const exited = new Promise<void>((resolve) => {
      child.on("error", (err) => {
        exitInfo ??= { code: null, signal: null, error: err.message };
        live.delete(child);
        resolve();
      });
      // "close" rather than "exit": by then stdout/stderr are drained, so must_die checks see
      // every line the server wrote.
      child.on("close", (code, signal) => {
        exitInfo ??= { code, signal };
        live.delete(child);
        resolve();
      });
    });
    const server = new ServerProcess(child, output, exited);

    const deadline = performance.now() + options.timeoutMs;
    let backoff = 1;
    for (;;) {
      if (exitInfo) {
        const text = exitInfo.error ? `${output.text}spawn ${command.command}: ${exitInfo.error}\n` : output.text;
        if (addressInUse) return { kind: "address-in-use", output: text };
        return { kind: "exited", code: exitInfo.code, signal: exitInfo.signal, output: text };
      }
      if (addressInUse) {
        await server.stop();
        return { kind: "address-in-use", output: output.text };
      }
      if (await pidFileWritten(options.pidFile)) {
        return { kind: "running", server };
      }
      if (performance.now() > deadline) {
        await server.stop();
        return { kind: "timeout", output: output.text };
      }
      await raceTimer(exited, backoff);
      backoff = Math.min(backoff * 2, 25);
    }
  }

  /** Graceful stop (SIGQUIT), then SIGTERM, and SIGKILL only if the server ignores both. */
  async stop(): Promise<void> {
    for (const [signal, waitMs] of [["SIGQUIT", 3000], ["SIGTERM", 2000], ["SIGKILL", 2000]] as const) {
      if (this.#hasExited) return;
      this.#child.kill(signal);
      await raceTimer(this.#exited, waitMs);
    }
  }

  /** Lets the runner exit while the server keeps running (`--keep`). */
  abandon(): void {
    live.delete(this.#child);
    this.#child.stdout?.destroy();
    this.#child.stderr?.destroy();
    this.#child.unref();
  }
}

async function pidFileWritten(pidFile: string): Promise<boolean> {
  try {
    return /\d/.test(await readFile(pidFile, "utf8"));
  } catch {
    return false;
  }
}

/** Waits for `event` or `ms`, whichever comes first; the timer is cleared either way, so it
 * never holds the process open. */
async function raceTimer(event: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([event, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
