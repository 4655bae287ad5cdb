import { describe, expect, test } from "vitest";
import { ChunkedDecoder, LengthDecoder } from "../../src/runtime/http/body-decoder.js";
import { parseRequestHead, DEFAULT_HEAD_LIMITS } from "../../src/runtime/http/parse-head.js";

function head(text: string) {
  return parseRequestHead(text, DEFAULT_HEAD_LIMITS);
}

describe("request head", () => {
  test("a complete head with pipelined bytes after it", () => {
    const p = head("GET /a?b=1 HTTP/1.1\r\nHost: x\r\nX-A:  v \r\n\r\nGET /next");
    expect(p.kind).toBe("ok");
    if (p.kind !== "ok") return;
    expect(p.head.method).toBe("GET");
    expect(p.head.target).toBe("/a?b=1");
    expect(p.head.version).toBe(11);
    expect(p.head.headerMap.get("x-a")).toBe("v");
    expect("GET /a?b=1 HTTP/1.1\r\nHost: x\r\nX-A:  v \r\n\r\nGET /next".slice(p.consumed)).toBe("GET /next");
  });

  test("incomplete until the empty line", () => {
    expect(head("GET / HTTP/1.1\r\nHost: x\r\n").kind).toBe("incomplete");
  });

  test("bare LF line endings are accepted", () => {
    expect(head("GET / HTTP/1.0\n\n").kind).toBe("ok");
  });

  test("absolute-form targets give the host and an origin-form path", () => {
    const p = head("GET http://example.com:8080/p?q HTTP/1.1\r\n\r\n");
    expect(p.kind === "ok" && [p.head.targetHost, p.head.target]).toEqual(["example.com:8080", "/p?q"]);
  });

  const refused: [string, string, number][] = [
    ["lower-case method", "get / HTTP/1.1\r\n\r\n", 400],
    ["garbage", "NONSENSE\r\n\r\n", 400],
    ["HTTP/2.0", "GET / HTTP/2.0\r\n\r\n", 505],
    ["a space in a header name", "GET / HTTP/1.1\r\nBad Header\r\n\r\n", 400],
    ["NUL in a header", "GET / HTTP/1.1\r\nA: b\0c\r\n\r\n", 400],
    ["duplicate Host", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400],
    ["target without a slash", "GET x HTTP/1.1\r\n\r\n", 400],
    ["a request line over the limit", `GET /${"a".repeat(9000)} HTTP/1.1\r\n\r\n`, 414],
    ["a header line over the limit", `GET / HTTP/1.1\r\nX: ${"a".repeat(9000)}\r\n\r\n`, 494],
  ];
  for (const [name, text, status] of refused) {
    test(`refused: ${name} → ${status}`, () => {
      const p = head(text);
      expect(p.kind).toBe("error");
      if (p.kind === "error") expect(p.status).toBe(status);
    });
  }

  test("invalid header names are ignored by default (ignore_invalid_headers on)", () => {
    const p = head("GET / HTTP/1.1\r\nHost: x\r\nX_Under: 1\r\nX@Y: 2\r\n\r\n");
    expect(p.kind === "ok" && p.head.headers.map(([n]) => n)).toEqual(["Host"]);
  });
});

describe("request bodies", () => {
  test("Content-Length stops at the length", () => {
    const d = new LengthDecoder(5, 1024);
    const r = d.feed(Buffer.from("helloGET /"));
    expect(r).toEqual({ consumed: 5, done: true });
    expect(Buffer.concat(d.chunks).toString()).toBe("hello");
  });

  test("chunked with extensions and trailers, fed byte by byte", () => {
    const d = new ChunkedDecoder(1024);
    const wire = "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: x\r\n\r\nNEXT";
    let consumed = 0;
    for (const ch of wire) {
      if (d.done) break;
      const r = d.feed(Buffer.from(ch, "latin1"));
      if ("error" in r) throw new Error(r.error);
      consumed += r.consumed;
    }
    expect(d.done).toBe(true);
    expect(wire.slice(consumed)).toBe("NEXT");
    expect(Buffer.concat(d.chunks).toString()).toBe("hello world");
    expect(d.wireBytes).toBe(consumed);
  });

  test("wire bytes count the chunk framing, not what follows the body", () => {
    const d = new ChunkedDecoder(1024);
    d.feed(Buffer.from("5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\nGET /"));
    expect([d.received, d.wireBytes]).toEqual([10, 25]);
  });

  test("the chunk that crosses a limit is named by the bytes before it and its size", () => {
    const d = new ChunkedDecoder(1024);
    d.feed(Buffer.from("3\r\nabc\r\n3\r\ndef\r\n3\r\nghi\r\n0\r\n\r\n"));
    expect([d.crossing(2), d.crossing(3), d.crossing(8), d.crossing(9)]).toEqual([
      { before: 0, size: 3 },
      { before: 3, size: 3 },
      { before: 6, size: 3 },
      null,
    ]);
  });

  test("a chunk counts from its first data byte, whole, whatever the packets", () => {
    const d = new ChunkedDecoder(1024);
    d.feed(Buffer.from("4\r\nab"));
    expect(d.crossing(3)).toEqual({ before: 0, size: 4 });
    d.feed(Buffer.from("cd\r\n10\r\n"));
    // Only the size line of the second chunk came: nginx has not checked it yet.
    expect(d.crossing(4)).toBeNull();
    d.feed(Buffer.from("x"));
    expect(d.crossing(4)).toEqual({ before: 4, size: 16 });
  });

  test("a bad chunk size is an error", () => {
    expect(new ChunkedDecoder(1024).feed(Buffer.from("zz\r\nhello\r\n"))).toHaveProperty("error");
  });

  test("a body over the cap is counted but not kept", () => {
    const d = new LengthDecoder(10, 4);
    d.feed(Buffer.from("0123456789"));
    expect([d.done, d.overflow, d.received, d.chunks.length]).toEqual([true, true, 10, 0]);
  });

  test("a discarded body drops what was kept and keeps nothing more, still framing the rest", () => {
    const d = new ChunkedDecoder(1024);
    d.feed(Buffer.from("5\r\nhello\r\n"));
    d.discard();
    const r = d.feed(Buffer.from("5\r\nworld\r\n0\r\n\r\nGET"));
    expect([r, d.received, d.chunks.length, d.overflow]).toEqual([{ consumed: 15, done: true }, 10, 0, false]);
  });
});
