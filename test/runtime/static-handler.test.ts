import { execFileSync } from "node:child_process";
import { open, utimes } from "node:fs/promises";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test, vi } from "vitest";
import { staticContent } from "../../src/runtime/content/static.js";
import { CHUNK } from "../../src/runtime/content/file-stream.js";
import { indexHandler } from "../../src/runtime/phases/index-handler.js";
import { tryFilesPhase } from "../../src/runtime/phases/try-files.js";
import { staticHarness } from "./static-fixture.js";

// Tue, 02 Jan 2024 03:04:05 GMT: the file nginx 1.22.1 answered the same requests for.
const MTIME = 1704164645;
const LM = "Tue, 02 Jan 2024 03:04:05 GMT";
const ETAG = '"65937d25-b"';

async function harness(body = "", files: Record<string, string | Buffer> = {}) {
  const h = staticHarness(body, { "digits.txt": "0123456789\n", "dir/index.html": "idx\n", ...files });
  await utimes(join(h.html, "digits.txt"), MTIME, MTIME);
  return h;
}

describe("staticContent: files", () => {
  test("a 200 with nginx's headers in nginx's order", async () => {
    const h = await harness();
    const t = h.request("GET", "/digits.txt");
    expect(await staticContent(h.rt, t.r)).toEqual({ kind: "done" });
    const s = t.sent!;
    expect(s.status).toBe(200);
    expect(s.body.toString()).toBe("0123456789\n");
    expect(s.order.filter((n) => !["Server", "Date", "Connection"].includes(n))).toEqual(["Content-Type", "Content-Length", "Last-Modified", "ETag", "Accept-Ranges"]);
    expect(s.headers.get("content-type")).toBe("text/plain");
    expect(s.headers.get("content-length")).toBe("11");
    expect(s.headers.get("last-modified")).toBe(LM);
    expect(s.headers.get("etag")).toBe(ETAG);
    expect(s.headers.get("accept-ranges")).toBe("bytes");
  });

  test("HEAD sends the head and never reads the file", async () => {
    const h = await harness();
    const probe = await open(join(h.html, "digits.txt"));
    const read = vi.spyOn(Object.getPrototypeOf(probe) as { read: () => unknown }, "read");
    await probe.close();
    try {
      const t = h.request("HEAD", "/digits.txt");
      await staticContent(h.rt, t.r);
      expect(t.sent!.headers.get("content-length")).toBe("11");
      expect(t.sent!.body.length).toBe(0);
      expect(read).not.toHaveBeenCalled();
    } finally {
      read.mockRestore();
    }
  });

  test("a large file streams in chunks of at most 64 KiB", async () => {
    const big = Buffer.alloc(5 * CHUNK + 123);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) & 0xff;
    const h = await harness("", { "big.bin": big });
    const t = h.request("GET", "/big.bin");
    await staticContent(h.rt, t.r);
    expect(t.sent!.headers.get("content-length")).toBe(String(big.length));
    expect(t.sent!.body.equals(big)).toBe(true);
    expect(Math.max(...t.sent!.chunks)).toBeLessThanOrEqual(CHUNK);
    expect(t.sent!.chunks.length).toBe(6);
  });

  test("a range in the middle of a large file", async () => {
    const big = Buffer.alloc(3 * CHUNK);
    for (let i = 0; i < big.length; i++) big[i] = i & 0xff;
    const h = await harness("", { "big.bin": big });
    const t = h.request("GET", "/big.bin", { Range: `bytes=${CHUNK - 10}-${2 * CHUNK + 9}` });
    await staticContent(h.rt, t.r);
    expect(t.sent!.status).toBe(206);
    expect(t.sent!.headers.get("content-range")).toBe(`bytes ${CHUNK - 10}-${2 * CHUNK + 9}/${3 * CHUNK}`);
    expect(t.sent!.body.equals(big.subarray(CHUNK - 10, 2 * CHUNK + 10))).toBe(true);
  });

  test("content types: types, case, default_type, a handler's own type", async () => {
    const h = await harness("location /t/ { types { application/x-foo foo; } default_type application/octet-stream; }", {
      "UP.HTML": "x",
      "t/a.FOO": "x",
      "t/none": "x",
    });
    const type = async (target: string, set?: string) => {
      const t = h.request("GET", target);
      if (set !== undefined) t.r.contentType = set;
      await staticContent(h.rt, t.r);
      return t.sent!.headers.get("content-type");
    };
    expect(await type("/UP.HTML")).toBe("text/html");
    expect(await type("/t/a.FOO")).toBe("application/x-foo");
    expect(await type("/t/none")).toBe("application/octet-stream");
    expect(await type("/UP.HTML", "text/x-mine")).toBe("text/x-mine");
  });

  test("a missing file: 404, logged unless log_not_found off", async () => {
    const h = await harness("location /q/ { log_not_found off; }");
    const t = h.request("GET", "/nope.txt");
    expect(await staticContent(h.rt, t.r)).toEqual({ kind: "status", status: 404 });
    expect(h.logs).toEqual([`[error] open() "${h.html}/nope.txt" failed (2: No such file or directory)`]);
    const q = h.request("GET", "/q/nope.txt");
    expect(await staticContent(h.rt, q.r)).toEqual({ kind: "status", status: 404 });
    expect(h.logs.length).toBe(1);
  });

  test("ENOTDIR is 404, a symlink loop is 403, a FIFO is 404 at crit", async () => {
    const h = await harness();
    symlinkSync("loop", join(h.html, "loop"));
    execFileSync("mkfifo", [join(h.html, "fifo")]);
    const code = async (target: string) => staticContent(h.rt, h.request("GET", target).r);
    expect(await code("/digits.txt/x")).toEqual({ kind: "status", status: 404 });
    expect(await code("/loop")).toEqual({ kind: "status", status: 403 });
    expect(await code("/fifo")).toEqual({ kind: "status", status: 404 });
    expect(h.logs).toEqual([
      `[error] open() "${h.html}/digits.txt/x" failed (20: Not a directory)`,
      `[error] open() "${h.html}/loop" failed (40: Too many levels of symbolic links)`,
      `[crit] "${h.html}/fifo" is not a regular file`,
    ]);
  });

  test("methods: 405 before anything else, POST only once the file is found", async () => {
    const h = await harness();
    const status = async (method: string, target: string) => staticContent(h.rt, h.request(method, target).r);
    expect(await status("DELETE", "/nope")).toEqual({ kind: "status", status: 405 });
    expect(await status("PUT", "/dir/")).toEqual({ kind: "status", status: 405 });
    expect(await status("POST", "/digits.txt")).toEqual({ kind: "status", status: 405 });
    expect(await status("POST", "/nope")).toEqual({ kind: "status", status: 404 });
    expect(await status("POST", "/dir")).toEqual({ kind: "status", status: 301 });
  });

  test("a directory without its slash: 301 to the escaped URI, raw args", async () => {
    const h = await harness("", { "my dir/x": "x", "a%b/x": "x" });
    const loc = async (target: string) => {
      const t = h.request("GET", target);
      expect(await staticContent(h.rt, t.r)).toEqual({ kind: "status", status: 301 });
      return t.r.location;
    };
    expect(await loc("/dir")).toBe("/dir/");
    expect(await loc("/dir?a=<b>&c")).toBe("/dir/?a=<b>&c");
    expect(await loc("/dir?")).toBe("/dir/");
    expect(await loc("/my%20dir")).toBe("/my%20dir/");
    expect(await loc("/a%25b")).toBe("/a%25b/");
  });

  test("an error_page status: no 304, no ranges, no Last-Modified", async () => {
    const h = await harness();
    const t = h.request("GET", "/digits.txt", { "If-None-Match": "*", Range: "bytes=1-2" });
    t.r.errStatus = 404;
    await staticContent(h.rt, t.r);
    expect(t.sent!.status).toBe(404);
    expect(t.sent!.headers.has("last-modified")).toBe(false);
    expect(t.sent!.headers.has("accept-ranges")).toBe(false);
    expect(t.sent!.headers.get("etag")).toBe(ETAG);
    expect(t.sent!.body.toString()).toBe("0123456789\n");
  });

  test("error_page =200: the filters apply again", async () => {
    const h = await harness();
    const t = h.request("GET", "/digits.txt", { Range: "bytes=1-2" });
    t.r.errStatus = 200;
    await staticContent(h.rt, t.r);
    expect(t.sent!.status).toBe(206);
  });
});

