import { describe, expect, it } from "vitest";
import { headerValue, parseResponses } from "../../src/testing/http-response-parser.js";

const parse = (text: string | Buffer, closed = true, methods: string[] = []) =>
  parseResponses(typeof text === "string" ? Buffer.from(text, "latin1") : text, { closed, methodOf: (i) => methods[i] });

describe("response parser", () => {
  it("reads a Content-Length response", () => {
    const { responses, garbage } = parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhello");
    expect(garbage).toBeUndefined();
    expect(responses).toHaveLength(1);
    const r = responses[0]!;
    expect([r.protocol, r.status, r.reason, r.body.toString(), r.truncated]).toEqual(["HTTP/1.1", 200, "OK", "hello", undefined]);
    expect(headerValue(r.headers, "x-a")).toBe("b");
    expect(r.rawHeaders).toBe("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\n");
  });

  it("decodes chunked bodies with extensions and trailers", () => {
    const r = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Sum: 42\r\nX-B: c\r\n\r\n").responses[0]!;
    expect(r.body.toString()).toBe("hello, world");
    expect(r.trailers).toEqual([["X-Sum", "42"], ["X-B", "c"]]);
    expect(r.truncated).toBeUndefined();
  });

  it("splits pipelined responses", () => {
    const { responses } = parse(
      "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naHTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nb\r\n0\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n",
    );
    expect(responses.map((r) => [r.status, r.body.toString()])).toEqual([[200, "a"], [404, "b"], [204, ""]]);
  });

  it("gives HEAD, 204 and 304 responses no body even with a Content-Length", () => {
    const { responses } = parse(
      "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nHTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n",
      true,
      ["HEAD", "GET", "GET"],
    );
    expect(responses.map((r) => [r.status, r.body.length, r.truncated])).toEqual([[200, 0, undefined], [304, 0, undefined], [204, 0, undefined]]);
  });

  it("keeps 1xx responses as interim ones of the final response", () => {
    const { responses } = parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    expect(responses).toHaveLength(1);
    expect(responses[0]!.status).toBe(200);
    expect(responses[0]!.interim.map((r) => r.status)).toEqual([100]);
  });

  it("reads a body without length until the connection closes", () => {
    expect(parse("HTTP/1.0 200 OK\r\n\r\nuntil close").responses[0]!.body.toString()).toBe("until close");
    expect(parse("HTTP/1.0 200 OK\r\n\r\nmore may come", false)).toMatchObject({ responses: [], needMore: true });
  });

  it("reports truncated responses once the connection closed", () => {
    expect(parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc").responses[0]!.truncated).toBe("connection closed after 3 of 10 body bytes");
    expect(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel").responses[0]!).toMatchObject({
      truncated: "connection closed inside a chunk (3 of 5 bytes)",
    });
    expect(parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n").responses[0]!.truncated).toMatch(/chunk size line/);
    expect(parse("HTTP/1.1 200 OK\r\nContent-Le").responses[0]!).toMatchObject({ status: 200, truncated: "connection closed inside the response headers" });
  });

  it("waits for more bytes while the connection is open", () => {
    expect(parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", false)).toMatchObject({ responses: [], needMore: true });
    expect(parse("HTTP/1.1 100 Continue\r\n\r\n", false).needMore).toBe(true);
  });

  it.each([
    ["garbage\r\n\r\n", /expected a status line/],
    ["HTTP/1.1 2000 OK\r\n\r\n", /malformed status line/],
    ["HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", /bad Content-Length/],
    ["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", /bad chunk size line/],
    ["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nabc", /chunk data not followed by CRLF/],
  ])("reports %j as not HTTP", (text, message) => {
    expect(parse(text).garbage).toMatch(message);
  });

  it("joins repeated headers", () => {
    const r = parse("HTTP/1.1 200 OK\r\nA: 1\r\na: 2\r\nContent-Length: 0\r\n\r\n").responses[0]!;
    expect(headerValue(r.headers, "A")).toBe("1, 2");
    expect(headerValue(r.headers, "B")).toBeUndefined();
  });
});
