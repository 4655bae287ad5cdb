// The upstream keepalive cache and large-body relaying, checked against a real upstream server
// (which the one-reply mock of the .t runner cannot play) on tsresty and, when installed, on
// nginx: both must reuse connections the same way.
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { confFrame, nginxBinary, RunningEngine, type EngineName } from "../differential/engine-process.js";

/** An HTTP/1.1 upstream answering every request on a connection with its connection number. */
class CountingUpstream {
  connections = 0;
  readonly server: net.Server;
  port = 0;

  constructor() {
    this.server = net.createServer((socket) => {
      const id = ++this.connections;
      let buffered = "";
      socket.on("error", () => {});
      socket.on("data", (d) => {
        buffered += d.toString("latin1");
        for (let end = buffered.indexOf("\r\n\r\n"); end !== -1; end = buffered.indexOf("\r\n\r\n")) {
          const head = buffered.slice(0, end);
          buffered = buffered.slice(end + 4);
          const path = head.split(" ")[1] ?? "/";
          this.answer(socket, path, id);
        }
      });
    });
  }

  private answer(socket: net.Socket, path: string, id: number): void {
    if (path.startsWith("/big")) {
      // 2 MiB in 64 KiB writes, chunked: more than any socket buffer holds.
      socket.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
      const piece = Buffer.alloc(65536, 0x61);
      for (let i = 0; i < 32; i++) socket.write(`${piece.length.toString(16)}\r\n${piece.toString("latin1")}\r\n`);
      socket.write("0\r\n\r\n");
      return;
    }
    const body = `conn ${id}\n`;
    if (path.startsWith("/close")) {
      socket.end(`HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      return;
    }
    socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    if (path.startsWith("/idle-close")) setTimeout(() => socket.end(), 50);
  }

  async start(): Promise<void> {
    for (;;) {
      const port = 20000 + Math.floor(Math.random() * 40001);
      const ok = await new Promise<boolean>((resolve) => {
        this.server.once("error", () => resolve(false));
        this.server.listen(port, "127.0.0.1", () => resolve(true));
      });
      if (ok) {
        this.port = port;
        return;
      }
    }
  }
}

function get(port: number, path: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (d: Buffer) => parts.push(d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts) }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

const engines: EngineName[] = nginxBinary !== undefined ? ["tsresty", "nginx"] : ["tsresty"];

describe.each(engines)("upstream keepalive on %s", (name) => {
  const upstream = new CountingUpstream();
  let engine: RunningEngine;

  beforeAll(async () => {
    await upstream.start();
    engine = await RunningEngine.start(name, (port, prefix) =>
      confFrame(
        prefix,
        `    upstream cached {\n        server 127.0.0.1:${upstream.port};\n        keepalive 2;\n    }\n` +
          `    server {\n        listen 127.0.0.1:${port};\n` +
          `        location / {\n            proxy_pass http://cached;\n            proxy_http_version 1.1;\n            proxy_set_header Connection "";\n        }\n` +
          `        location /plain/ {\n            proxy_pass http://127.0.0.1:${upstream.port}/;\n        }\n` +
          `    }\n`,
      ),
    );
  });

  afterAll(async () => {
    await engine?.stop();
    upstream.server.close();
  });

  test("requests in a row share one upstream connection", async () => {
    const before = upstream.connections;
    const bodies: string[] = [];
    for (let i = 0; i < 4; i++) bodies.push((await get(engine.port, "/a")).body.toString());
    expect(new Set(bodies).size).toBe(1);
    expect(upstream.connections - before).toBe(1);
  });

  test("Connection: close from the upstream is not kept", async () => {
    const first = (await get(engine.port, "/close")).body.toString();
    const second = (await get(engine.port, "/a")).body.toString();
    expect(second).not.toBe(first);
  });

  test("a kept connection the upstream closed while idle is replaced quietly", async () => {
    const before = upstream.connections;
    expect((await get(engine.port, "/idle-close")).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect((await get(engine.port, "/a")).status).toBe(200);
    expect(upstream.connections - before).toBeGreaterThanOrEqual(1);
    expect(await engine.errorLog()).not.toContain("[error]");
  });

  test("without an upstream block nothing is kept", async () => {
    const a = (await get(engine.port, "/plain/x")).body.toString();
    const b = (await get(engine.port, "/plain/x")).body.toString();
    expect(a).not.toBe(b);
  });

  test("a body larger than any buffer arrives whole", async () => {
    const res = await get(engine.port, "/big");
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(32 * 65536);
    expect(res.body.every((b) => b === 0x61)).toBe(true);
  });
});
