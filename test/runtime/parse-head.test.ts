// Request-head limits and duplicate headers, each case checked against nginx 1.22.1 with
// `large_client_header_buffers 2 1k` (client_header_buffer_size 1k) unless it says otherwise.
import { describe, expect, test } from "vitest";
import { DEFAULT_HEAD_LIMITS, parseRequestHead, type HeadLimits } from "../../src/runtime/http/parse-head.js";
import { validateHost } from "../../src/runtime/server-names.js";

const TWO_1K: HeadLimits = { ...DEFAULT_HEAD_LIMITS, firstBuffer: 1024, largeSize: 1024, largeCount: 2 };

/** A header line of exactly `length` bytes, CRLF included. */
function header(name: string, length: number): string {
  return `${name}: ${"b".repeat(length - name.length - 4)}\r\n`;
}

function requestLine(length: number): string {
  return `GET /${"a".repeat(length - 16)} HTTP/1.1\r\n`;
}

function outcome(data: string, limits = TWO_1K): string {
  const p = parseRequestHead(data, limits);
  return p.kind === "error" ? String(p.status) : p.kind;
}

const TAIL = "Connection: close\r\n\r\n";

describe("request line limit", () => {
  test.each([
    [1024, "ok"],
    [1025, "414"],
  ])("a %d-byte request line: %s", (length, expected) => {
    expect(outcome(requestLine(length) + "Host: x\r\n" + TAIL)).toBe(expected);
  });

  test("an incomplete request line is refused as soon as it cannot fit", () => {
    expect(outcome(requestLine(2000).slice(0, 1024))).toBe("414");
    expect(outcome(requestLine(2000).slice(0, 1023))).toBe("incomplete");
  });

  test("$request of a 414 is what the buffer held of the line", () => {
    const p = parseRequestHead(requestLine(1030) + "Host: x\r\n" + TAIL, TWO_1K);
    expect(p.kind === "error" && p.requestLine).toBe(requestLine(1030).slice(0, 1024));
  });
});

describe("header buffers", () => {
  const head = (...lines: string[]): string => "GET / HTTP/1.1\r\nHost: x\r\n" + lines.join("") + TAIL;

  test.each([
    ["a 1024-byte header line", [header("X-Long", 1024)], "ok"],
    ["a 1025-byte header line", [header("X-Long", 1025)], "494"],
    ["three 800-byte lines (one per buffer)", [header("X-A", 800), header("X-B", 800), header("X-C", 800)], "ok"],
    ["eight 300-byte lines", Array.from({ length: 8 }, (_, i) => header(`X-${i}`, 300)), "ok"],
    ["ten 300-byte lines", Array.from({ length: 10 }, (_, i) => header(`X-${i}`, 300)), "494"],
    ["999 + 1024 + 1003 bytes: every buffer exactly full", [header("X-A", 999), header("X-B", 1024), header("X-C", 1003)], "ok"],
    ["one byte more at the end", [header("X-A", 999), header("X-B", 1024), header("X-C", 1004)], "494"],
    ["one byte more at the start", [header("X-A", 1000), header("X-B", 1000), header("X-C", 1003)], "494"],
  ])("%s", (_, lines, expected) => {
    expect(outcome(head(...lines))).toBe(expected);
  });

  test("a large first buffer holds a line longer than a large buffer", () => {
    const big: HeadLimits = { ...TWO_1K, firstBuffer: 4096 };
    expect(outcome(head(header("X-Long", 2000)), big)).toBe("ok");
    expect(outcome(head(header("X-Long", 2000)))).toBe("494");
  });

  test("the message shows the refused line up to the end of its buffer", () => {
    const p = parseRequestHead(head(header("X-Long", 1500)), TWO_1K);
    expect(p.kind === "error" && p.reason).toBe(`client sent too long header line: "${header("X-Long", 1500).slice(0, 1024)}..."`);
  });
});

