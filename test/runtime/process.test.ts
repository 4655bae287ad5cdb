/**
 * Running the server as a process: `tsresty -p <prefix> -c conf/nginx.conf` in the foreground
 * binds every listen, creates its logs, writes the pid file once it listens and removes it on
 * exit, prints nothing on stdout, and stops on signals — TERM/INT at once (in-flight responses
 * are cut), QUIT gracefully (in-flight responses finish, idle keep-alive connections close,
 * buffered access-log lines are written). Each behaviour nginx shares is checked on real nginx
 * too, with the same conf and the same expectations.
 */
import { execFile } from "node:child_process";
import { hostname } from "node:os";
import net from "node:net";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { BIN, ROOT, ensureBuilt } from "../cli/cli-harness.js";
import { bodyText, get, idleKeepAlive, StalledReader, type Target } from "./raw-client.js";
import { confHead, ENGINES, ServerUnderTest, type ConfInput, type Engine } from "./server-fixture.js";

/** Large enough that the kernel buffers of a stalled client cannot hold it. */
const BIG = 24 * 1024 * 1024;
const BIG_FILE = Buffer.alloc(BIG, "x");

/** `extraHttp` goes into http{}, `bigLocation` into the `location = /big.bin` block. */
function conf(extraHttp = "", master = false, bigLocation = "") {
  return ({ ports: [p0, p1], prefix }: ConfInput): string => (
    confHead(prefix, "info", master) +
    `http {\n    default_type text/plain;\n` +
    `    log_format plain '$request_uri $status $body_bytes_sent';\n` +
    `    access_log ${prefix}/logs/access.log plain;\n` +
    extraHttp +
    `    server {\n        listen 127.0.0.1:${p0};\n        listen 127.0.0.1:${p1};\n        listen unix:${prefix}/logs/x.sock;\n` +
    `        server_name localhost;\n        root ${prefix}/html;\n` +
    `        location = /big.bin {\n${bigLocation}        }\n` +
    `        location = /own-log {\n            error_log ${prefix}/logs/location-error.log;\n        }\n` +
    `        location = /t {\n            return 200 "pid=$pid hostname=$hostname\\n";\n        }\n` +
    `        location = /buffered {\n            access_log ${prefix}/logs/buffered.log plain buffer=32k flush=1h;\n            return 200 "ok\\n";\n        }\n` +
    `    }\n}\n`
  );
}

// Building can take a while when sources changed; not inside a test's own time limit.
beforeAll(() => ensureBuilt(), 120_000);

let running: ServerUnderTest[] = [];

/**
 * `graceful`: nginx needs its master process to stop gracefully; tsresty serves in one process
 * and stops gracefully by itself.
 */
async function start(engine: Engine, extraHttp = "", graceful = false, bigLocation = ""): Promise<ServerUnderTest> {
  const master = graceful && engine === "nginx";
  const s = await ServerUnderTest.start({ engine, ports: 2, conf: conf(extraHttp, master, bigLocation), files: { "html/big.bin": BIG_FILE } });
  running.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(running.map((s) => s.dispose()));
  running = [];
});

const targets = (s: ServerUnderTest): Target[] => [{ port: s.ports[0]! }, { port: s.ports[1]! }, { path: s.file("logs/x.sock") }];

/**
 * A download of the big file by a client that does not read: once the kernel buffers are full
 * the server is blocked writing it, with most of the file still to send.
 */