describe("staticContent: conditionals and ranges", () => {
  test("304 keeps Last-Modified and ETag only", async () => {
    const h = await harness();
    const t = h.request("GET", "/digits.txt", { "If-Modified-Since": LM });
    await staticContent(h.rt, t.r);
    expect(t.sent!.status).toBe(304);
    expect(t.sent!.order.filter((n) => !["Server", "Date", "Connection"].includes(n))).toEqual(["Last-Modified", "ETag"]);
    expect(t.sent!.body.length).toBe(0);
  });

  test("If-Match and If-Unmodified-Since give 412", async () => {
    const h = await harness();
    for (const headers of [{ "If-Match": '"x"' }, { "If-Unmodified-Since": "Tue, 02 Jan 2024 03:04:04 GMT" }, { "If-Match": `W/${ETAG}` }]) {
      const t = h.request("GET", "/digits.txt", headers);
      expect(await staticContent(h.rt, t.r)).toEqual({ kind: "status", status: 412 });
    }
    const ok = h.request("GET", "/digits.txt", { "If-Match": ETAG, "If-Unmodified-Since": LM });
    await staticContent(h.rt, ok.r);
    expect(ok.sent!.status).toBe(200);
  });

  test("if_modified_since before and off", async () => {
    const h = await harness("location /b/ { alias html/; if_modified_since before; } location /o/ { alias html/; if_modified_since off; }");
    const later = "Wed, 03 Jan 2024 00:00:00 GMT";
    const b = h.request("GET", "/b/digits.txt", { "If-Modified-Since": later });
    await staticContent(h.rt, b.r);
    expect(b.sent!.status).toBe(304);
    const o = h.request("GET", "/o/digits.txt", { "If-Modified-Since": LM });
    await staticContent(h.rt, o.r);
    expect(o.sent!.status).toBe(200);
  });

  test("single range: 206, Content-Range after ETag, no Accept-Ranges", async () => {
    const h = await harness();
    const t = h.request("GET", "/digits.txt", { Range: "bytes=2-5" });
    await staticContent(h.rt, t.r);
    expect(t.sent!.status).toBe(206);
    expect(t.sent!.body.toString()).toBe("2345");
    expect(t.sent!.headers.get("content-length")).toBe("4");
    expect(t.sent!.headers.has("accept-ranges")).toBe(false);
    const order = t.sent!.order;
    expect(order.indexOf("Content-Range")).toBeGreaterThan(order.indexOf("ETag"));
  });

  test("multipart: the body nginx sends, with this worker's boundary", async () => {
    const h = await harness();
    const t = h.request("GET", "/digits.txt", { Range: "bytes=0-0,2-3" });
    await staticContent(h.rt, t.r);
    const type = t.sent!.headers.get("content-type")!;
    const boundary = /^multipart\/byteranges; boundary=(\d{20})$/.exec(type)![1]!;
    const body = t.sent!.body.toString();
    expect(body).toBe(
      `\r\n--${boundary}\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-0/11\r\n\r\n0` +
        `\r\n--${boundary}\r\nContent-Type: text/plain\r\nContent-Range: bytes 2-3/11\r\n\r\n23\r\n--${boundary}--\r\n`,
    );
    expect(t.sent!.headers.get("content-length")).toBe(String(body.length));
  });

  test("416 leaves Content-Range for the error page", async () => {
    const h = await harness();
    const t = h.request("GET", "/digits.txt", { Range: "bytes=20-" });
    expect(await staticContent(h.rt, t.r)).toEqual({ kind: "status", status: 416 });
    expect(t.r.headersOut).toEqual([["Content-Range", "bytes */11"]]);
    expect(t.sent).toBeNull();
  });

  test("HTTP/0.9 and max_ranges 0: no ranges and no Accept-Ranges", async () => {
    const h = await harness("location /n/ { alias html/; max_ranges 0; }");
    const old = h.request("GET", "/digits.txt", { Range: "bytes=1-2" }, 9);
    await staticContent(h.rt, old.r);
    expect(old.sent!.status).toBe(200);
    expect(old.sent!.headers.has("accept-ranges")).toBe(false);
    const off = h.request("GET", "/n/digits.txt", { Range: "bytes=1-2" });
    await staticContent(h.rt, off.r);
    expect(off.sent!.status).toBe(200);
    expect(off.sent!.headers.has("accept-ranges")).toBe(false);
  });
});

