import { describe, expect, test } from "vitest";
import {
  PROXY_PASS_SLOT,
  PROXY_REDIRECT_SLOT,
  PROXY_SET_BODY_SLOT,
  PROXY_SET_HEADER_SLOT,
  defaultRedirectRule,
  parseProxyUrl,
  type ProxyHeader,
  type ProxyRedirectSetting,
  type ProxySpec,
} from "../../src/directives/modules/proxy.js";
import { UPSTREAMS_DATA, type UpstreamSpec } from "../../src/directives/modules/upstream.js";
import { at, httpOf, loadOk, rejected } from "./http-modules-fixture.js";

const CONF = `events {}
http {
    proxy_set_header Host $host;
    proxy_set_header X-Real-IP $remote_addr;
    upstream backend {
        least_conn;
        server 127.0.0.1:8081 weight=5 max_fails=3 fail_timeout=30s max_conns=10;
        server localhost backup;
        server unix:/tmp/app.sock down;
        keepalive 16;
        keepalive_timeout 5s;
    }
    upstream lost {
        keepalive 4;
        ip_hash;
        server [::1]:9000;
    }
    server {
        location /app/ {
            proxy_pass http://Backend/v2/;
            proxy_set_header Connection "";
            proxy_redirect default;
            proxy_redirect ~^http://(?<h>[^/]+)/ /$h/;
        }
        location /plain {
            proxy_pass https://127.0.0.1:8443;
            proxy_set_body "x=$arg_x";
        }
        location /var {
            proxy_pass http://$arg_h:8080$request_uri;
        }
        location /unix {
            proxy_pass http://unix:/tmp/app.sock:/base;
            location /unix/nested {
            }
            if ($arg_a) {
            }
        }
        location ~ ^/re {
            proxy_pass http://[::1]:8080;
        }
    }
}
`;

describe("upstream blocks", () => {
  test("servers with their parameters, balancer and keepalive settings", () => {
    const { main } = loadOk(CONF);
    const map = httpOf(main).data.get(UPSTREAMS_DATA) as Map<string, UpstreamSpec>;
    const b = map.get("backend")!;
    expect(b.balancer).toEqual({ kind: "least_conn" });
    expect(b.keepalive).toBe(16);
    expect(b.keepaliveTimeout).toBe(5000);
    expect(b.keepaliveRequests).toBe(1000);
    expect(b.servers[0]).toEqual({
      address: "127.0.0.1:8081",
      family: "inet",
      host: "127.0.0.1",
      port: 8081,
      addresses: ["127.0.0.1"],
      weight: 5,
      maxFails: 3,
      failTimeout: 30,
      maxConns: 10,
      backup: false,
      down: false,
    });
    expect(b.servers[1]).toMatchObject({ host: "localhost", port: 80, backup: true });
    expect(b.servers[1]!.addresses).toContain("127.0.0.1");
    expect(b.servers[2]).toMatchObject({ family: "unix", host: "/tmp/app.sock", port: 0, addresses: ["/tmp/app.sock"], down: true });
  });

  test("a balancing method after keepalive drops the cache, as in nginx", () => {
    const { main, warnings } = loadOk(CONF);
    const lost = (httpOf(main).data.get(UPSTREAMS_DATA) as Map<string, UpstreamSpec>).get("lost")!;
    expect(lost.balancer).toEqual({ kind: "ip_hash" });
    expect(lost.keepalive).toBe(0);
    expect(lost.servers[0]).toMatchObject({ family: "inet6", host: "[::1]", port: 9000, addresses: ["::1"] });
    expect(warnings).toContain("load balancing method redefined");
  });
});

