import { describe, expect, it } from "vitest";
import { buildRequest, parseHeaderLines, parseRequestText } from "../../src/testing/http-request-builder.js";

const opts = { moreHeaders: [] as [string, string][], keepAlive: false, host: "localhost" };
const build = (text: string, over: Partial<typeof opts> = {}, fromSection = true): string =>
  buildRequest(parseRequestText(text, fromSection), { ...opts, ...over }).toString();

describe("request builder", () => {
  it("adds Host and Connection: close to a bare GET", () => {
    expect(build("GET /t\n")).toBe("GET /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  });

  it("keeps the protocol of the request line", () => {
    expect(build("GET /t HTTP/1.0\n")).toBe("GET /t HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    expect(build("GET /t HTTP/0.9\n")).toBe("GET /t\r\n");
  });

  it("adds Content-Length for a body; the section's final newline is not part of it", () => {
    expect(build("POST /t\nhello\nworld\n")).toBe(
      "POST /t HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 11\r\n\r\nhello\nworld",
    );
  });

  it("takes a json request string as written", () => {
    expect(build("POST /t\nab\n", {}, false)).toMatch(/Content-Length: 3\r\n\r\nab\n$/);
  });

  it("sends no Content-Length without body lines", () => {
    expect(build("POST /t\n")).not.toMatch(/Content-Length/);
  });

  it("lets more_headers replace Host, Connection and the body length", () => {
    const moreHeaders = parseHeaderLines(["Host: example.test", "connection: keep-alive", "Transfer-Encoding: chunked"]);
    expect(build("POST /t\n0\r\n\r\n", { moreHeaders })).toBe(
      "POST /t HTTP/1.1\r\nHost: example.test\r\nconnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r",
    );
  });

  it("marks pipelined requests keep-alive", () => {
    expect(build("GET /a\n", { keepAlive: true })).toMatch(/\r\nConnection: keep-alive\r\n/);
  });

  it("appends extra headers after its own", () => {
    expect(build("GET /\n", { moreHeaders: [["X-A", "1"]] })).toBe("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-A: 1\r\n\r\n");
  });

  it.each([["GET\n", /not "METHOD URI/], ["GET / HTTP/1.1 extra\n", /not "METHOD URI/], ["GET / HTTPS/1.1\n", /unknown protocol/], ["\n", /not "METHOD URI/]])(
    "rejects %j",
    (text, message) => {
      expect(() => parseRequestText(text, true)).toThrow(message);
    },
  );

  it("rejects header lines without a colon", () => {
    expect(() => parseHeaderLines(["NoColon"])).toThrow(/not "Name: value"/);
  });
});
