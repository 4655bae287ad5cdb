/**
 * A server process under test — tsresty (`node bin/tsresty.js`) or real nginx, same command line
 * `-p <prefix>/ -c conf/nginx.conf` — on a fresh prefix, with a conf rendered for as many random
 * loopback ports (20000–60000) as it needs. Unlike the `.t` runner this keeps the child in the
 * test's hands: its stdout and stderr apart, its exit code, and which signal stops it.
 *
 * Ready means the pid file exists (both servers write it after binding); a port that turned out
 * to be taken is retried with new ports.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ensureBuilt, BIN } from "../cli/cli-harness.js";
import { findExecutable } from "../../src/testing/index.js";

export type Engine = "tsresty" | "nginx";

export const nginxBinary: string | undefined = findExecutable("nginx");

/** The engines a differential test runs on: tsresty always, nginx when installed. */
export const ENGINES: readonly Engine[] = nginxBinary === undefined ? ["tsresty"] : ["tsresty", "nginx"];

export interface ConfInput {
  readonly ports: readonly number[];
  /** The prefix, without a trailing slash. */
  readonly prefix: string;
}

export interface FixtureOptions {
  readonly engine: Engine;
  /** How many ports the conf needs. */
  readonly ports?: number;
  readonly conf: (c: ConfInput) => string;
  /** Files written under the prefix before start (`html/big.bin`: …). */
  readonly files?: Readonly<Record<string, string | Buffer>>;
  /** Wait for the pid file (default) or just spawn (start-up failures). */
  readonly waitReady?: boolean;
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

const START_TIMEOUT_MS = 10_000;

export class ServerUnderTest {
  stdout = "";
  stderr = "";
  readonly exited: Promise<Exit>;
  #exit: Exit | null = null;

  private constructor(
    readonly engine: Engine,
    readonly prefix: string,
    readonly ports: readonly number[],
    readonly child: ChildProcess,
  ) {
    child.stdout!.on("data", (d: Buffer) => (this.stdout += d.toString("latin1")));
    child.stderr!.on("data", (d: Buffer) => (this.stderr += d.toString("latin1")));
    this.exited = new Promise((resolve) => {
      child.on("close", (code, signal) => {
        this.#exit = { code, signal };
        resolve(this.#exit);
      });
    });
  }

  get running(): boolean {
    return this.#exit === null;
  }

  get pid(): number {
    return this.child.pid!;
  }

  file(rel: string): string {
    return path.join(this.prefix, rel);
  }

  async read(rel: string): Promise<string> {
    return readFile(this.file(rel), "latin1").catch(() => "");
  }

  async exists(rel: string): Promise<boolean> {
    return stat(this.file(rel)).then(
      () => true,
      () => false,
    );
  }

  signal(sig: NodeJS.Signals): void {
    if (this.running) this.child.kill(sig);
  }

  /** Resolves with the exit, or null if the process still runs after `ms`. */
  async exitWithin(ms: number): Promise<Exit | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
    const r = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    return r;
  }

  /** Stops the process (QUIT, then KILL) and removes the prefix. */
  async dispose(): Promise<void> {
    if (this.running) {
      this.signal("SIGQUIT");
      if ((await this.exitWithin(3000)) === null) {
        this.signal("SIGKILL");
        await this.exited;
      }
    }
    await rm(this.prefix, { recursive: true, force: true });
  }

  static async start(options: FixtureOptions): Promise<ServerUnderTest> {
    if (options.engine === "tsresty") ensureBuilt();
    else if (nginxBinary === undefined) throw new Error("nginx is not installed");
    for (let attempt = 0; ; attempt++) {
      const prefix = await mkdtemp(path.join(os.tmpdir(), `tsresty-proc-${options.engine}-`));
      // nginx's workers (with a master) run as an unprivileged user: they must be able to read.
      await chmod(prefix, 0o755);
      await Promise.all(["conf", "logs", "html"].map((d) => mkdir(path.join(prefix, d))));
      for (const [rel, content] of Object.entries(options.files ?? {})) {
        await mkdir(path.dirname(path.join(prefix, rel)), { recursive: true });
        await writeFile(path.join(prefix, rel), content);
      }
      const ports = await freePorts(options.ports ?? 1);
      await writeFile(path.join(prefix, "conf/nginx.conf"), Buffer.from(options.conf({ ports, prefix }), "latin1"));
      const [command, leading] = options.engine === "tsresty" ? [process.execPath, [BIN]] : [nginxBinary!, []];
      const child = spawn(command, [...leading, "-p", `${prefix}/`, "-c", "conf/nginx.conf"], {
        cwd: prefix,
        stdio: ["ignore", "pipe", "pipe"],
      });
      const server = new ServerUnderTest(options.engine, prefix, ports, child);
      if (options.waitReady === false) return server;
      const ready = await server.waitForPidFile();
      if (ready) return server;
      await server.dispose();
      if (!/Address already in use/.test(server.stderr) || attempt >= 5) {
        throw new Error(`${options.engine} did not start:\n${server.stderr}${server.stdout}`);
      }
    }
  }

  private async waitForPidFile(): Promise<boolean> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    let backoff = 1;
    while (Date.now() < deadline) {
      if (!this.running) return false;
      if (/\d/.test(await this.read("logs/nginx.pid"))) return true;
      await new Promise((r) => setTimeout(r, backoff));
      backoff = Math.min(backoff * 2, 25);
    }
    return false;
  }
}

/** Distinct ports in 20000–60000 that were free a moment ago. */
export async function freePorts(n: number): Promise<number[]> {
  const out: number[] = [];
  while (out.length < n) {
    const port = 20000 + Math.floor(Math.random() * 40001);
    if (out.includes(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.unref();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) out.push(port);
  }
  return out;
}

/**
 * The `main`/`events` part every conf here shares: foreground, logs in the prefix. One process
 * unless `master` — nginx stops gracefully only with a master (alone, QUIT exits at once).
 */
export function confHead(prefix: string, errorLogLevel = "info", master = false): string {
  return (
    `daemon off;\nmaster_process ${master ? "on" : "off"};\nworker_processes 1;\n` +
    `error_log ${prefix}/logs/error.log ${errorLogLevel};\npid ${prefix}/logs/nginx.pid;\n` +
    `events {\n    worker_connections 64;\n}\n`
  );
}