describe("duplicate headers", () => {
  test.each(["Content-Length: 0", "Transfer-Encoding: chunked", "Expect: 100-continue", "Authorization: x", "If-Match: *", "If-None-Match: x", "If-Modified-Since: x", "If-Unmodified-Since: x", "If-Range: x", "Content-Range: x"])(
    "a second %s is 400",
    (line) => {
      const p = parseRequestHead(`GET / HTTP/1.1\r\nHost: x\r\n${line}\r\n${line.toLowerCase()}\r\n\r\n`);
      expect(p.kind === "error" && [p.status, p.reason]).toEqual([
        400,
        `client sent duplicate header line: "${line.toLowerCase()}", previous value: "${line}"`,
      ]);
    },
  );

  test.each(["User-Agent: a", "Cookie: a=1", "Accept: */*", "Range: bytes=0-1", "Connection: close", "X-Any: 1"])("a second %s is fine", (line) => {
    expect(parseRequestHead(`GET / HTTP/1.1\r\nHost: x\r\n${line}\r\n${line}\r\n\r\n`).kind).toBe("ok");
  });

  test("a second Host has its own message, with both names as sent", () => {
    const p = parseRequestHead("GET / HTTP/1.1\r\nhost: a\r\nHOST: b\r\n\r\n");
    expect(p.kind === "error" && p.reason).toBe('client sent duplicate host header: "HOST: b", previous value: "host: a"');
  });
});

describe("validateHost", () => {
  test.each([
    ["www.Example.COM", "www.example.com"],
    ["www.example.com.", "www.example.com"],
    ["www.example.com.:8080", "www.example.com"],
    ["www.example.com:8080", "www.example.com"],
    [".www.example.com", ".www.example.com"],
    ["a\\b", "a\\b"],
    ["[::1]:80", "[::1]"],
    ["[::1", "[::1"],
    ["\xC0.test", "\xC0.test"],
  ])("%j → %j", (raw, host) => {
    expect(validateHost(raw)).toBe(host);
  });

  test.each(["a/b", "a..b", "a:80/x", "a:8..0", ".", ":80", "a b", "a\tb", "a\x7fb", "a\0b"])("%j is invalid", (raw) => {
    expect(validateHost(raw)).toBeNull();
  });
});

describe("HTTP version", () => {
  const status = (protocol: string): string => {
    const p = parseRequestHead(`GET /t ${protocol}\r\nHost: x\r\n\r\n`);
    return p.kind === "error" ? `${p.status} ${p.reason}` : `ok ${p.kind === "ok" ? p.head.version : ""}`;
  };
  test.each([
    ["HTTP/1.1", "ok 11"],
    ["HTTP/1.0", "ok 10"],
    ["HTTP/1.01", "ok 11"],
    ["HTTP/1.999", "ok 11"],
    ["HTTP/1.000", "ok 10"],
    ["HTTP/1.1000", "400 client sent invalid request"],
    ["HTTP/01.1", "400 client sent invalid request"],
    ["HTTP/0.9", "400 client sent invalid request"],
    ["HTTP/1", "400 client sent invalid request"],
    ["HTTP/1.", "400 client sent invalid request"],
    ["HTTP/1.1a", "400 client sent invalid request"],
    ["http/1.1", "400 client sent invalid request"],
    ["HTTP/2", "505 client sent invalid version"],
    ["HTTP/2.0", "505 client sent invalid version"],
    ["HTTP/10.0", "505 client sent invalid version"],
    ["HTTP/1000.0", "505 client sent invalid version"],
  ])("%s: %s", (protocol, expected) => {
    expect(status(protocol)).toBe(expected);
  });

  test("HTTP/0.9 knows only GET, and its error is answered the 0.9 way", () => {
    const p = parseRequestHead("POST /t\r\n");
    expect(p.kind === "error" && [p.status, p.reason, p.version]).toEqual([400, "client sent invalid method in HTTP/0.9 request", 9]);
    expect(parseRequestHead("GET /t\r\n").kind).toBe("ok");
  });
});

