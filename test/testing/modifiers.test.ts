import { describe, expect, it } from "vitest";
import { applyModifiers } from "../../src/testing/modifiers.js";
import { unescapeText } from "../../src/testing/text-escapes.js";
import type { ModifierName } from "../../src/testing/spec-model.js";

const place = { file: "m.t", line: 7 };
const apply = (text: string, ...mods: ModifierName[]) => applyModifiers(text, mods, place);

describe("modifiers", () => {
  it("leaves text alone without modifiers", () => {
    expect(apply("a\n")).toEqual({ kind: "text", text: "a\n" });
  });

  it("chomp drops one trailing newline only", () => {
    expect(apply("a\n\n", "chomp")).toEqual({ kind: "text", text: "a\n" });
    expect(apply("a", "chomp")).toEqual({ kind: "text", text: "a" });
  });

  it("chop drops the last character, whole code points", () => {
    expect(apply("abc", "chop")).toEqual({ kind: "text", text: "ab" });
    expect(apply("a😀", "chop")).toEqual({ kind: "text", text: "a" });
  });

  it("applies in the order written", () => {
    expect(apply("a\\n\n", "chomp", "escape")).toEqual({ kind: "text", text: "a\n" });
    expect(apply("a\\n\n", "escape", "chomp")).toEqual({ kind: "text", text: "a\n" });
    expect(apply("a\\n\n", "escape", "chomp", "chomp")).toEqual({ kind: "text", text: "a" });
  });

  it("lines splits into non-empty lines", () => {
    expect(apply("a\n\n b \n", "lines")).toEqual({ kind: "lines", lines: ["a", " b "] });
  });

  it("regex turns each non-empty line into a pattern and checks it compiles", () => {
    expect(apply("^a$\n\nb+\n", "regex")).toEqual({ kind: "regex", sources: ["^a$", "b+"] });
    expect(() => apply("(unclosed\n", "regex")).toThrow(/m\.t:7: modifier "regex": bad regex/);
  });

  it("json parses, and reports bad JSON with the place", () => {
    expect(apply('["a", 1]\n', "json")).toEqual({ kind: "json", value: ["a", 1] });
    expect(() => apply("[oops", "json")).toThrow(/m\.t:7: modifier "json": invalid JSON/);
  });

  it("json then regex makes patterns of the strings", () => {
    expect(apply('["x+", "y"]', "json", "regex")).toEqual({ kind: "regex", sources: ["x+", "y"] });
  });

  it("refuses modifiers that do not fit the value", () => {
    expect(() => apply("[1]", "json", "chomp")).toThrow(/cannot apply to a json value/);
    expect(() => apply("a", "lines", "json")).toThrow(/cannot apply to a lines value/);
  });
});

describe("escape", () => {
  it("interprets every documented escape", () => {
    expect(unescapeText("a\\r\\n\\t\\0\\\\\\x41\\u{1F600}")).toBe("a\r\n\t\0\\A😀");
  });

  it("gives bytes when a \\xHH is not ASCII", () => {
    const out = unescapeText("é\\xff");
    expect(Buffer.isBuffer(out)).toBe(true);
    expect([...(out as Buffer)]).toEqual([0xc3, 0xa9, 0xff]);
    expect(apply("\\xff\\x00", "escape")).toEqual({ kind: "bytes", bytes: Buffer.from([0xff, 0]) });
  });

  it.each([["\\q", /unknown escape "\\q"/], ["abc\\", /lone backslash/], ["\\u{110000}", /beyond U\+10FFFF/]])(
    "rejects %j",
    (text, message) => {
      expect(() => apply(text, "escape")).toThrow(message);
    },
  );
});
