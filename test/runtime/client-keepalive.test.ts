// Which requests ask to keep their connection: nginx's substring search over Connection lines.
import { describe, expect, test } from "vitest";
import { clientWantsKeepalive } from "../../src/runtime/http/client-keepalive.js";
import { parseRequestHead } from "../../src/runtime/http/parse-head.js";

function wants(requestLine: string, ...connection: string[]): boolean {
  const lines = connection.map((v) => `Connection: ${v}\r\n`).join("");
  const p = parseRequestHead(`${requestLine}\r\nHost: x\r\n${lines}\r\n`);
  if (p.kind !== "ok") throw new Error(p.kind);
  return clientWantsKeepalive(p.head);
}

describe("clientWantsKeepalive", () => {
  test("without a Connection line: HTTP/1.1 yes, HTTP/1.0 no, HTTP/0.9 never", () => {
    expect([wants("GET / HTTP/1.1"), wants("GET / HTTP/1.0"), wants("GET /")]).toEqual([true, false, false]);
  });

  test("close and keep-alive are found anywhere in a value, in any case, close first", () => {
    expect(wants("GET / HTTP/1.1", "Upgrade, CLOSED\t")).toBe(false);
    expect(wants("GET / HTTP/1.0", "x-Keep-Alive-y")).toBe(true);
    expect(wants("GET / HTTP/1.0", "keep-alive, close")).toBe(false);
  });

  test("the last line with either word decides", () => {
    expect(wants("GET / HTTP/1.1", "close", "keep-alive")).toBe(true);
    expect(wants("GET / HTTP/1.1", "close", "upgrade")).toBe(false);
  });
});
