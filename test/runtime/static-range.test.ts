import { describe, expect, test } from "vitest";
import { parseByteRanges, requestedRanges, type RangeOutcome } from "../../src/runtime/content/range.js";
import { multipartLayout, nextBoundary } from "../../src/runtime/content/multipart.js";

/** "2-5" style summary of an outcome, ends inclusive as in Content-Range. */
function show(o: RangeOutcome): string {
  if (o.kind !== "ranges") return o.kind;
  return o.ranges.map((r) => `${r.start}-${r.end - 1}`).join(",");
}

const MAX = 0x7fffffff;

// Every case was checked against nginx 1.22.1 on an 11-byte file (t/static/040-range.t).
describe("parseByteRanges on 11 bytes", () => {
  const cases: [string, string][] = [
    ["bytes=2-5", "2-5"],
    ["bytes=-3", "8-10"],
    ["bytes=8-", "8-10"],
    ["bytes=0-100", "0-10"],
    ["bytes=-100", "0-10"],
    ["bytes=0-0,2-3", "0-0,2-3"],
    ["bytes= 1 - 2 , 4-5", "1-2,4-5"],
    ["bytes=0-2,1-3", "0-2,1-3"],
    ["bytes=1-2,100-200", "1-2"],
    ["bytes=0-9223372036854775807", "0-10"],
    ["bytes=00000000000000000000001-2", "1-2"],
    // Ranges adding up to more than the file: the whole file.
    ["bytes=0-5,3-9", "full"],
    ["bytes=0-10,0-10", "full"],
    // Must fail.
    ["bytes=5-2", "unsatisfiable"],
    ["bytes=11-", "unsatisfiable"],
    ["bytes=100-200", "unsatisfiable"],
    ["bytes=-0", "unsatisfiable"],
    ["bytes=abc", "unsatisfiable"],
    ["bytes=1-2;", "unsatisfiable"],
    ["bytes=1-2,", "unsatisfiable"],
    ["bytes=,1-2", "unsatisfiable"],
    ["bytes=1", "unsatisfiable"],
    ["bytes=1-x", "unsatisfiable"],
    ["bytes=--1", "unsatisfiable"],
    ["bytes=1--2", "unsatisfiable"],
    ["bytes=+1-2", "unsatisfiable"],
    ["bytes=1-2\t", "unsatisfiable"],
    ["bytes=0-99999999999999999999", "unsatisfiable"],
    ["bytes=9223372036854775808-", "unsatisfiable"],
  ];
  for (const [value, want] of cases) {
    test(`${value} → ${want}`, () => expect(show(parseByteRanges(value, 11, MAX))).toBe(want));
  }

  test("an empty range at 0 gives up on ranges (empty file)", () => {
    expect(show(parseByteRanges("bytes=0-0", 0, MAX))).toBe("full");
    expect(show(parseByteRanges("bytes=-5", 0, MAX))).toBe("full");
    expect(show(parseByteRanges("bytes=5-", 0, MAX))).toBe("unsatisfiable");
  });

  test("max_ranges counts the satisfiable entries", () => {
    expect(show(parseByteRanges("bytes=1-2", 11, 1))).toBe("1-2");
    expect(show(parseByteRanges("bytes=1-2,4-5", 11, 1))).toBe("full");
    expect(show(parseByteRanges("bytes=1-2,100-", 11, 1))).toBe("1-2");
  });

  test("large files keep exact offsets", () => {
    const size = 5 * 2 ** 40;
    expect(show(parseByteRanges(`bytes=${size - 10}-`, size, MAX))).toBe(`${size - 10}-${size - 1}`);
  });
});

describe("requestedRanges (Range and If-Range headers)", () => {
  const etag = '"65937d25-b"';
  const mtime = 1704164645; // Tue, 02 Jan 2024 03:04:05 GMT
  const headers = (h: Record<string, string>) => (name: string) => h[name];

  test("no Range, a short one, or another unit: the whole file", () => {
    expect(show(requestedRanges(headers({}), 11, etag, mtime, MAX))).toBe("full");
    expect(show(requestedRanges(headers({ range: "bytes=" }), 11, etag, mtime, MAX))).toBe("full");
    expect(show(requestedRanges(headers({ range: "items=1-2" }), 11, etag, mtime, MAX))).toBe("full");
    expect(show(requestedRanges(headers({ range: "Bytes=1-2" }), 11, etag, mtime, MAX))).toBe("1-2");
  });

  test("If-Range: the exact ETag or the exact date", () => {
    const ask = (ifRange: string, e: string | null = etag) => show(requestedRanges(headers({ range: "bytes=1-2", "if-range": ifRange }), 11, e, mtime, MAX));
    expect(ask(etag)).toBe("1-2");
    expect(ask('"other"')).toBe("full");
    expect(ask(`W/${etag}`)).toBe("full");
    expect(ask(etag, null)).toBe("full");
    expect(ask("Tue, 02 Jan 2024 03:04:05 GMT")).toBe("1-2");
    expect(ask("Tue, 02 Jan 2024 03:04:06 GMT")).toBe("full");
    expect(ask("not a date")).toBe("full");
  });
});

describe("multipart/byteranges", () => {
  test("layout and length match nginx's bytes", () => {
    const layout = multipartLayout(
      [
        { start: 0, end: 1 },
        { start: 2, end: 4 },
      ],
      11,
      "text/plain",
      "00000000000000000001",
    );
    const file = Buffer.from("0123456789\n");
    const body = Buffer.concat([...layout.parts.flatMap((p) => [p.head, file.subarray(p.range.start, p.range.end)]), layout.trailer]).toString();
    expect(body).toBe(
      "\r\n--00000000000000000001\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-0/11\r\n\r\n0" +
        "\r\n--00000000000000000001\r\nContent-Type: text/plain\r\nContent-Range: bytes 2-3/11\r\n\r\n23" +
        "\r\n--00000000000000000001--\r\n",
    );
    // nginx answered this very request with Content-Length: 197.
    expect(layout.contentLength).toBe(197);
    expect(body.length).toBe(197);
    expect(layout.contentType).toBe("multipart/byteranges; boundary=00000000000000000001");
  });

  test("boundaries count up, 20 digits wide", () => {
    const a = nextBoundary();
    const b = nextBoundary();
    expect(a).toMatch(/^\d{20}$/);
    expect(Number(b) - Number(a)).toBe(1);
  });
});