describe("indexHandler", () => {
  const body = `
    location /list/ { index a.html b.htm; }
    location /abs/ { index nothere.html /abs.html; }
    location /var/ { index $arg_i; }
    location /aln/ { alias html/al; }
    location /alf/ { alias html/file; }
    location /q/ { log_not_found off; }
  `;
  const files = { "list/b.htm": "b", "empty/x": "x", "var/v.txt": "v", "al/index.html": "i", file: "f", "sub/dir/index.html": "d", "abs/x": "x" };

  test("the first existing index redirects, args kept", async () => {
    const h = await harness(body, files);
    expect(await indexHandler(h.rt, h.request("GET", "/list/?x=1").r)).toEqual({ kind: "redirect", uri: "/list/b.htm", args: "x=1" });
    expect(await indexHandler(h.rt, h.request("GET", "/sub/?x=1").r)).toBeNull();
    expect(await indexHandler(h.rt, h.request("GET", "/").r)).toBeNull();
  });

  test("declines for other methods and for URIs without a slash", async () => {
    const h = await harness(body, files);
    expect(await indexHandler(h.rt, h.request("DELETE", "/dir/").r)).toBeNull();
    expect(await indexHandler(h.rt, h.request("GET", "/dir").r)).toBeNull();
    expect(await indexHandler(h.rt, h.request("POST", "/dir/").r)).toEqual({ kind: "redirect", uri: "/dir/index.html", args: "" });
  });

  test("absolute and variable indexes", async () => {
    const h = await harness(body, files);
    expect(await indexHandler(h.rt, h.request("GET", "/abs/").r)).toEqual({ kind: "redirect", uri: "/abs.html", args: "" });
    expect(await indexHandler(h.rt, h.request("GET", "/abs/no/such/").r)).toEqual({ kind: "status", status: 404 });
    expect(await indexHandler(h.rt, h.request("GET", "/var/?i=v.txt").r)).toEqual({ kind: "redirect", uri: "/var/v.txt", args: "i=v.txt" });
    expect(await indexHandler(h.rt, h.request("GET", "/var/?i=/elsewhere").r)).toEqual({ kind: "redirect", uri: "/elsewhere", args: "i=/elsewhere" });
  });

  test("a directory that is missing, a file, or an alias that is a file", async () => {
    const h = await harness(body, files);
    expect(await indexHandler(h.rt, h.request("GET", "/nodir/").r)).toEqual({ kind: "status", status: 404 });
    expect(await indexHandler(h.rt, h.request("GET", "/digits.txt/").r)).toEqual({ kind: "status", status: 404 });
    expect(await indexHandler(h.rt, h.request("GET", "/alf/").r)).toEqual({ kind: "status", status: 500 });
    expect(await indexHandler(h.rt, h.request("GET", "/q/nodir/").r)).toEqual({ kind: "status", status: 404 });
    expect(h.logs).toEqual([
      `[error] "${h.html}/nodir/index.html" is not found (2: No such file or directory)`,
      `[error] "${h.html}/digits.txt/index.html" is not found (20: Not a directory)`,
      `[alert] "${h.html}/file" is not a directory`,
    ]);
  });

  test("an alias without its slash: the index is glued to it, as in nginx", async () => {
    const h = await harness(body, { ...files, "alindex.html": "glued" });
    expect(await indexHandler(h.rt, h.request("GET", "/aln/").r)).toEqual({ kind: "redirect", uri: "/aln/index.html", args: "" });
  });

  test("no index: the content phase answers 403 with nginx's line", async () => {
    const h = await harness(body, files);
    expect(await staticContent(h.rt, h.request("GET", "/empty/").r)).toEqual({ kind: "status", status: 403 });
    expect(h.logs).toEqual([`[error] directory index of "${h.html}/empty/" is forbidden`]);
  });

  test("a looping index symlink is 403 without a log line", async () => {
    const h = await harness(body, files);
    symlinkSync("index.html", join(h.html, "empty", "index.html"));
    expect(await indexHandler(h.rt, h.request("GET", "/empty/").r)).toEqual({ kind: "status", status: 403 });
    expect(h.logs).toEqual([]);
  });
});

