/**
 * One server under differential test (real nginx or tsresty), started in the foreground on a
 * fresh prefix with a generated conf, on a random loopback port in 20000–60000 (other
 * engineers run servers on this machine too, so the kernel's ephemeral range is avoided and a
 * taken port is simply retried). Readiness is the pid file, as in the `.t` runner.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { findExecutable, resolveServerCommand, type ServerCommand } from "../../src/testing/server-command.js";
import { ServerProcess } from "../../src/testing/server-process.js";

export type EngineName = "nginx" | "tsresty";

/** Renders the whole conf for a port and prefix (conf text is latin1: one char per byte). */
export type ConfRenderer = (port: number, prefix: string) => string;

const START_TIMEOUT_MS = 15_000;
const PORT_ATTEMPTS = 8;

export const nginxBinary: string | undefined = findExecutable("nginx");

export function engineCommand(name: EngineName): ServerCommand {
  if (name === "nginx") {
    if (nginxBinary === undefined) throw new Error("nginx is not installed");
    return resolveServerCommand(nginxBinary);
  }
  // TSRESTY_DIFF_BINARY points the differential tests at another build (a scratch checkout
  // with a candidate fix); by default this checkout's bin/tsresty.js.
  return resolveServerCommand(process.env.TSRESTY_DIFF_BINARY);
}

/** A port in 20000–60000 that was free a moment ago. Math.random on purpose: ports must not
 * consume the seeded generator, or the cases would depend on which ports happened to be free. */
async function randomFreePort(): Promise<number> {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 40001);
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.unref();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

export class RunningEngine {
  private constructor(
    readonly name: EngineName,
    readonly port: number,
    readonly prefix: string,
    readonly conf: string,
    private readonly server: ServerProcess,
  ) {}

  static async start(name: EngineName, render: ConfRenderer): Promise<RunningEngine> {
    const prefix = await mkdtemp(path.join(os.tmpdir(), `tsresty-diff-${name}-`));
    await Promise.all([mkdir(path.join(prefix, "conf")), mkdir(path.join(prefix, "logs")), mkdir(path.join(prefix, "html"))]);
    let lastOutput = "";
    for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
      const port = await randomFreePort();
      const conf = render(port, prefix);
      await writeFile(path.join(prefix, "conf/nginx.conf"), Buffer.from(conf, "latin1"));
      await rm(path.join(prefix, "logs/nginx.pid"), { force: true });
      const outcome = await ServerProcess.start(engineCommand(name), {
        servroot: prefix,
        pidFile: path.join(prefix, "logs/nginx.pid"),
        timeoutMs: START_TIMEOUT_MS,
        detached: false,
      });
      if (outcome.kind === "running") return new RunningEngine(name, port, prefix, conf, outcome.server);
      if (outcome.kind === "address-in-use") {
        lastOutput = outcome.output;
        continue;
      }
      const why = outcome.kind === "exited" ? `exited (code ${outcome.code}, signal ${outcome.signal})` : "did not write its pid file in time";
      await rm(prefix, { recursive: true, force: true });
      throw new EngineStartError(name, `${name} ${why}:\n${outcome.output}\n--- conf ---\n${conf}`);
    }
    await rm(prefix, { recursive: true, force: true });
    throw new EngineStartError(name, `${name}: no free port after ${PORT_ATTEMPTS} attempts:\n${lastOutput}`);
  }

  get alive(): boolean {
    return this.server.alive;
  }

  /** What the process printed on stdout/stderr (crash traces end up here). */
  get output(): string {
    return this.server.output;
  }

  async errorLog(): Promise<string> {
    return readFile(path.join(this.prefix, "logs/error.log"), "latin1").catch(() => "");
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await rm(this.prefix, { recursive: true, force: true });
  }
}

export class EngineStartError extends Error {
  constructor(
    readonly engine: EngineName,
    message: string,
  ) {
    super(message);
    this.name = "EngineStartError";
  }
}

/** The frame every differential conf shares: foreground, one process, logs under the prefix. */
export function confFrame(prefix: string, httpBody: string, logLevel = "warn"): string {
  return (
    `daemon off;\nmaster_process off;\nworker_processes 1;\n` +
    `error_log ${prefix}/logs/error.log ${logLevel};\npid ${prefix}/logs/nginx.pid;\n` +
    `events {\n    worker_connections 256;\n}\n` +
    `http {\n    access_log off;\n    server_tokens off;\n    default_type text/plain;\n` +
    httpBody +
    `}\n`
  );
}

/**
 * describeWithNginx prints one line when nginx is missing; a skipped differential test hides a
 * lot of coverage, so say it loudly. (With TSRESTY_REQUIRE_PEERS=1 it fails instead.)
 */
export function warnIfNginxMissing(what: string): void {
  if (nginxBinary !== undefined || process.env.TSRESTY_REQUIRE_PEERS === "1") return;
  const bar = "*".repeat(74);
  console.warn(`\n${bar}\n*** SKIP: nginx is not installed: ${what}\n***       (apt-get install nginx; TSRESTY_REQUIRE_PEERS=1 makes this a failure)\n${bar}\n`);
}
