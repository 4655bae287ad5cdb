// The checks on synthetic responses and log text, without a server.

import { describe, expect, it } from "vitest";
import { resolveBlock } from "../../src/testing/block-resolver.js";
import { checkQuery } from "../../src/testing/backend-checks.js";
import { configSectionsPerBlock } from "../../src/testing/config-inheritance.js";
import { parseResponses } from "../../src/testing/http-response-parser.js";
import { checkAccessLog, checkLogs } from "../../src/testing/log-checks.js";
import { checkResponses } from "../../src/testing/response-checks.js";
import { parseSpecFile } from "../../src/testing/spec-parser.js";

const macros = { serverPort: 1, htmlDir: "/h", serverRoot: "/s", envDefaults: new Map(), environment: {}, randomPort: () => 2 };

function block(text: string) {
  const spec = parseSpecFile(text, "c.t");
  return resolveBlock(spec, spec.blocks[0]!, configSectionsPerBlock(spec)[0]!, macros);
}

const response = (raw: string) => parseResponses(Buffer.from(raw), { closed: true, methodOf: () => "GET" }).responses[0]!;
const ok = response("HTTP/1.1 200 OK\r\nContent-Length: 6\r\nX-A: 1\r\nX-Empty: \r\n\r\nhello\n");

describe("response checks", () => {
  it("passes matching expectations", () => {
    const b = block("=== T\n--- request\nGET /\n--- response_body\nhello\n--- response_headers\nX-A: 1\nX-Empty:\nX-Missing:\n!X-B\n--- response_body_like: ^hel+o$\n--- response_body_unlike: bye\n--- raw_response_headers_like: X-A: 1\\r\\n\n");
    expect(checkResponses(b, [ok], 0, false)).toEqual([]);
  });

  it("reports each failing check with its line", () => {
    const b = block("=== T\n--- request\nGET /\n--- error_code: 404\n--- response_headers\n!X-A\n--- response_body_like\n^bye\n");
    expect(checkResponses(b, [ok], 0, false).map((f) => [f.check, f.place.line])).toEqual([
      ["error_code", 4],
      ["response_headers", 5],
      ["response_body_like", 7],
    ]);
  });

  it("reports a missing response and a truncated one", () => {
    const b = block("=== T\n--- request\nGET /\n");
    expect(checkResponses(b, [undefined], 0, false)).toMatchObject([{ check: "error_code", message: "no response was received" }]);
    const cut = response("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
    expect(checkResponses(b, [cut], 0, false)).toMatchObject([{ check: "client", message: "truncated response: connection closed after 3 of 10 body bytes" }]);
  });

  it("indexes json arrays by repeat in single-request blocks", () => {
    const b = block('=== T\n--- request\nGET /\n--- response_body json\n["hello\\n", "other"]\n');
    expect(checkResponses(b, [ok], 0, false)).toEqual([]);
    expect(checkResponses(b, [ok], 1, false)).toMatchObject([{ check: "response_body", repeat: 1 }]);
    expect(checkResponses(b, [ok], 2, false)).toMatchObject([{ message: "the json array has 2 entries, there is no entry 3" }]);
  });

  it("skips everything with ignore_response, and the default 200 after an expected abort", () => {
    expect(checkResponses(block("=== T\n--- request\nGET /\n--- ignore_response\n"), [undefined], 0, false)).toEqual([]);
    expect(checkResponses(block("=== T\n--- request\nGET /\n--- abort\n"), [undefined], 0, true)).toEqual([]);
  });
});

describe("log checks", () => {
  const log = ["[error] one: a=1 b=2", "[info] two: a=3", "[warn] three"].join("\n") + "\n";

  it("error_log wants every line somewhere, no_error_log none", () => {
    const b = block("=== T\n--- error_log\none\n[warn]\n--- no_error_log\n[crit]\n");
    expect(checkLogs(b, log, 0, undefined)).toEqual([]);
    const bad = block("=== T\n--- error_log\nnever\n--- no_error_log\n[info]\n");
    expect(checkLogs(bad, log, 0, undefined).map((f) => f.check)).toEqual(["error_log", "no_error_log"]);
  });

  it("applies default_no_error_log only without error_log or no_error_log", () => {
    expect(checkLogs(block("=== T\n"), log, 0, "[warn]").map((f) => f.check)).toEqual(["no_error_log (header default_no_error_log)"]);
    expect(checkLogs(block("=== T\n--- error_log\none\n"), log, 0, "[warn]")).toEqual([]);
  });

  it("error_log regex patterns", () => {
    expect(checkLogs(block("=== T\n--- error_log regex\n^\\[info\\] two: a=\\d$\n"), log, 0, undefined)).toEqual([]);
  });

  it("grep_error_log collects every match in log order", () => {
    const b = block("=== T\n--- grep_error_log regex: [ab]=\\d\n--- grep_error_log_out\na=1\nb=2\na=3\n");
    expect(checkLogs(b, log, 0, undefined)).toEqual([]);
    const plain = block('=== T\n--- grep_error_log chomp\na=\n--- grep_error_log_out json\n["a=\\na=\\n", "never"]\n');
    expect(checkLogs(plain, log, 0, undefined)).toEqual([]);
    expect(checkLogs(plain, log, 1, undefined)).toMatchObject([{ check: "grep_error_log_out", expected: '"never"', actual: '"a=\\na=\\n"' }]);
  });

  it("wants grep_error_log and grep_error_log_out together", () => {
    expect(checkLogs(block("=== T\n--- grep_error_log: x\n"), log, 0, undefined)).toMatchObject([{ message: "needs a grep_error_log_out section" }]);
  });
});

describe("access log checks", () => {
  const log = '127.0.0.1 - - [23/Nov/2026:18:43:59 +0000] "GET /a HTTP/1.1" 200 5 "-" "ua"\nstatus=404 bytes=153\n';

  it("access_log wants every pattern on some line, no_access_log on none", () => {
    expect(checkAccessLog(block('=== T\n--- access_log\n"GET /a HTTP/1.1" 200 5\nstatus=404\n--- no_access_log\nstatus=500\n'), log, 0)).toEqual([]);
    const bad = block("=== T\n--- access_log\nstatus=200\n--- no_access_log\nGET /a\n");
    expect(checkAccessLog(bad, log, 0).map((f) => [f.check, f.place.line])).toEqual([
      ["access_log", 2],
      ["no_access_log", 4],
    ]);
  });

  it("access_log regex patterns", () => {
    expect(checkAccessLog(block("=== T\n--- access_log regex\n^status=404 bytes=\\d+$\n"), log, 0)).toEqual([]);
    expect(checkAccessLog(block("=== T\n--- access_log regex\n^status=200\n"), log, 0)).toMatchObject([{ check: "access_log" }]);
  });
});

describe("query checks", () => {
  const b = block("=== T\n--- udp_listen: 5353\n--- udp_query escape chomp\n\\x01\\x02\n");
  it("passes the exact bytes and fails others or none", () => {
    expect(checkQuery("udp_query", b.udpMock!.query, [Buffer.from([1, 2])], 0)).toEqual([]);
    expect(checkQuery("udp_query", b.udpMock!.query, [Buffer.from([1])], 0)).toMatchObject([{ message: "the mock backend received other bytes" }]);
    expect(checkQuery("udp_query", b.udpMock!.query, [], 0)).toMatchObject([{ message: "the mock backend received no datagram" }]);
  });

  it("refuses mock sections without their listen section", () => {
    expect(() => block("=== T\n--- tcp_reply: x\n")).toThrow(/c\.t:2: section "tcp_reply": needs a tcp_listen section/);
  });
});
