import { describe, expect, it } from "vitest";
import { expandMacros, randomPortNumbers, type MacroContext } from "../../src/testing/macros.js";
import { parseSpecFile } from "../../src/testing/spec-parser.js";
import { resolveBlock } from "../../src/testing/block-resolver.js";
import { configSectionsPerBlock } from "../../src/testing/config-inheritance.js";

const ctx = (over: Partial<MacroContext> = {}): MacroContext => ({
  serverPort: 1984,
  htmlDir: "/srv/html",
  serverRoot: "/srv",
  envDefaults: new Map([["FROM_HEADER", "header-value"], ["BOTH", "header"]]),
  environment: { TEST_NGINX_FROM_ENV: "env-value", TEST_NGINX_BOTH: "env" },
  randomPort: (n) => 40000 + n,
  ...over,
});

describe("macros", () => {
  it("expands the built-in macros", () => {
    expect(expandMacros("$TEST_NGINX_SERVER_PORT $TEST_NGINX_HTML_DIR/x $TEST_NGINX_SERVER_ROOT;", ctx())).toBe("1984 /srv/html/x /srv;");
  });

  it("gives each RAND_PORT number its own port", () => {
    expect(expandMacros("$TEST_NGINX_RAND_PORT_1 $TEST_NGINX_RAND_PORT_2 $TEST_NGINX_RAND_PORT_1", ctx())).toBe("40001 40002 40001");
    expect(randomPortNumbers("a $TEST_NGINX_RAND_PORT_3 b $TEST_NGINX_RAND_PORT_12")).toEqual([3, 12]);
  });

  it("prefers the environment over the header env default", () => {
    expect(expandMacros("$TEST_NGINX_FROM_ENV $TEST_NGINX_FROM_HEADER $TEST_NGINX_BOTH", ctx())).toBe("env-value header-value env");
  });

  it("leaves other dollar words alone", () => {
    expect(expandMacros("$uri $TEST_nginx $TEST_NGINXFOO", ctx())).toBe("$uri $TEST_nginx $TEST_NGINXFOO");
  });

  it("rejects an undefined macro", () => {
    expect(() => expandMacros("$TEST_NGINX_NOPE", ctx())).toThrow(/undefined macro \$TEST_NGINX_NOPE/);
  });

  it("names the block and section of an undefined macro when resolving", () => {
    const spec = parseSpecFile("=== TEST 1\n--- config\n  return 200 $TEST_NGINX_NOPE;\n--- request\nGET /\n", "m.t");
    expect(() => resolveBlock(spec, spec.blocks[0]!, configSectionsPerBlock(spec)[0]!, ctx())).toThrow(
      /^m\.t:2: section "config": undefined macro \$TEST_NGINX_NOPE/,
    );
  });

  it("expands only in the sections that take macros", () => {
    const spec = parseSpecFile(
      "=== T\n--- request\nGET /$TEST_NGINX_SERVER_PORT\n--- response_body_like: port=$TEST_NGINX_SERVER_PORT$\n--- grep_error_log: $TEST_NGINX_SERVER_PORT\n--- grep_error_log_out\nx\n",
      "m.t",
    );
    const block = resolveBlock(spec, spec.blocks[0]!, configSectionsPerBlock(spec)[0]!, ctx());
    expect(block.connections[0]!.packets[0]!.toString()).toMatch(/^GET \/1984 HTTP\/1\.1\r\n/);
    // Body regexes take macros (ports, paths); an anchor `$` before other text is left alone.
    expect(block.get("response_body_like")!.value).toEqual({ kind: "text", text: "port=1984$" });
    expect(block.get("grep_error_log")!.value).toEqual({ kind: "text", text: "$TEST_NGINX_SERVER_PORT" });
  });
});