async function stalledDownload(s: ServerUnderTest): Promise<StalledReader> {
  const reader = new StalledReader({ port: s.ports[0]! }, "GET /big.bin HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  await reader.connected;
  await new Promise((r) => setTimeout(r, 300));
  return reader;
}

describe.each(ENGINES)("%s: start-up", (engine) => {
  test("every listen answers as soon as the pid file exists; the pid file holds the pid", async () => {
    const s = await start(engine);
    // No retry: the pid file is written only after the sockets listen.
    for (const t of targets(s)) expect((await get(t, "/t")).status).toBe(200);
    expect(await s.read("logs/nginx.pid")).toBe(`${s.pid}\n`);
  });

  test("the error logs exist from the start, a location's too", async () => {
    const s = await start(engine);
    expect(await s.exists("logs/error.log")).toBe(true);
    expect(await s.exists("logs/location-error.log")).toBe(true);
  });

  test("$pid is the server's pid, $hostname the machine's name", async () => {
    const s = await start(engine);
    expect(bodyText(await get({ port: s.ports[0]! }, "/t"))).toBe(`pid=${s.pid} hostname=${hostname()}\n`);
  });

  test("several error_log targets each get the levels they admit", async () => {
    const s = await ServerUnderTest.start({
      engine,
      ports: 2,
      conf: ({ ports, prefix }) =>
        conf()({ ports, prefix }).replace(
          `error_log ${prefix}/logs/error.log info;`,
          `error_log ${prefix}/logs/error.log info;\nerror_log ${prefix}/logs/errors-only.log error;`,
        ),
    });
    running.push(s);
    expect((await get({ port: s.ports[0]! }, "/missing.html")).status).toBe(404);
    const { exchange } = await import("./raw-client.js");
    await exchange({ port: s.ports[0]! }, "get / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    s.signal("SIGQUIT");
    await s.exitWithin(5000);
    const all = await s.read("logs/error.log");
    const errors = await s.read("logs/errors-only.log");
    expect(all).toMatch(/\[error\] .*open\(\) ".*missing\.html" failed/);
    expect(all).toMatch(/\[info\] .*client sent invalid method/);
    expect(errors).toMatch(/\[error\] .*open\(\) ".*missing\.html" failed/);
    expect(errors).not.toMatch(/\[(info|notice)\]/);
  });

  test("a taken port: bind() failed (98: Address already in use), exit code 1", async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, "127.0.0.1", () => resolve((blocker.address() as net.AddressInfo).port)));
    try {
      const s = await ServerUnderTest.start({
        engine,
        waitReady: false,
        conf: ({ prefix }) => confHead(prefix) + `http {\n    server {\n        listen 127.0.0.1:${port};\n    }\n}\n`,
      });
      running.push(s);
      const exit = await s.exitWithin(10_000);
      expect(exit?.code).toBe(1);
      expect(s.stderr).toContain(`${engine}: [emerg] bind() to 127.0.0.1:${port} failed (98: Address already in use)`);
      expect(s.stdout).toBe("");
      expect(await s.exists("logs/nginx.pid")).toBe(false);
    } finally {
      blocker.close();
    }
  });
});

