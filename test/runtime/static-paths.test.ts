import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { staticContent } from "../../src/runtime/content/static.js";
import { uriExtension } from "../../src/runtime/content/mime.js";
import { mapUriToPath } from "../../src/runtime/content/map-path.js";
import { RequestPath } from "../../src/runtime/content/request-path.js";
import { indexHandler } from "../../src/runtime/phases/index-handler.js";
import { tryFilesPhase } from "../../src/runtime/phases/try-files.js";
import { normalizeUri } from "../../src/runtime/uri.js";
import { staticHarness } from "./static-fixture.js";

describe("RequestPath: request bytes may not form a .. segment", () => {
  const fs = (p: RequestPath) => {
    const out = p.toFsPath();
    return out.ok ? out.text : `refused: ${out.reason}`;
  };

  test("configuration bytes are trusted, even ..", () => {
    expect(fs(new RequestPath().trusted("/srv/../www/").untrusted("a.txt"))).toBe("/srv/../www/a.txt");
  });

  test("a .. from the request is refused, wherever it sits", () => {
    expect(fs(new RequestPath().trusted("/srv/img/").untrusted("../etc/passwd"))).toMatch(/^refused: a "\.\." segment/);
    expect(fs(new RequestPath().trusted("/srv").untrusted("/../etc"))).toMatch(/^refused/);
    expect(fs(new RequestPath().trusted("/srv/").untrusted("a/.."))).toMatch(/^refused/);
    expect(fs(new RequestPath().untrusted(".."))).toMatch(/^refused/);
  });

  test("a .. made of one configured and one requested dot is refused", () => {
    expect(fs(new RequestPath().trusted("/srv/.").untrusted("./x"))).toMatch(/^refused/);
  });

  test("names that merely contain dots are fine", () => {
    for (const name of ["...", "..x", "x..", ".x", ".", "a..b", "..\\..\\x", "%2e%2e", "..;", ".. "]) {
      expect(fs(new RequestPath().trusted("/srv/").untrusted(name))).toBe(`/srv/${name}`);
    }
  });

  test("characters that are not bytes are refused (latin1 would fold \\u012e into .)", () => {
    expect(fs(new RequestPath().trusted("/srv/").untrusted("\u012e\u012e/x"))).toMatch(/^refused: it has characters that are not bytes/);
    expect(fs(new RequestPath().trusted("/srv/").untrusted("caf\u00e9"))).toBe("/srv/caf\u00e9");
  });

  test("the path ends at a NUL, as a C string does, and is checked after that", () => {
    expect(fs(new RequestPath().trusted("/srv/").untrusted("a.txt\0/../../x"))).toBe("/srv/a.txt");
    const out = new RequestPath().trusted("/srv/").untrusted("caf\u00e9").toFsPath();
    expect(out.ok && [...out.bytes]).toEqual([...Buffer.from("/srv/caf"), 0xe9]);
  });

  test("slice and append keep where bytes came from", () => {
    const p = new RequestPath().trusted("/a/").untrusted("../b");
    expect(fs(new RequestPath().trusted("/x").append(p.slice(2)))).toMatch(/^refused/);
    expect(fs(new RequestPath().trusted("/x/").append(new RequestPath().trusted("../y")))).toBe("/x/../y");
  });
});

describe("uriExtension (nginx's ngx_http_set_exten)", () => {
  const cases: [string, string | null][] = [
    ["/a.html", "html"],
    ["/a.tar.gz", "gz"],
    ["/UP.HTML", "HTML"],
    ["/.hidden", null],
    ["/dir/.html", null],
    ["/x.", ""],
    ["/a.b/c", null],
    ["/a", null],
    ["/", null],
    ["/a.", ""],
    ["/d.x/", null],
  ];
  for (const [uri, want] of cases) test(`${uri} → ${want}`, () => expect(uriExtension(uri)).toBe(want));
});

