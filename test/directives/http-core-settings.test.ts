import { describe, expect, test } from "vitest";
import {
  locationsOf,
  serversOf,
  type ErrorPage,
  type KeepaliveTimeout,
  type RootSpec,
  type TryFiles,
} from "../../src/directives/modules/http-core.js";
import type { ConfLevel } from "../../src/directives/level.js";
import type { ComplexValue } from "../../src/directives/variables.js";
import { loadHttp } from "./http-core-fixture.js";

function levels(http: ConfLevel) {
  const server = serversOf(http)[0]!.level;
  const loc = locationsOf(server)[0]!.level;
  const nested = locationsOf(loc)[0]!.level;
  const other = locationsOf(server)[1]!.level;
  return { server, loc, nested, other };
}

const BODY = `sendfile on;
keepalive_timeout 65;
client_max_body_size 10m;
error_page 500 502 /50x.html;
types { text/html html; }
server {
    listen 127.0.0.1:18180;
    keepalive_timeout 30 25;
    merge_slashes off;
    root srv;
    try_files $uri /index.html;
    location /a/ {
        client_max_body_size 0;
        sendfile off;
        error_page 404 = @fallback;
        location /a/b/ {
            alias /data/b/;
            default_type application/json;
        }
    }
    location /other { }
    location @fallback { }
}`;

describe("merged settings, http → server → location → nested location", () => {
  test("plain values are inherited until a level sets its own", () => {
    const { http } = loadHttp(BODY);
    const { server, loc, nested, other } = levels(http);
    const kt = (l: ConfLevel) => l.settings["keepalive_timeout"] as KeepaliveTimeout;
    expect(kt(http)).toEqual({ timeoutMs: 65_000, headerSeconds: null });
    expect(kt(server)).toEqual({ timeoutMs: 30_000, headerSeconds: 25 });
    expect(kt(nested)).toEqual({ timeoutMs: 30_000, headerSeconds: 25 });
    expect([http, server, loc, nested, other].map((l) => l.settings["client_max_body_size"])).toEqual([
      10485760, 10485760, 0, 0, 10485760,
    ]);
    expect([server, loc, nested, other].map((l) => l.settings["sendfile"])).toEqual([true, false, false, true]);
    expect(nested.settings["default_type"]).toBe("application/json");
    expect(other.settings["default_type"]).toBe("text/plain");
    expect(nested.settings["merge_slashes"]).toBe(false);
  });

  test("defaults a level sees when nothing sets them", () => {
    const { http } = loadHttp("server { location / { } }");
    const loc = locationsOf(serversOf(http)[0]!.level)[0]!.level;
    expect(loc.settings).toMatchObject({
      keepalive_timeout: { timeoutMs: 75_000, headerSeconds: null },
      keepalive_requests: 1000,
      client_max_body_size: 1048576,
      client_body_buffer_size: 8192,
      client_header_timeout: 60_000,
      large_client_header_buffers: { count: 4, size: 8192 },
      send_timeout: 60_000,
      sendfile: false,
      tcp_nodelay: true,
      tcp_nopush: false,
      default_type: "text/plain",
      server_tokens: "on",
      merge_slashes: true,
      absolute_redirect: true,
      port_in_redirect: true,
      server_name_in_redirect: false,
      internal: false,
      lingering_close: "on",
      keepalive_disable: ["msie6"],
      if_modified_since: "exact",
      satisfy: "all",
      output_buffers: { count: 2, size: 32768 },
      postpone_output: 1460,
      limit_rate: { size: 0 },
    });
    expect({ ...(loc.settings["types"] as object) }).toEqual({ html: "text/html", gif: "image/gif", jpg: "image/jpeg" });
    expect((loc.settings["index"] as ComplexValue[]).map((v) => v.raw)).toEqual(["index.html"]);
  });

  test("root is under the prefix by default; alias keeps the location name's length", () => {
    const { http, prefix } = loadHttp(BODY);
    const { server, loc, nested, other } = levels(http);
    const root = (l: ConfLevel) => l.settings["root"] as RootSpec;
    expect(root(http).path.raw).toBe(`${prefix}html`);
    expect(root(server)).toMatchObject({ alias: false, path: { raw: `${prefix}srv`, constant: true } });
    expect(root(loc).path.raw).toBe(`${prefix}srv`);
    expect(root(nested)).toMatchObject({ alias: true, aliasLength: "/a/b/".length, path: { raw: "/data/b/" } });
    expect(root(other).path.raw).toBe(`${prefix}srv`);
  });

  test("error_page lists replace the inherited list; try_files is not inherited", () => {
    const { http } = loadHttp(BODY);
    const { server, loc, nested, other } = levels(http);
    const pages = (l: ConfLevel) => (l.settings["error_page"] as ErrorPage[]).map((p) => [p.status, p.overwrite, p.target.raw]);
    expect(pages(other)).toEqual([
      [500, -1, "/50x.html"],
      [502, -1, "/50x.html"],
    ]);
    expect(pages(loc)).toEqual([[404, 0, "@fallback"]]);
    expect(pages(nested)).toEqual([[404, 0, "@fallback"]]);
    const tf = server.settings["try_files"] as TryFiles;
    expect(tf.files.map((f) => f.name.raw)).toEqual(["$uri"]);
    expect(tf.fallback.raw).toBe("/index.html");
    expect(loc.settings["try_files"]).toBeUndefined();
  });

  test("types: a level's own table replaces the inherited one; extensions are lower-cased", () => {
    const { http } = loadHttp(`types { text/html html; }
server { location /x { types { image/png PNG; } } }`);
    const server = serversOf(http)[0]!.level;
    const loc = locationsOf(server)[0]!.level;
    expect({ ...(server.settings["types"] as object) }).toEqual({ html: "text/html" });
    expect({ ...(loc.settings["types"] as object) }).toEqual({ png: "image/png" });
  });

  test("error_page details: =code, args of a constant URI, 494–497 answered as 400", () => {
    const { http } = loadHttp(`server { error_page 403 =200 /f.html?from=403; error_page 497 https://$host$request_uri; }`);
    const pages = serversOf(http)[0]!.level.settings["error_page"] as ErrorPage[];
    expect(pages.map((p) => ({ status: p.status, overwrite: p.overwrite, target: p.target.raw, args: p.args }))).toEqual([
      { status: 403, overwrite: 200, target: "/f.html", args: "from=403" },
      { status: 497, overwrite: 400, target: "https://$host$request_uri", args: "" },
    ]);
  });
});