describe("tryFilesPhase", () => {
  const body = `
    location /tf/ { try_files $uri $uri/ /fallback; }
    location /args/ { try_files /nothere /fallback?from=$uri; }
    location /named/ { try_files /nothere @back; }
    location /code/ { try_files /nothere =418; }
    location /zero/ { try_files /nothere =0; }
    location /kinds/ { try_files /tf/dir /tf/f.txt/ /tf/f.txt =404; }
    location /al/ { alias html/tf/; try_files $uri $uri/ /al/f.txt f.txt =404; }
    location /alc/ { alias html/tf/; try_files /alc/f.txt f.txt =404; }
    location ~ ^/rx/(.*)$ { alias html/tf/; try_files $1 $1/ =404; }
    location /none/ { }
  `;
  const files = { "tf/f.txt": "f", "tf/dir/index.html": "i" };

  test("no try_files: next", async () => {
    const h = await harness(body, files);
    expect(await tryFilesPhase(h.rt, h.request("GET", "/none/x").r)).toEqual({ kind: "next" });
  });

  test("file, directory, fallback", async () => {
    const h = await harness(body, files);
    const f = h.request("GET", "/tf/f.txt?a=1");
    expect(await tryFilesPhase(h.rt, f.r)).toEqual({ kind: "next" });
    expect([f.r.uri, f.r.args]).toEqual(["/tf/f.txt", "a=1"]);
    const d = h.request("GET", "/tf/dir?a=1");
    expect(await tryFilesPhase(h.rt, d.r)).toEqual({ kind: "next" });
    expect(d.r.uri).toBe("/tf/dir");
    const ds = h.request("GET", "/tf/dir/");
    expect(await tryFilesPhase(h.rt, ds.r)).toEqual({ kind: "next" });
    expect(ds.r.uri).toBe("/tf/dir/");
    const miss = h.request("GET", "/tf/missing?a=1");
    expect(await tryFilesPhase(h.rt, miss.r)).toEqual({ kind: "redirect", uri: "/fallback", args: "" });
    expect(miss.r.uri).toBe("/tf/missing");
    expect(h.logs).toEqual([]);
  });

  test("fallbacks: args after ?, @named, =code, =0 as a URI", async () => {
    const h = await harness(body, files);
    expect(await tryFilesPhase(h.rt, h.request("GET", "/args/x?a=1").r)).toEqual({ kind: "redirect", uri: "/fallback", args: "from=/args/x" });
    expect(await tryFilesPhase(h.rt, h.request("GET", "/named/x?a=1").r)).toEqual({ kind: "named", name: "@back" });
    expect(await tryFilesPhase(h.rt, h.request("GET", "/code/x").r)).toEqual({ kind: "status", status: 418 });
    expect(await tryFilesPhase(h.rt, h.request("GET", "/zero/x").r)).toEqual({ kind: "redirect", uri: "=0", args: "" });
  });

  test("a file entry skips directories, a directory entry skips files", async () => {
    const h = await harness(body, files);
    const t = h.request("GET", "/kinds/x");
    expect(await tryFilesPhase(h.rt, t.r)).toEqual({ kind: "next" });
    expect(t.r.uri).toBe("/tf/f.txt");
  });

  test("alias: $uri is shortened, constants are not, the URI gets the location name back", async () => {
    const h = await harness(body, files);
    const v = h.request("GET", "/al/f.txt");
    expect(await tryFilesPhase(h.rt, v.r)).toEqual({ kind: "next" });
    expect(v.r.uri).toBe("/al/f.txt");
    const c = h.request("GET", "/alc/zzz");
    expect(await tryFilesPhase(h.rt, c.r)).toEqual({ kind: "next" });
    expect(c.r.uri).toBe("/alc/f.txt");
    const d = h.request("GET", "/al/dir/");
    expect(await tryFilesPhase(h.rt, d.r)).toEqual({ kind: "next" });
    expect(d.r.uri).toBe("/al/dir/");
  });

  test("regex alias: a file becomes the URI relative to the alias, a directory leaves the URI", async () => {
    const h = await harness(body, files);
    const f = h.request("GET", "/rx/f.txt");
    expect(await tryFilesPhase(h.rt, f.r)).toEqual({ kind: "next" });
    expect(f.r.uri).toBe("f.txt");
    const d = h.request("GET", "/rx/dir");
    expect(await tryFilesPhase(h.rt, d.r)).toEqual({ kind: "next" });
    expect(d.r.uri).toBe("/rx/dir");
  });
});