describe("absolute-form targets", () => {
  const parsed = (target: string): string => {
    const p = parseRequestHead(`GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
    return p.kind === "ok" ? `${p.head.targetHost} ${p.head.target}` : p.kind === "error" ? String(p.status) : p.kind;
  };
  test.each([
    ["http://a.b/t?x=1", "a.b /t?x=1"],
    ["HTTP://A-B.c:8080/t", "A-B.c:8080 /t"],
    ["ftp://a/t", "a /t"],
    ["http://a", "a /"],
    ["http://a:80?q", "a:80 /?q"],
    ["http://a:/t", "a: /t"],
    ["http://[::1]:80/t", "[::1]:80 /t"],
    ["http://user@a/t", "400"],
    ["http://a_b/t", "400"],
    ["http://a%41/t", "400"],
    ["http://a:b/t", "400"],
    ["http://:80/t", "400"],
    ["http://a#f", "400"],
    ["http:/a/t", "400"],
    ["1a://a/t", "400"],
  ])("%s → %s", (target, expected) => {
    expect(parsed(target)).toBe(expected);
  });
});

describe("header values", () => {
  const values = (headLines: string): unknown => {
    const p = parseRequestHead(`GET /t HTTP/1.1\r\n${headLines}\r\n`);
    if (p.kind !== "ok") throw new Error(p.kind);
    return p.head.headers.map(([, v]) => v);
  };

  test("lose the spaces around them, and only those: tabs stay", () => {
    expect(values("A:   1  2  \r\nB:\t1\t\r\nC:  \t 1 \t  \r\nD:    \r\nE:\t\r\n")).toEqual(["1  2", "\t1\t", "\t 1 \t", "", "\t"]);
  });
});

describe("header lines dropped as invalid (ignore_invalid_headers on)", () => {
  const ignored = (headLines: string): unknown => {
    const p = parseRequestHead(`GET /t HTTP/1.1\r\n${headLines}\r\n`);
    if (p.kind !== "ok") throw new Error(p.kind);
    return p.head.ignoredLines.map((l) => [l.text, l.headersBefore]);
  };

  test("each is shown up to the end of its value, with the kept lines before it", () => {
    expect(ignored("X(A):   1  \r\nHost: x\r\nX_A: 3\r\nX{C}\r\n")).toEqual([
      ["X(A):   1", 0],
      ["X_A: 3", 1],
      ["X{C}", 1],
    ]);
  });

  test("tabs after a value stay, and an empty value keeps the spaces after the colon", () => {
    expect(ignored("X(A):\t1\t\r\nX(B): 1 \t \r\nX(C):   \r\n")).toEqual([
      ["X(A):\t1\t", 0],
      ["X(B): 1 \t", 0],
      ["X(C):   ", 0],
    ]);
  });

  test("with ignore_invalid_headers off they are kept, not dropped", () => {
    const p = parseRequestHead("GET /t HTTP/1.1\r\nX(A): 1\r\n\r\n", { ...DEFAULT_HEAD_LIMITS, ignoreInvalidHeaders: false });
    expect(p.kind === "ok" && [p.head.headers, p.head.ignoredLines]).toEqual([[["X(A)", "1"]], []]);
  });

  test("a bare CR in an unfinished line is refused at once, after the lines before it", () => {
    const p = parseRequestHead("GET /t HTTP/1.1\r\nHost: x\r\nX(A): 1\r\nX-A: a\rb");
    expect(p.kind === "error" && [p.status, p.reason, p.headers, p.ignored.map((l) => l.text)]).toEqual([
      400,
      'client sent invalid header line: "X-A: a\\x0d..."',
      [["Host", "x"]],
      ["X(A): 1"],
    ]);
  });

  test("a refused head and an unfinished one still carry the lines dropped before", () => {
    const refused = parseRequestHead("GET /t HTTP/1.1\r\nX(A): 1\r\nHost: x\r\nHost: y\r\n\r\n");
    expect(refused.kind === "error" && refused.ignored.map((l) => l.text)).toEqual(["X(A): 1"]);
    const unfinished = parseRequestHead("GET /t HTTP/1.1\r\nHost: x\r\nX(A): 1\r\nX-B: 2");
    expect(unfinished.kind === "incomplete" && [unfinished.partial.headers, unfinished.partial.ignored]).toEqual([
      [["Host", "x"]],
      [{ text: "X(A): 1", headersBefore: 1 }],
    ]);
  });
});