describe("traversal attempts through the whole request path", () => {
  const files = { "pub/hello.txt": "hello\n", "secret.txt": "secret\n", "al/f.txt": "alias\n", "pub/%2e%2e/x.txt": "literal\n", "pub/dir/index.html": "i\n" };
  const body = `
    location /pub/ { }
    location /img { alias html/al/; }
    location ~ ^/cap(.*)$ { alias html/al/$1; }
    location /tf/ { root html/pub; try_files $arg_f =404; }
    location /ix/ { alias html/pub/dir/; index $arg_i; }
  `;

  test("encoded dot-dots that climb are rejected by URI normalisation (400)", () => {
    for (const raw of ["/%2e%2e/secret.txt", "/pub/..%2f..%2fsecret.txt", "/pub/%2E%2E/%2e%2e/secret.txt", "/pub/%00", "/pub/.%2e/..%2Fsecret.txt"]) {
      expect(normalizeUri(raw, true), raw).toBeNull();
    }
  });

  test("double-encoded, backslashed and half-dotted names stay literal names", async () => {
    const h = staticHarness(body, files);
    const ok = h.request("GET", "/pub/%252e%252e/x.txt");
    expect(await staticContent(h.rt, ok.r)).toEqual({ kind: "done" });
    expect(ok.sent?.body.toString()).toBe("literal\n");
    for (const target of ["/pub/..\\..\\secret.txt", "/pub/..%5c..%5csecret.txt", "/pub/%252e%252e/%252e%252e/secret.txt", "/pub/...", "/pub/..%20/secret.txt"]) {
      const t = h.request("GET", target);
      expect(await staticContent(h.rt, t.r), target).toEqual({ kind: "status", status: 404 });
    }
    expect(h.logs.join("\n")).toContain(`open() "${h.html}/pub/..\\..\\secret.txt" failed (2: No such file or directory)`);
  });

  test("an alias without the location's slash cannot be left with /img../", async () => {
    const h = staticHarness(body, files);
    const t = h.request("GET", "/img../secret.txt");
    expect(await staticContent(h.rt, t.r)).toEqual({ kind: "status", status: 404 });
    expect(h.logs).toContain(`[error] refused to serve "${h.html}/al/../secret.txt": a ".." segment of it comes from the request`);
    const inside = h.request("GET", "/imgf.txt");
    await staticContent(h.rt, inside.r);
    expect(inside.sent?.body.toString()).toBe("alias\n");
  });

  test("a captured .. in a regex alias is refused", async () => {
    const h = staticHarness(body, files);
    const t = h.request("GET", "/cap../secret.txt");
    expect(await staticContent(h.rt, t.r)).toEqual({ kind: "status", status: 404 });
  });

  test("a URI set by rewrite or a handler is checked too, in any encoding", async () => {
    const h = staticHarness(body, files);
    for (const uri of ["/pub/../secret.txt", "/pub/x/../../secret.txt", "/pub/\u012e\u012e/secret.txt", "/pub/..\u0000/x"]) {
      const t = h.request("GET", "/pub/hello.txt");
      t.r.uri = uri;
      expect(await staticContent(h.rt, t.r), JSON.stringify(uri)).toEqual({ kind: "status", status: 404 });
      expect(t.sent).toBeNull();
    }
  });

  test("a NUL ends the file name, as in nginx", async () => {
    const h = staticHarness(body, files);
    const t = h.request("GET", "/pub/hello.txt");
    t.r.uri = "/pub/hello.txt\0.png";
    await staticContent(h.rt, t.r);
    expect(t.sent?.body.toString()).toBe("hello\n");
  });

  test("try_files entries from arguments cannot climb out", async () => {
    const h = staticHarness(body, files);
    const t = h.request("GET", "/tf/x?f=/../secret.txt");
    expect(await tryFilesPhase(h.rt, t.r)).toEqual({ kind: "status", status: 404 });
    expect(t.r.uri).toBe("/tf/x");
    expect(h.logs[0]).toContain(`refused to serve "${h.html}/pub/../secret.txt"`);
    const fine = h.request("GET", "/tf/x?f=/hello.txt");
    expect(await tryFilesPhase(h.rt, fine.r)).toEqual({ kind: "next" });
    expect(fine.r.uri).toBe("/hello.txt");
  });

  test("index names from arguments cannot climb out", async () => {
    const h = staticHarness(body, files);
    const t = h.request("GET", "/ix/?i=../../secret.txt");
    expect(await indexHandler(h.rt, t.r)).toBeNull();
    expect(h.logs[0]).toContain("refused to serve");
    const fine = h.request("GET", "/ix/?i=index.html");
    expect(await indexHandler(h.rt, fine.r)).toEqual({ kind: "redirect", uri: "/ix/index.html", args: "i=index.html" });
  });

  test("symlinks inside the root are followed, as with nginx's disable_symlinks off", async () => {
    const h = staticHarness(body, files);
    symlinkSync(join(h.html, "secret.txt"), join(h.html, "pub", "link.txt"));
    const t = h.request("GET", "/pub/link.txt");
    await staticContent(h.rt, t.r);
    expect(t.sent?.body.toString()).toBe("secret\n");
  });

  test("$request_filename follows try_files in a regex alias location", async () => {
    const h = staticHarness(`location ~ ^/app/(.*)$ { alias html/app/; try_files $1 =404; }`, { "app/x.txt": "app\n" });
    const t = h.request("GET", "/app/x.txt");
    expect(mapUriToPath(t.r, h.prefix)).toBe(`${h.html}/app/`);
    expect(await tryFilesPhase(h.rt, t.r)).toEqual({ kind: "next" });
    expect(t.r.uri).toBe("x.txt");
    expect(mapUriToPath(t.r, h.prefix)).toBe(`${h.html}/app/x.txt`);
    await staticContent(h.rt, t.r);
    expect(t.sent?.body.toString()).toBe("app\n");
  });
});
