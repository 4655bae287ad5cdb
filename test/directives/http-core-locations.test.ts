import { describe, expect, test } from "vitest";
import {
  HTTP_CORE_KEYS,
  getLocationInfo,
  locationsOf,
  namedLocationsOf,
  serversOf,
  type LocationInfo,
} from "../../src/directives/modules/http-core.js";
import { loadHttp, loadHttpError } from "./http-core-fixture.js";

function summary(l: LocationInfo): string {
  return `${l.kind} ${JSON.stringify(l.modifier)} ${JSON.stringify(l.name)}`;
}

describe("LocationInfo", () => {
  test("every modifier, spaced and glued", () => {
    const { http } = loadHttp(`server {
    location = /exact { }
    location ^~ /static/ { }
    location ~ \\.php$ { }
    location ~* \\.(gif|jpg)$ { }
    location /prefix { }
    location =/glued { }
    location ^~/glued-noregex { }
    location ~^/glued-regex { }
    location ~*^/glued-caseless { }
    location @named { }
    location "" { }
}`);
    const server = serversOf(http)[0]!.level;
    expect(locationsOf(server).map(summary)).toEqual([
      'exact "=" "/exact"',
      'noregex "^~" "/static/"',
      'regex "~" "\\\\.php$"',
      'regex "~*" "\\\\.(gif|jpg)$"',
      'prefix "" "/prefix"',
      'exact "=" "/glued"',
      'noregex "^~" "/glued-noregex"',
      'regex "~" "^/glued-regex"',
      'regex "~*" "^/glued-caseless"',
      'named "@" "@named"',
      'prefix "" ""',
    ]);
    const [exact, , php, img] = locationsOf(server);
    expect(exact!.exact && !exact!.noregex && exact!.regex === null).toBe(true);
    expect(php!.regex!.caseless).toBe(false);
    expect(img!.regex!.caseless).toBe(true);
    expect(img!.regex!.exec("/A.GIF")?.captures).toEqual([".GIF", "GIF"]);
    expect(php!.regex!.exec("/A.PHP")).toBeNull();
    expect(namedLocationsOf(server).get("@named")?.name).toBe("@named");
  });

  test("~* folds ASCII letters only, as PCRE2 with nginx's tables", () => {
    const { http } = loadHttp(`server {\n    location ~* ^/caf\xe9 { }\n}`);
    const [l] = locationsOf(serversOf(http)[0]!.level);
    expect(l!.regex!.exec("/CAF\xe9")).not.toBeNull();
    expect(l!.regex!.exec("/CAF\xc9")).toBeNull();
  });

  test("nesting: parent, depth, place of the opening brace", () => {
    const { http } = loadHttp(`server {
    location /a/ {
        location /a/b/
        {
            location = /a/b/c { }
        }
    }
}`);
    const a = locationsOf(serversOf(http)[0]!.level)[0]!;
    const b = locationsOf(a.level)[0]!;
    const c = locationsOf(b.level)[0]!;
    expect([a.depth, b.depth, c.depth]).toEqual([0, 1, 2]);
    expect(c.parent).toBe(b);
    expect(b.parent).toBe(a);
    expect(a.parent).toBeNull();
    expect([a.line, b.line, c.line]).toEqual([4, 6, 7]);
    expect(b.file.endsWith("/conf/nginx.conf")).toBe(true);
    expect(getLocationInfo(c.level)).toBe(c);
  });

  test("named captures of a location regex are recorded and usable as variables", () => {
    const { http } = loadHttp(`server {
    location ~ ^/(?<user>\\w+)/(?P<id>\\d+)/(\\w+)$ {
        root /srv/$user/$id/$3;
    }
}`);
    const [l] = locationsOf(serversOf(http)[0]!.level);
    expect(l!.regex!.names).toEqual([
      { name: "user", index: 1 },
      { name: "id", index: 2 },
    ]);
    const m = l!.regex!.exec("/bob/42/photos");
    expect(m?.named).toEqual({ user: "bob", id: "42" });
    expect(m?.captures[3]).toBe("photos");
  });

  test("internal is inherited by nested locations; auto_redirect is read from the level", () => {
    const { http } = loadHttp(`server {
    location /i/ {
        internal;
        location /i/n/ { }
    }
    location /p/ { }
}`);
    const [i, p] = locationsOf(serversOf(http)[0]!.level);
    const n = locationsOf(i!.level)[0]!;
    expect([i!.internal, n.internal, p!.internal]).toEqual([true, true, false]);
    expect(p!.autoRedirect).toBe(false);
    // What proxy_pass & co. do on a location whose name ends with "/".
    p!.level.data.set(HTTP_CORE_KEYS.autoRedirect, true);
    expect(p!.autoRedirect).toBe(true);
  });

  test("regexes nginx refuses give its pcre2_compile() message and offset", () => {
    expect(loadHttpError("server { location ~ ^/(a { } }")).toBe(
      'pcre2_compile() failed: missing closing parenthesis in "^/(a" in <P>/conf/nginx.conf:3',
    );
    expect(loadHttpError('server { location ~ "^/[z-a]" { } }')).toBe(
      'pcre2_compile() failed: range out of order in character class in "^/[z-a]" at "a]" in <P>/conf/nginx.conf:3',
    );
  });
});
