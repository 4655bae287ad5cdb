// Keeps at most one server running per spec file, and restarts it only when the block's
// generated conf or user files differ from what the running server was started with.

import type { ServerCommand } from "./server-command.js";
import { ServerProcess, type StartOutcome } from "./server-process.js";
import type { Servroot, UserFile } from "./servroot.js";

export interface ServerState {
  readonly server: ServerProcess;
  readonly port: number;
  /** When it was started (performance.now()), for the client's connect retry window. */
  readonly startedAt: number;
}

export type EnsureOutcome =
  | { readonly kind: "running"; readonly state: ServerState; readonly reused: boolean; readonly startMs: number; readonly stopMs: number; readonly writeMs: number }
  | Exclude<StartOutcome, { kind: "running" }>;

export interface ManagerOptions {
  readonly command: ServerCommand;
  readonly servroot: Servroot;
  readonly startTimeoutMs: number;
  readonly detached: boolean;
}

export class ServerManager {
  readonly #options: ManagerOptions;
  #running: (ServerState & { readonly identity: string }) | undefined;
  /** What html/ holds now, so an unchanged set of user files is not written again. */
  #htmlIdentity: string | undefined;

  constructor(options: ManagerOptions) {
    this.#options = options;
  }

  get running(): ServerState | undefined {
    return this.#running?.server.alive ? this.#running : undefined;
  }

  /** Starts the server for this conf, or reuses the running one when nothing changed. */
  async ensure(confText: string, userFiles: readonly UserFile[], port: number): Promise<EnsureOutcome> {
    const identity = identityOf(confText, userFiles);
    const current = this.#running;
    if (current && current.server.alive && current.identity === identity) {
      return { kind: "running", state: current, reused: true, startMs: 0, stopMs: 0, writeMs: 0 };
    }
    const stopMs = await this.stop();
    const writeStart = performance.now();
    await this.#prepare(confText, userFiles);
    const writeMs = performance.now() - writeStart;
    const startedAt = performance.now();
    const outcome = await ServerProcess.start(this.#options.command, this.#startOptions());
    const startMs = performance.now() - startedAt;
    if (outcome.kind !== "running") return outcome;
    this.#running = { server: outcome.server, port, startedAt, identity };
    return { kind: "running", state: this.#running, reused: false, startMs, stopMs, writeMs };
  }

  /** For must_die: start a server that is expected to fail, from a clean slate. */
  async startExpectingFailure(confText: string, userFiles: readonly UserFile[]): Promise<StartOutcome> {
    await this.stop();
    await this.#prepare(confText, userFiles);
    return ServerProcess.start(this.#options.command, this.#startOptions());
  }

  /** Stops the running server; returns how long that took, ms. */
  async stop(): Promise<number> {
    const current = this.#running;
    this.#running = undefined;
    if (!current) return 0;
    const started = performance.now();
    await current.server.stop();
    return performance.now() - started;
  }

  /** Forgets the running server without stopping it (`--keep`). */
  abandon(): ServerState | undefined {
    const current = this.#running;
    this.#running = undefined;
    current?.server.abandon();
    return current;
  }

  async #prepare(confText: string, userFiles: readonly UserFile[]): Promise<void> {
    const root = this.#options.servroot;
    // Rewriting html/ costs several file-system calls per block; most blocks carry no user files
    // and can keep what is there. (A test that changes html/ through the server, e.g. WebDAV,
    // should give each block its own user_files.)
    const htmlIdentity = userFilesIdentity(userFiles);
    if (htmlIdentity !== this.#htmlIdentity) {
      this.#htmlIdentity = undefined;
      await root.writeHtml(userFiles);
      this.#htmlIdentity = htmlIdentity;
    }
    await Promise.all([root.writeConf(confText), root.removePidFile()]);
  }

  #startOptions(): Parameters<typeof ServerProcess.start>[1] {
    const root = this.#options.servroot;
    return { servroot: root.root, pidFile: root.pidFile, timeoutMs: this.#options.startTimeoutMs, detached: this.#options.detached };
  }
}

function identityOf(confText: string, userFiles: readonly UserFile[]): string {
  return `${confText}\n${userFilesIdentity(userFiles)}`;
}

function userFilesIdentity(userFiles: readonly UserFile[]): string {
  return userFiles.map((f) => `>>> ${f.name}\n${typeof f.content === "string" ? f.content : f.content.toString("base64")}`).join("\n");
}
