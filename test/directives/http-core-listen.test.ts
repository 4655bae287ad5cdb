import { describe, expect, test } from "vitest";
import { getListenTable, serversOf, type ListenSpec } from "../../src/directives/modules/http-core.js";
import { formatIPv6 } from "../../src/directives/modules/http-core/ipv6-text.js";
import { parseIPv6 } from "../../src/directives/modules/inet-address.js";
import { loadHttp } from "./http-core-fixture.js";

function addressOf(s: ListenSpec): string {
  return `${s.family} ${s.addrText} wildcard=${s.wildcard}`;
}

describe("listen: the ListenSpec of each form", () => {
  test("address forms are parsed and named as nginx names them", () => {
    const { http } = loadHttp(`server {
    listen 18180;
    listen 127.0.0.1:18181;
    listen 127.0.0.2;
    listen *:18182;
    listen [::1]:18180;
    listen [::]:18183;
    listen [0:0::ffff:7f00:1]:18184;
    listen unix:/tmp/tsr-test.sock;
    listen 127.0.0.1:18190-18191;
    listen localhost:18195;
}`);
    const [server] = serversOf(http);
    expect(server!.listens.map(addressOf)).toEqual([
      "inet 0.0.0.0:18180 wildcard=true",
      "inet 127.0.0.1:18181 wildcard=false",
      "inet 127.0.0.2:80 wildcard=false",
      "inet 0.0.0.0:18182 wildcard=true",
      "inet6 [::1]:18180 wildcard=false",
      "inet6 [::]:18183 wildcard=true",
      "inet6 [::ffff:127.0.0.1]:18184 wildcard=false",
      "unix unix:/tmp/tsr-test.sock wildcard=false",
      "inet 127.0.0.1:18190 wildcard=false",
      "inet 127.0.0.1:18191 wildcard=false",
      "inet 127.0.0.1:18195 wildcard=false",
    ]);
    const unix = server!.listens[7]!;
    expect(unix.address).toBe("/tmp/tsr-test.sock");
    expect(unix.port).toBe(0);
    expect(server!.listens[4]!.address).toBe("::1");
  });

  test("options are typed; only socket options count as set", () => {
    const { http } = loadHttp(`server {
    listen 127.0.0.1:18180 default_server ssl http2 proxy_protocol;
    listen 127.0.0.1:18181 backlog=64 rcvbuf=64k sndbuf=8k reuseport deferred fastopen=16;
    listen [::]:18182 ipv6only=off so_keepalive=30m:10s:3;
    listen 127.0.0.1:18183 so_keepalive=off bind;
    ssl_certificate cert.pem;
}`);
    const [a, b, c, d] = serversOf(http)[0]!.listens;
    expect(a).toMatchObject({
      defaultServer: true,
      ssl: true,
      http2: true,
      proxyProtocol: true,
      optionsSet: false,
      bind: false,
      backlog: 511,
      rcvbuf: null,
      ipv6only: true,
    });
    expect(b).toMatchObject({
      optionsSet: true,
      bind: true,
      backlog: 64,
      rcvbuf: 65536,
      sndbuf: 8192,
      reuseport: true,
      deferred: true,
      fastopen: 16,
    });
    expect(c).toMatchObject({ ipv6only: false, soKeepalive: { on: true, idle: 1800, interval: 10, count: 3 } });
    expect(d).toMatchObject({ soKeepalive: { on: false, idle: 0, interval: 0, count: 0 }, bind: true });
  });

  test("a server without listen gets *:80 as root, *:8000 otherwise", () => {
    const { http } = loadHttp("server { }");
    const port = process.getuid?.() === 0 ? 80 : 8000;
    const [spec] = serversOf(http)[0]!.listens;
    expect(spec).toMatchObject({ family: "inet", address: "0.0.0.0", port, wildcard: true, directive: null });
  });
});

describe("listen: the http listen table", () => {
  test("servers share an address; the default_server is marked; options come from the listen that set them", () => {
    const { http } = loadHttp(`ssl_certificate cert.pem;
server { listen 127.0.0.1:18180; server_name a; }
server { listen 127.0.0.1:18180 backlog=10 default_server; server_name b; }
server { listen 127.0.0.1:18180 ssl; server_name c; }`);
    const [a, b, c] = serversOf(http);
    const table = getListenTable(http);
    expect(table.ports).toHaveLength(1);
    const [addr] = table.ports[0]!.addresses;
    expect(addr!.servers).toEqual([a, b, c]);
    expect(addr!.defaultServer).toBe(b);
    expect(addr!.spec.backlog).toBe(10);
    expect(addr!.spec.defaultServer).toBe(true);
    // ssl, http2 and proxy_protocol of any listen apply to the address.
    expect(addr!.spec.ssl).toBe(true);
    expect(addr!.spec.directive?.line).toBe(5);
  });

  test("a port's addresses are ordered explicit binds first, the wildcard last; only these get sockets", () => {
    const { http } = loadHttp(`server { listen 18180; listen 127.0.0.1:18180; listen 127.0.0.2:18180 bind; }
server { listen 127.0.0.3:18181; listen 127.0.0.4:18181; }`);
    const [p0, p1] = getListenTable(http).ports;
    expect(p0!.addresses.map((a) => [a.spec.addrText, a.bound])).toEqual([
      ["127.0.0.2:18180", true],
      ["127.0.0.1:18180", false],
      ["0.0.0.0:18180", true],
    ]);
    expect(p1!.addresses.map((a) => [a.spec.addrText, a.bound])).toEqual([
      ["127.0.0.3:18181", true],
      ["127.0.0.4:18181", true],
    ]);
  });
});

describe("IPv6 text as nginx prints it", () => {
  test.each([
    ["::1", "::1"],
    ["::", "::"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
    ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
    ["1::", "1::"],
    ["::ffff:1.2.3.4", "::ffff:1.2.3.4"],
    ["::1.2.3.4", "::1.2.3.4"],
    ["fe80::1:0:0:0", "fe80::1:0:0:0"],
    ["1:0:1:0:1:0:1:0", "1:0:1:0:1:0:1:0"],
  ])("%s → %s", (text, printed) => {
    expect(formatIPv6(parseIPv6(text)!)).toBe(printed);
  });
});