describe("proxy_pass", () => {
  test("a host naming an upstream block links to it (case-insensitive); the URI part is kept", () => {
    const { main } = loadOk(CONF);
    const spec = at(main, 2, 0).settings[PROXY_PASS_SLOT] as ProxySpec;
    const backend = (httpOf(main).data.get(UPSTREAMS_DATA) as Map<string, UpstreamSpec>).get("backend");
    expect(spec.url!.upstream).toBe(backend);
    expect(spec).toMatchObject({
      raw: "http://Backend/v2/",
      variables: null,
      location: "/app/",
      url: { scheme: "http", host: "Backend", port: 80, portGiven: false, uri: "/v2/", hostHeader: "Backend", portText: "80" },
    });
  });

  test("plain addresses, https default port, unix sockets, IPv6", () => {
    const { main } = loadOk(CONF);
    expect((at(main, 2, 1).settings[PROXY_PASS_SLOT] as ProxySpec).url).toMatchObject({
      scheme: "https", host: "127.0.0.1", port: 8443, portGiven: true, uri: "", hostHeader: "127.0.0.1:8443",
      upstream: null, addresses: ["127.0.0.1"],
    });
    expect((at(main, 2, 3).settings[PROXY_PASS_SLOT] as ProxySpec).url).toMatchObject({
      family: "unix", host: "/tmp/app.sock", port: 0, uri: "/base", hostHeader: "localhost", portText: "", addresses: [],
    });
    const re = at(main, 2, 4).settings[PROXY_PASS_SLOT] as ProxySpec;
    expect(re.location).toBe("");
    expect(re.url).toMatchObject({ family: "inet6", host: "[::1]", port: 8080, hostHeader: "[::1]:8080", addresses: ["::1"] });
  });

  test("a URL with variables is compiled for the request time", () => {
    const { main } = loadOk(CONF);
    const spec = at(main, 2, 2).settings[PROXY_PASS_SLOT] as ProxySpec;
    expect(spec.url).toBeNull();
    expect(spec.variables!.parts).toEqual([
      { text: "http://" }, { variable: "arg_h" }, { text: ":8080" }, { variable: "request_uri" },
    ]);
    expect(parseProxyUrl("http://10.0.0.1:81/x?y")).toMatchObject({ url: { host: "10.0.0.1", port: 81, uri: "/x?y" } });
    expect(parseProxyUrl("ftp://x")).toEqual({ err: "invalid URL prefix" });
    expect(parseProxyUrl("http://h:0")).toEqual({ err: 'invalid port in upstream "h:0"' });
  });

  test("not inherited by nested locations, but by if blocks; a trailing-slash location asks for auto-redirect", () => {
    const { main } = loadOk(CONF);
    expect(at(main, 2, 3, 0).settings[PROXY_PASS_SLOT]).toBeUndefined();
    expect(at(main, 2, 3, 1).settings[PROXY_PASS_SLOT]).toBe(at(main, 2, 3).settings[PROXY_PASS_SLOT]);
    expect(at(main, 2, 0).data.get("http_core.auto_redirect")).toBe(true);
    expect(at(main, 2, 1).data.get("http_core.auto_redirect")).toBeUndefined();
  });
});

describe("proxy_set_header, proxy_set_body, proxy_redirect", () => {
  test("header lists are compiled at merge time and inherited whole", () => {
    const { main } = loadOk(CONF);
    const names = (v: unknown) => (v as ProxyHeader[]).map((h) => h.name);
    expect(names(at(main, 2).settings[PROXY_SET_HEADER_SLOT])).toEqual(["Host", "X-Real-IP"]);
    expect(names(at(main, 2, 0).settings[PROXY_SET_HEADER_SLOT])).toEqual(["Connection"]);
    expect(names(at(main, 2, 1).settings[PROXY_SET_HEADER_SLOT])).toEqual(["Host", "X-Real-IP"]);
    const [host] = at(main, 2, 1).settings[PROXY_SET_HEADER_SLOT] as ProxyHeader[];
    expect(host!.value).toEqual({ raw: "$host", parts: [{ variable: "host" }], constant: false });
    expect(at(main, 2, 1).settings[PROXY_SET_BODY_SLOT]).toMatchObject({ raw: "x=$arg_x", constant: false });
  });

  test("a value only http would use, in a conf without servers, is dropped (nginx never compiles it)", () => {
    const { main } = loadOk('events {}\nhttp {\n    proxy_set_header X "${oops";\n}\n');
    expect(at(main).settings[PROXY_SET_HEADER_SLOT]).toBeUndefined();
  });

  test("proxy_redirect default is resolved from the level's proxy_pass", () => {
    const { main } = loadOk(CONF);
    const { off, rules } = at(main, 2, 0).settings[PROXY_REDIRECT_SLOT] as ProxyRedirectSetting;
    expect(off).toBe(false);
    expect(rules[0]).toMatchObject({ kind: "prefix", from: { raw: "http://Backend/v2/" }, to: { raw: "/app/" } });
    expect(rules[1]).toMatchObject({ kind: "regex", to: { raw: "/$h/" } });
    const plain = at(main, 2, 1).settings[PROXY_PASS_SLOT] as ProxySpec;
    expect(defaultRedirectRule(plain)).toMatchObject({ from: { raw: "https://127.0.0.1:8443/" }, to: { raw: "/" } });
    expect(defaultRedirectRule(at(main, 2, 2).settings[PROXY_PASS_SLOT] as ProxySpec)).toBeNull();
  });

  test("merge-time errors are placed at the closing brace of http", () => {
    expect(rejected("events {}\nhttp {\n    server {\n        proxy_buffers 1 4k;\n    }\n\n}\n")).toBe(
      'there must be at least 2 "proxy_buffers" @7',
    );
  });
});
