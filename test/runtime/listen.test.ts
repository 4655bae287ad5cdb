/**
 * Listening: several `listen` lines on one server, `default_server` per address, another
 * loopback address on the same port, and unix sockets — served by tsresty and by real nginx
 * with the same conf, the same expectations for both (the `.t` client speaks TCP to one port
 * only, so these live here).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bodyText, get, type Target } from "./raw-client.js";
import { ensureBuilt } from "../cli/cli-harness.js";
import { confHead, ENGINES, ServerUnderTest, type ConfInput } from "./server-fixture.js";

const SHOW = `$server_name host=$host addr=$server_addr port=[$server_port] remote=$remote_addr rport=[$remote_port]`;

function conf({ ports: [p0, p1], prefix }: ConfInput): string {
  const sock = `${prefix}/logs/x.sock`;
  return (
    confHead(prefix) +
    `http {\n    access_log off;\n    default_type text/plain;\n` +
    `    server {\n        listen 127.0.0.1:${p0};\n        listen 127.0.0.1:${p1};\n        listen unix:${sock};\n` +
    `        server_name a.test;\n        return 200 "A ${SHOW}\\n";\n    }\n` +
    `    server {\n        listen 127.0.0.1:${p1} default_server;\n        listen unix:${sock} default_server;\n` +
    `        server_name b.test;\n        return 200 "B ${SHOW}\\n";\n    }\n` +
    `    server {\n        listen 127.0.0.2:${p0};\n        server_name c.test;\n        return 200 "C ${SHOW}\\n";\n    }\n` +
    `}\n`
  );
}

beforeAll(() => ensureBuilt(), 120_000);

describe.each(ENGINES)("%s: listen", (engine) => {
  let server: ServerUnderTest;
  let p0: number;
  let p1: number;
  let sock: Target;

  beforeAll(async () => {
    server = await ServerUnderTest.start({ engine, ports: 2, conf });
    [p0, p1] = server.ports as [number, number];
    sock = { path: server.file("logs/x.sock") };
  });
  afterAll(async () => server?.dispose());

  const answer = async (target: () => Target, host?: string): Promise<string> => {
    const r = await get(target(), "/", host === undefined ? {} : { Host: host });
    expect(r.status).toBe(200);
    return bodyText(r).replace(/rport=\[\d+\]/, "rport=[N]");
  };

  test("the first server is the default of an address where nobody says default_server", async () => {
    expect(await answer(() => ({ port: p0 }), "nowhere.test")).toBe(`A a.test host=nowhere.test addr=127.0.0.1 port=[${p0}] remote=127.0.0.1 rport=[N]\n`);
  });

  test("default_server wins over the first server on its address", async () => {
    expect(await answer(() => ({ port: p1 }), "nowhere.test")).toBe(`B b.test host=nowhere.test addr=127.0.0.1 port=[${p1}] remote=127.0.0.1 rport=[N]\n`);
  });

  test("Host picks among the servers of the address", async () => {
    expect(await answer(() => ({ port: p1 }), "a.test")).toBe(`A a.test host=a.test addr=127.0.0.1 port=[${p1}] remote=127.0.0.1 rport=[N]\n`);
  });

  test("a server only answers on the addresses it listens on", async () => {
    expect(await answer(() => ({ port: p0 }), "b.test")).toBe(`A a.test host=b.test addr=127.0.0.1 port=[${p0}] remote=127.0.0.1 rport=[N]\n`);
  });

  test("another loopback address on the same port is a socket of its own", async () => {
    expect(await answer(() => ({ port: p0, host: "127.0.0.2" }), "a.test")).toBe(`C c.test host=a.test addr=127.0.0.2 port=[${p0}] remote=127.0.0.1 rport=[N]\n`);
  });

  test("a unix socket: its default server, no ports; $server_addr is the socket's path", async () => {
    const path = server.file("logs/x.sock");
    expect(await answer(() => sock, "nowhere.test")).toBe(`B b.test host=nowhere.test addr=unix:${path} port=[] remote=unix: rport=[]\n`);
    expect(await answer(() => sock, "a.test")).toBe(`A a.test host=a.test addr=unix:${path} port=[] remote=unix: rport=[]\n`);
  });

  test("without Host (HTTP/1.0) $host is the chosen server's name", async () => {
    const { exchange } = await import("./raw-client.js");
    const ex = await exchange({ port: p1 }, "GET / HTTP/1.0\r\n\r\n");
    expect(ex.data.toString("latin1")).toMatch(/\r\n\r\nB b\.test host=b\.test addr=127\.0\.0\.1 /);
  });
});
