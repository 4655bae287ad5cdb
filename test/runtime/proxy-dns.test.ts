import { createSocket, type Socket } from "node:dgram";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { resolveName, resolverConf, type ResolverConf } from "../../src/runtime/proxy/dns-resolver.js";

/** A name server on 127.0.0.1 that answers by the queried name. */
class MockNameServer {
  readonly socket: Socket = createSocket("udp4");
  port = 0;

  constructor(private readonly answer: (name: string, type: number, query: Buffer) => Buffer | null) {
    this.socket.on("message", (msg, from) => {
      let p = 12;
      const labels: string[] = [];
      while (msg[p]! !== 0) {
        labels.push(msg.toString("latin1", p + 1, p + 1 + msg[p]!));
        p += 1 + msg[p]!;
      }
      const type = msg.readUInt16BE(p + 1);
      const reply = this.answer(labels.join("."), type, msg.subarray(0, p + 5));
      if (reply !== null) this.socket.send(reply, from.port, from.address);
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.socket.bind(0, "127.0.0.1", resolve));
    this.port = this.socket.address().port;
  }
}

/** A response to `question` (header + question section) with these A/AAAA records and rcode. */
function reply(question: Buffer, rcode: number, records: { type: number; data: number[] }[]): Buffer {
  const head = Buffer.from(question);
  head.writeUInt16BE(0x8180 | rcode, 2);
  head.writeUInt16BE(records.length, 6);
  const answers = records.map((r) => Buffer.from([0xc0, 12, r.type >> 8, r.type & 255, 0, 1, 0, 0, 0, 60, 0, r.data.length, ...r.data]));
  return Buffer.concat([head, ...answers]);
}

describe("resolveName", () => {
  const server = new MockNameServer((name, type, q) => {
    if (name === "garbage.test") return Buffer.from([0, 1]);
    if (name === "silent.test") return null;
    if (name === "missing.test") return reply(q, 3, []);
    if (name === "two.test" && type === 1) return reply(q, 0, [{ type: 1, data: [127, 0, 0, 2] }, { type: 1, data: [127, 0, 0, 3] }]);
    if (name === "two.test" && type === 28) return reply(q, 0, [{ type: 28, data: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] }]);
    return reply(q, 0, []);
  });
  let conf: ResolverConf;

  beforeAll(async () => {
    await server.start();
    conf = resolverConf({ args: [`127.0.0.1:${server.port}`, "valid=1s"] });
  });
  afterAll(() => server.socket.close());

  test("A and AAAA answers, IPv4 first", async () => {
    expect(await resolveName(conf, "two.test", 1000, () => {})).toEqual({ addresses: ["127.0.0.2", "127.0.0.3", "::1"] });
  });

  test("ipv6=off asks for A only", async () => {
    const v4 = resolverConf({ args: [`127.0.0.1:${server.port}`, "ipv6=off"] });
    expect(await resolveName(v4, "two.test", 1000, () => {})).toEqual({ addresses: ["127.0.0.2", "127.0.0.3"] });
  });

  test("NXDOMAIN is nginx's Host not found", async () => {
    expect(await resolveName(conf, "missing.test", 1000, () => {})).toEqual({ error: "3: Host not found" });
  });

  test("garbage answers are reported and end in a time-out", async () => {
    const complaints: string[] = [];
    expect(await resolveName(conf, "garbage.test", 200, (m) => complaints.push(m))).toEqual({ error: "110: Operation timed out" });
    expect(complaints).toEqual(["short DNS response", "short DNS response"]);
  });

  test("silence times out", async () => {
    expect(await resolveName(conf, "silent.test", 100, () => {})).toEqual({ error: "110: Operation timed out" });
  });

  test("the resolver's words", () => {
    expect(resolverConf({ args: ["127.0.0.1", "[::1]:5353", "valid=30s", "ipv6=off"] })).toEqual({
      servers: [
        { host: "127.0.0.1", port: 53 },
        { host: "::1", port: 5353 },
      ],
      validMs: 30_000,
      ipv6: false,
    });
  });
});
