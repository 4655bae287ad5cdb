import { describe, expect, test } from "vitest";
import { parseResponseHead, type HeadParse } from "../../src/runtime/proxy/upstream-response.js";

function parse(text: string): HeadParse {
  return parseResponseHead(Buffer.from(text, "latin1"));
}

function head(text: string) {
  const p = parse(text);
  if (p.kind !== "head") throw new Error(`expected a head, got ${p.kind}`);
  return p;
}

// The accept/refuse rules of nginx 1.22.1's ngx_http_parse_status_line and
// ngx_http_parse_header_line for upstreams (the invalid-header texts were checked against it).
describe("status line", () => {
  test("version, code and text", () => {
    const p = head("HTTP/1.1 200 OK\r\n\r\n");
    expect(p.head).toEqual({ version: 1001, status: 200, statusLine: "200 OK", headers: [] });
    expect(p.consumed).toBe(19);
  });

  test("the text is kept as sent, also when absent or odd", () => {
    expect(head("HTTP/1.0 418 I'm a teapot\r\n\r\n").head.statusLine).toBe("418 I'm a teapot");
    expect(head("HTTP/1.1 599\r\n\r\n").head.statusLine).toBe("599");
    expect(head("HTTP/1.1 403.1 Forbidden\r\n\r\n").head.statusLine).toBe("403.1 Forbidden");
    expect(head("HTTP/1.1   204 x\r\n\r\n").head.status).toBe(204);
  });

  test("bare LF line ends", () => {
    const p = head("HTTP/1.0 200 OK\nA: b\n\nbody");
    expect(p.head.headers).toEqual([["A", "b"]]);
    expect(p.consumed).toBe("HTTP/1.0 200 OK\nA: b\n\n".length);
  });

  test("versions are counted as nginx does", () => {
    expect(head("HTTP/1.0 200 OK\r\n\r\n").head.version).toBe(1000);
    expect(head("HTTP/2.5 200 OK\r\n\r\n").head.version).toBe(2005);
  });

  test("anything else is no status line (an HTTP/0.9 body)", () => {
    for (const bad of ["hello\r\n\r\n", "http/1.1 200 OK\r\n\r\n", "HTTP/0.9 200 OK\r\n\r\n", "HTTP/1.1\r\n\r\n", "HTTP/1.1 20x OK\r\n\r\n", "HTTP/1.1 2000\r\n\r\n", "HTTP/1.1 200 OK\rX"]) {
      expect(parse(bad).kind, JSON.stringify(bad)).toBe("no-status-line");
    }
  });

  test("a prefix of a valid line is incomplete", () => {
    for (const partial of ["", "H", "HTTP/", "HTTP/1.", "HTTP/1.1", "HTTP/1.1 2", "HTTP/1.1 200", "HTTP/1.1 200 OK", "HTTP/1.1 200 OK\r"]) {
      expect(parse(partial).kind, JSON.stringify(partial)).toBe("incomplete");
    }
  });
});

describe("headers", () => {
  test("names and values as sent, spaces around the value dropped", () => {
    const p = head("HTTP/1.1 200 OK\r\nContent-Type:text/html\r\nX-Pad:   a  b   \r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n");
    expect(p.head.headers).toEqual([
      ["Content-Type", "text/html"],
      ["X-Pad", "a  b"],
      ["Set-Cookie", "a=1"],
      ["Set-Cookie", "b=2"],
    ]);
  });

  test("a tab starts the value; empty values and lines without a colon are headers too", () => {
    expect(head("HTTP/1.1 200 OK\r\nA:\tx\r\nB:\r\nC\r\n\r\n").head.headers).toEqual([
      ["A", "\tx"],
      ["B", ""],
      ["C", ""],
    ]);
  });

  test("odd name bytes nginx merely flags are accepted", () => {
    expect(head("HTTP/1.1 200 OK\r\nX.Y: 1\r\nA_b: 2\r\n\r\n").head.headers).toEqual([
      ["X.Y", "1"],
      ["A_b", "2"],
    ]);
  });

  test("a repeated status line among the headers (IIS) is skipped", () => {
    expect(head("HTTP/1.1 100 Continue\r\nHTTP/1.1 200 OK\r\nA: 1\r\n\r\n").head.headers).toEqual([["A", "1"]]);
  });

  test("the body after the head is not consumed", () => {
    const text = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbody";
    expect(head(text).consumed).toBe(text.length - 4);
  });

  test("refused lines carry nginx's log text", () => {
    const cases: [string, string][] = [
      ["HTTP/1.1 200 OK\r\nBad Header: x\r\n\r\n", '"Bad\\x20..."'],
      ["HTTP/1.1 200 OK\r\n Folded: x\r\n\r\n", '"\\x20..."'],
      ["HTTP/1.1 200 OK\r\n: x\r\n\r\n", '"\\x3a..."'],
      ["HTTP/1.1 200 OK\r\nX-B: a\rb\r\n\r\n", '"X-B: a\\x0d..."'],
      ["HTTP/1.1 200 OK\r\nX-B: a \rb\r\n\r\n", '"X-B: a\\x20..."'],
      ["HTTP/1.1 200 OK\r\nX-Nul: a\0b\r\n\r\n", '"X-Nul: a\\x00..."'],
      ["HTTP/1.1 200 OK\r\nX\x7fY: a\r\n\r\n", '"X\\x7f..."'],
      ["HTTP/1.1 200 OK\r\n\rX", '"\\x0d..."'],
    ];
    for (const [text, shown] of cases) {
      expect(parse(text), JSON.stringify(text)).toEqual({ kind: "invalid-header", shown });
    }
  });

  test("a head cut anywhere is incomplete", () => {
    const full = "HTTP/1.1 200 OK\r\nA: b\r\nC:  d \r\n\r\n";
    for (let i = 0; i < full.length; i++) {
      expect(parse(full.slice(0, i)).kind, JSON.stringify(full.slice(0, i))).toBe("incomplete");
    }
    expect(parse(full).kind).toBe("head");
  });

  test("latin1 bytes in values pass unchanged", () => {
    expect(head("HTTP/1.1 200 OK\r\nX-Name: caf\xe9\r\n\r\n").head.headers).toEqual([["X-Name", "caf\xe9"]]);
  });
});
