// The client and the mock backends against each other, on 127.0.0.1.

import dgram from "node:dgram";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { exchange } from "../../src/testing/tcp-client.js";
import { freePort } from "../../src/testing/free-port.js";
import { TcpMockBackend } from "../../src/testing/mock-tcp-backend.js";
import { UdpMockBackend } from "../../src/testing/mock-udp-backend.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function tcpMock(spec: Partial<Parameters<typeof TcpMockBackend.start>[0]> & { port: number }): Promise<TcpMockBackend> {
  const mock = await TcpMockBackend.start({
    listen: { port: spec.port },
    queryLength: undefined,
    expectedQuery: undefined,
    replies: [],
    replyDelayMs: 0,
    noClose: false,
    shutdown: undefined,
    ...spec,
  });
  cleanups.push(() => mock.close());
  return mock;
}

const send = (port: number, packets: string[], over: Partial<Parameters<typeof exchange>[0]> = {}) =>
  exchange({ host: "127.0.0.1", port, packets: packets.map((p) => Buffer.from(p)), packetDelayMs: 0, timeoutMs: 1000, shutdown: false, ...over });

describe("tcp client with the tcp mock", () => {
  it("waits for tcp_query_len bytes across packets, then replies in several writes and closes", async () => {
    const port = await freePort();
    const mock = await tcpMock({ port, queryLength: 6, replies: [Buffer.from("one "), Buffer.from("two")] });
    const result = await send(port, ["abc", "def"], { packetDelayMs: 5 });
    expect(result).toMatchObject({ closedByServer: true, timedOut: false, error: undefined });
    expect(result.data.toString()).toBe("one two");
    expect(mock.received.map(String)).toEqual(["abcdef"]);
  });

  it("replies early when the query diverges from the expected one", async () => {
    const port = await freePort();
    const mock = await tcpMock({ port, queryLength: 100, expectedQuery: Buffer.from("expected"), replies: [Buffer.from("r")] });
    const result = await send(port, ["other"]);
    expect(result.data.toString()).toBe("r");
    expect(mock.received.map(String)).toEqual(["other"]);
  });

  it("times out on inactivity when the server keeps the connection open", async () => {
    const port = await freePort();
    await tcpMock({ port, replies: [Buffer.from("partial")], noClose: true });
    const result = await send(port, ["x"], { timeoutMs: 100 });
    expect(result).toMatchObject({ timedOut: true, closedByServer: false });
    expect(result.data.toString()).toBe("partial");
  });

  it("ends early once isComplete says so", async () => {
    const port = await freePort();
    await tcpMock({ port, replies: [Buffer.from("done")], noClose: true });
    const result = await send(port, ["x"], { timeoutMs: 5000, isComplete: (d) => d.toString() === "done" });
    expect(result).toMatchObject({ timedOut: false, closedByServer: false });
    expect(result.elapsedMs).toBeLessThan(2000);
  });

  it("half-closes with shutdown so a server reading to EOF can answer", async () => {
    const port = await freePort();
    const server = net.createServer({ allowHalfOpen: true }, (socket) => {
      let got = "";
      socket.on("data", (d) => (got += d));
      socket.on("end", () => socket.end(`echo:${got}`));
    });
    await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
    cleanups.push(() => new Promise((r) => server.close(() => r())));
    expect((await send(port, ["ping"], { shutdown: true })).data.toString()).toBe("echo:ping");
    expect(await send(port, ["ping"], { timeoutMs: 100 })).toMatchObject({ timedOut: true });
  });

  it("reports a refused connection", async () => {
    const port = await freePort();
    expect(await send(port, ["x"])).toMatchObject({ error: "ECONNREFUSED", closedByServer: false });
  });

  it("retries a refused connect within the retry window", async () => {
    const port = await freePort();
    const pending = send(port, ["x"], { retryRefusedUntil: performance.now() + 2000 });
    // The backend comes up a moment after the first attempt was refused.
    setTimeout(() => void tcpMock({ port, replies: [Buffer.from("late but there")] }), 30);
    expect((await pending).data.toString()).toBe("late but there");
  });

  it("listens on a unix socket", async () => {
    const path = `/tmp/tsresty-mock-${process.pid}.sock`;
    const mock = await TcpMockBackend.start({ listen: { path }, queryLength: undefined, expectedQuery: undefined, replies: [Buffer.from("unix")], replyDelayMs: 0, noClose: false, shutdown: undefined });
    cleanups.push(() => mock.close());
    const data = await new Promise<string>((resolve) => {
      const s = net.connect(path, () => s.write("q"));
      let out = "";
      s.on("data", (d) => (out += d));
      s.on("end", () => resolve(out));
    });
    expect(data).toBe("unix");
  });
});

describe("udp mock", () => {
  it("records datagrams and answers after the delay", async () => {
    const port = await freePort();
    const mock = await UdpMockBackend.start({ port, reply: Buffer.from("pong"), replyDelayMs: 10 });
    cleanups.push(() => mock.close());
    const client = dgram.createSocket("udp4");
    cleanups.push(() => new Promise((r) => client.close(() => r())));
    const reply = new Promise<string>((resolve) => client.on("message", (m) => resolve(m.toString())));
    client.send("ping", port, "127.0.0.1");
    expect(await reply).toBe("pong");
    expect(mock.received.map(String)).toEqual(["ping"]);
  });
});