describe.each(ENGINES)("%s: stopping", (engine) => {
  test("SIGQUIT: an in-flight response finishes, idle keep-alive connections close, then exit 0", async () => {
    const s = await start(engine, "", true);
    const idle = await idleKeepAlive({ port: s.ports[1]! });
    const reader = await stalledDownload(s);
    s.signal("SIGQUIT");
    // The idle connection goes at once; the download and the process stay.
    await idle.closed;
    expect(await s.exitWithin(500)).toBeNull();
    reader.drain();
    const end = await reader.ended;
    expect(end.received).toBeGreaterThan(BIG);
    const exit = await s.exitWithin(5000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(await s.exists("logs/nginx.pid")).toBe(false);
    expect(await s.exists("logs/x.sock")).toBe(false);
    expect(await s.read("logs/access.log")).toContain(`/big.bin 200 ${BIG}\n`);
  });

  test("SIGQUIT writes the buffered access-log lines", async () => {
    const s = await start(engine, "", true);
    expect((await get({ port: s.ports[0]! }, "/buffered?n=1")).status).toBe(200);
    expect((await get({ port: s.ports[0]! }, "/t")).status).toBe(200);
    // /t's line is written; /buffered's waits in its buffer (flush=1h).
    await new Promise((r) => setTimeout(r, 200));
    expect(await s.read("logs/access.log")).toContain("/t 200");
    expect(await s.read("logs/buffered.log")).toBe("");
    s.signal("SIGQUIT");
    expect(await s.exitWithin(5000)).toEqual({ code: 0, signal: null });
    expect(await s.read("logs/buffered.log")).toBe("/buffered?n=1 200 3\n");
  });

  test.each(["SIGTERM", "SIGINT"] as const)("%s: stops at once, cutting an in-flight response", async (sig) => {
    const s = await start(engine);
    const reader = await stalledDownload(s);
    const t0 = Date.now();
    s.signal(sig);
    const exit = await s.exitWithin(3000);
    expect(exit).not.toBeNull();
    expect(Date.now() - t0).toBeLessThan(1500);
    reader.drain();
    const end = await reader.ended;
    expect(end.received).toBeLessThan(BIG);
    expect(await s.exists("logs/nginx.pid")).toBe(false);
  });

  test("nothing is ever printed on stdout", async () => {
    const s = await start(engine);
    await get({ port: s.ports[0]! }, "/t");
    await get({ port: s.ports[0]! }, "/missing");
    s.signal("SIGQUIT");
    await s.exitWithin(5000);
    expect(s.stdout).toBe("");
  });
});

describe.each(ENGINES)("%s: send_timeout", (engine) => {
  /** The stalled download under `send_timeout 1s`, left alone until the server gives up. */
  async function timedOut(where: "http" | "location" = "http"): Promise<{ s: ServerUnderTest; received: number; ms: number }> {
    const setting = "    send_timeout 1s;\n";
    const s = where === "http" ? await start(engine, setting) : await start(engine, "", false, setting);
    const reader = await stalledDownload(s);
    const t0 = Date.now();
    // Reading nothing more: the server closes the connection; the rest of the file never comes.
    await new Promise((r) => setTimeout(r, 2500));
    reader.drain();
    const end = await reader.ended;
    return { s, received: end.received, ms: Date.now() - t0 };
  }

  test("a client that stops reading is dropped after send_timeout, and access-logged", async () => {
    const { s, received, ms } = await timedOut();
    expect(ms).toBeLessThan(5000);
    expect(received).toBeLessThan(BIG);
    s.signal("SIGQUIT");
    await s.exitWithin(5000);
    expect(await s.read("logs/access.log")).toMatch(/^\/big\.bin 200 \d+$/m);
  });

  test("send_timeout set in the location applies", async () => {
    const { received, ms } = await timedOut("location");
    expect(ms).toBeLessThan(5000);
    expect(received).toBeLessThan(BIG);
  });

  test("the send timeout is logged at info", async () => {
    const { s } = await timedOut();
    s.signal("SIGQUIT");
    await s.exitWithin(5000);
    expect(await s.read("logs/error.log")).toMatch(
      /\[info\] \d+#\d+: \*\d+ client timed out \(110: Connection timed out\) while sending response to client, client: 127\.0\.0\.1, server: localhost, request: "GET \/big\.bin HTTP\/1\.1", host: "localhost"\n/,
    );
  });
});

describe("tsresty -V", () => {
  test("prints the version and a configure line naming the modules it leaves out", async () => {
    ensureBuilt();
    const out = await new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve) => {
      execFile(process.execPath, [BIN, "-V"], { cwd: ROOT }, (err, stdout, stderr) =>
        resolve({ stdout, stderr, code: err === null ? 0 : ((err as { code?: number }).code ?? -1) }),
      );
    });
    expect(out.code).toBe(0);
    const text = out.stdout + out.stderr;
    expect(text).toMatch(/^tsresty version: tsresty\/\d+\.\d+\.\d+/m);
    expect(text).toMatch(/^configure arguments: .*--without-http_gzip_module/m);
  });
});
