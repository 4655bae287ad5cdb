import { describe, expect, test } from "vitest";
import { bodyFraming, UpstreamBodyDecoder, type BodyFraming } from "../../src/runtime/proxy/upstream-body.js";

function feedAll(framing: BodyFraming, parts: string[]) {
  const d = new UpstreamBodyDecoder(framing);
  let body = "";
  let excess = false;
  let invalid = false;
  for (const p of parts) {
    const step = d.feed(Buffer.from(p, "latin1"));
    body += step.data.map((b) => b.toString("latin1")).join("");
    excess ||= step.excess;
    invalid ||= step.invalid;
    if (step.excess || step.invalid) break;
  }
  return { body, done: d.done, excess, invalid, received: d.received };
}

describe("bodyFraming", () => {
  test("no body for HEAD, 204, 304 and Content-Length: 0", () => {
    expect(bodyFraming("HEAD", 200, false, 10)).toEqual({ kind: "none" });
    expect(bodyFraming("GET", 204, true, -1)).toEqual({ kind: "none" });
    expect(bodyFraming("GET", 304, false, 5)).toEqual({ kind: "none" });
    expect(bodyFraming("GET", 200, false, 0)).toEqual({ kind: "none" });
  });
  test("chunked wins over Content-Length; neither means until close", () => {
    expect(bodyFraming("GET", 200, true, 10)).toEqual({ kind: "chunked" });
    expect(bodyFraming("GET", 200, false, 10)).toEqual({ kind: "length", length: 10 });
    expect(bodyFraming("GET", 200, false, -1)).toEqual({ kind: "close" });
  });
});

describe("UpstreamBodyDecoder", () => {
  test("Content-Length: done at the length, extra bytes flagged", () => {
    expect(feedAll({ kind: "length", length: 5 }, ["he", "llo"])).toMatchObject({ body: "hello", done: true, excess: false });
    expect(feedAll({ kind: "length", length: 5 }, ["hello world"])).toMatchObject({ body: "hello", done: true, excess: true });
    expect(feedAll({ kind: "length", length: 5 }, ["hel"])).toMatchObject({ body: "hel", done: false });
  });

  test("close-delimited: never done by itself", () => {
    expect(feedAll({ kind: "close" }, ["a", "b"])).toMatchObject({ body: "ab", done: false, received: 2 });
  });

  test("chunked, split at every byte", () => {
    const wire = "5\r\nhello\r\n7;name=v\r\n, world\r\n0\r\nX-Trailer: 1\r\n\r\n";
    for (let i = 1; i < wire.length; i++) {
      const r = feedAll({ kind: "chunked" }, [wire.slice(0, i), wire.slice(i)]);
      expect(r, `split at ${i}`).toMatchObject({ body: "hello, world", done: true, excess: false, invalid: false });
    }
    expect(feedAll({ kind: "chunked" }, wire.split(""))).toMatchObject({ body: "hello, world", done: true });
  });

  test("chunked with bare LF line ends and upper-case hex", () => {
    expect(feedAll({ kind: "chunked" }, ["A\nabcdefghij\n0\n\n"])).toMatchObject({ body: "abcdefghij", done: true });
  });

  test("data after the last chunk is flagged", () => {
    expect(feedAll({ kind: "chunked" }, ["1\r\na\r\n0\r\n\r\nmore"])).toMatchObject({ body: "a", done: true, excess: true });
  });

  test("broken framing is invalid", () => {
    for (const bad of ["zz\r\n", "\r\n", "5\r\nhelloX\r\n", "5\rX", "1\r\na\rX"]) {
      expect(feedAll({ kind: "chunked" }, [bad]).invalid, JSON.stringify(bad)).toBe(true);
    }
  });

  test("a response without a body is done at once; any byte is extra", () => {
    expect(feedAll({ kind: "none" }, [])).toMatchObject({ done: true });
    expect(feedAll({ kind: "none" }, ["x"])).toMatchObject({ excess: true });
  });
});
