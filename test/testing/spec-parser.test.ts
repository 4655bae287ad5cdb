import { describe, expect, it } from "vitest";
import { parseSpecFile } from "../../src/testing/spec-parser.js";
import { SpecError } from "../../src/testing/spec-error.js";

const parse = (text: string) => parseSpecFile(text, "x.t");
const errorOf = (text: string): string => {
  try {
    parse(text);
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    return (e as Error).message;
  }
  throw new Error("expected a SpecError");
};

describe("header", () => {
  it("reads known keys, with defaults for the rest", () => {
    const spec = parse("# repeat_each: 3\n# log_level: info\n# default_no_error_log: [error]\n# timeout: 1.5\n# master_process: on\n\n=== TEST 1\n");
    expect(spec.header).toMatchObject({ repeatEach: 3, logLevel: "info", defaultNoErrorLog: "[error]", timeout: 1.5, masterProcess: true, workers: 1, rootLocation: true });
  });

  it("treats other # lines, blank lines and __DATA__ as comments", () => {
    const spec = parse("# just a comment\n#vim:set ft=\n\n__DATA__\n=== TEST 1\n");
    expect(spec.header.repeatEach).toBe(1);
    expect(spec.blocks).toHaveLength(1);
  });

  it("collects repeatable env defaults with or without the prefix", () => {
    const spec = parse("# env: FOO=bar\n# env: TEST_NGINX_BAZ=a=b\n=== T\n");
    expect([...spec.header.env]).toEqual([["FOO", "bar"], ["BAZ", "a=b"]]);
  });

  it.each([
    ["# repeat_eacj: 2\n", /x\.t:1: unknown header key "repeat_eacj"/],
    ["# repeat_each: 0\n", /positive integer/],
    ["# repeat_each: 2\n# repeat_each: 3\n", /x\.t:2: header key "repeat_each" is repeated/],
    ["# log_level: loud\n", /log level "loud"/],
    ["# master_process: yes\n", /on or off/],
    ["# env: nope\n", /NAME=value/],
    ["stray text\n", /x\.t:1: text before the first block/],
  ])("rejects %j", (header, message) => {
    expect(errorOf(header + "=== TEST 1\n")).toMatch(message);
  });
});

describe("blocks and sections", () => {
  it("splits blocks, titles, descriptions and sections with their lines", () => {
    const spec = parse("=== TEST 1: first\nsome words\n--- request\nGET /\n=== TEST 2: second\n--- error_code: 404\n");
    expect(spec.blocks.map((b) => [b.index, b.title, b.place.line])).toEqual([[1, "TEST 1: first", 1], [2, "TEST 2: second", 5]]);
    expect(spec.blocks[0]!.description).toBe("some words");
    expect(spec.blocks[0]!.sections.get("request")).toMatchObject({ text: "GET /\n", inline: false, place: { file: "x.t", line: 3 } });
  });

  it("reads modifiers and inline values", () => {
    const s = parse("=== T\n--- raw_request escape chomp: GET /\\r\\n\n").blocks[0]!.sections.get("raw_request")!;
    expect(s.modifiers).toEqual(["escape", "chomp"]);
    expect(s.text).toBe("GET /\\r\\n");
    expect(s.inline).toBe(true);
  });

  it("normalises values: CRLF, leading and trailing blank lines, exactly one newline", () => {
    const spec = parse("=== T\r\n--- response_body\r\n\r\n\r\nline 1\r\n\r\nline 3\r\n\r\n\r\n--- config\n--- error_code:   404  \n");
    const b = spec.blocks[0]!;
    expect(b.sections.get("response_body")!.text).toBe("line 1\n\nline 3\n");
    expect(b.sections.get("config")!.text).toBe("");
    expect(b.sections.get("error_code")!.text).toBe("404");
  });

  it("keeps indented content verbatim", () => {
    const text = parse("=== T\n--- config\n    location / {\n        --- not a section\n    }\n").blocks[0]!.sections.get("config")!.text;
    expect(text).toBe("    location / {\n        --- not a section\n    }\n");
  });

  it("applies DEFAULTS only as the first block", () => {
    const spec = parse("=== DEFAULTS\n--- error_code: 201\n=== T\n--- request\nGET /\n");
    expect(spec.defaults.get("error_code")!.text).toBe("201");
    expect(spec.blocks).toHaveLength(1);
    expect(errorOf("=== T\n=== DEFAULTS\n")).toMatch(/x\.t:2: === DEFAULTS must be the first block/);
    expect(errorOf("=== DEFAULTS\n--- ONLY\n")).toMatch(/cannot appear in DEFAULTS/);
  });

  it.each([
    ["=== T\n--- response_bdy\nx\n", /x\.t:2: unknown section "response_bdy"/],
    ["=== T\n--- request\nGET /\n--- request\nGET /x\n", /x\.t:4: section "request" is repeated in this block \(first at line 2\)/],
    ["=== T\n--- request evil\nGET /\n", /x\.t:2: unknown modifier "evil"/],
    ["=== T\n--- request-x\n", /x\.t:2: malformed section line/],
    ["=== T\n--- error_code: 200\n404\n", /inline value and also lines/],
    ["=== T\n--- ONLY\nsomething\n", /marker "ONLY" takes no value/],
    ["=== T\n--- SKIP chomp\n", /takes no modifiers/],
  ])("rejects %j", (text, message) => {
    expect(errorOf(text)).toMatch(message);
  });
});

describe("ONLY, SKIP, LAST", () => {
  const runs = (text: string) => parse(text).selection.map((s) => s.run);

  it("runs everything by default", () => {
    expect(runs("=== A\n=== B\n")).toEqual([true, true]);
  });
  it("SKIP drops a block", () => {
    expect(runs("=== A\n--- SKIP\n=== B\n")).toEqual([false, true]);
  });
  it("ONLY keeps only marked blocks", () => {
    expect(runs("=== A\n=== B\n--- ONLY\n=== C\n")).toEqual([false, true, false]);
  });
  it("LAST drops the blocks after it", () => {
    const spec = parse("=== A\n=== B\n--- LAST\n=== C\n");
    expect(spec.selection.map((s) => s.run)).toEqual([true, true, false]);
    expect(spec.selection[2]).toMatchObject({ reason: expect.stringMatching(/LAST/) });
  });
});