describe("server names", () => {
  test("names are stored in order, typed, lower-cased; $server_name is the first", () => {
    const { http } = loadHttp(`server {
    server_name .Example.com www.example.*;
    server_name *.b.example ~^(?<sub>[a-z]+)\\.c\\.example$ A.example;
}
server { server_name ~^www\\d+$; }
server { }`);
    const [a, b, c] = serversOf(http);
    expect(a!.names.map((n) => `${n.kind}:${n.name}`)).toEqual([
      "prefixWildcard:.example.com",
      "suffixWildcard:www.example.*",
      "prefixWildcard:*.b.example",
      "regex:^(?<sub>[a-z]+)\\.c\\.example$",
      "exact:a.example",
    ]);
    expect(a!.names[0]).toMatchObject({ suffix: ".example.com", matchesBare: true });
    expect(a!.names[2]).toMatchObject({ suffix: ".b.example", matchesBare: false });
    expect(a!.names[1]).toMatchObject({ prefix: "www.example." });
    expect(a!.primaryName).toBe("example.com");
    expect(a!.regexCaptures).toBe(true);
    expect(b!.primaryName).toBe("~^www\\d+$");
    expect(b!.regexCaptures).toBe(false);
    expect(c!.names).toEqual([{ kind: "exact", name: "" }]);
    const regex = a!.names[3]!;
    expect(regex.kind === "regex" && regex.regex.exec("shop.c.example")?.named).toEqual({ sub: "shop" });
  });

  test("a regex name with an upper-case letter is caseless, as in nginx", () => {
    const { http } = loadHttp("server { server_name ~^WWW\\.x$ ~^www\\.y$; }");
    const [upper, lower] = serversOf(http)[0]!.names;
    expect(upper!.kind === "regex" && upper!.regex.caseless).toBe(true);
    expect(lower!.kind === "regex" && lower!.regex.caseless).toBe(false);
  });
});
