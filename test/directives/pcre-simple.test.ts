/**
 * The one-pass shortcut for simple patterns must print exactly what the full reader and printer
 * print, and must leave everything else (and every pattern PCRE2 refuses) to them.
 */
import { describe, expect, test } from "vitest";
import { compileRegex } from "../../src/directives/regex/nginx-regex.js";
import { parsePcre } from "../../src/directives/regex/pcre-parser.js";
import { simpleJsPattern } from "../../src/directives/regex/pcre-simple.js";
import { toJsPattern } from "../../src/directives/regex/pcre-to-js.js";

/** What the full path makes of a pattern, or the error it reports. */
function full(
  pattern: string,
  caseless: boolean,
): { source: string; captureCount: number; names: readonly unknown[]; jsGroup: readonly number[] } | string {
  try {
    const parsed = parsePcre(pattern, caseless);
    const { source, jsGroup } = toJsPattern(parsed);
    return { source, captureCount: parsed.captureCount, names: parsed.names, jsGroup };
  } catch (e) {
    return (e as Error).message;
  }
}

/** Checks the shortcut against the full path; returns whether the shortcut took the pattern. */
function agrees(pattern: string, caseless: boolean): boolean {
  const simple = simpleJsPattern(pattern, caseless);
  if (simple === null) return false;
  const expected = full(pattern, caseless);
  expect(typeof expected, `${JSON.stringify(pattern)} is refused by the full path: ${String(expected)}`).toBe("object");
  const { source, captureCount, names, jsGroup } = expected as Exclude<typeof expected, string>;
  expect(simple.source, JSON.stringify(pattern)).toBe(source);
  expect(simple.captureCount).toBe(captureCount);
  expect(simple.names ?? []).toEqual(names);
  expect(jsGroup).toEqual(Array.from({ length: captureCount + 1 }, (_, n) => n));
  return true;
}

describe("simple patterns print as the full path prints them", () => {
  test.each([
    "^/r0_12/(\\d+)$",
    "^/n0_17/b/",
    "\\.(gif|jpe?g|png)$",
    "^/api/v1/([^/]+)/(.*)$",
    "^/(\\w+)/(\\S*?)/?$",
    "^/download/[a-z0-9_-]+\\.(zip|tar\\.gz)$",
    "^/$",
    "",
    "()",
    "(|a||)",
    "a.b.c",
    "\\D\\s\\W\\h\\H\\v\\V\\a\\e\\f\\n\\r\\t",
    "[]a]",
    "[^]a-c[:digit:]\\d]",
    "[\\Q]\\E]",
    "x}]#  \t",
    "((a)(b(c)))*",
    "a*?b+?c??",
    "\xe9\xff\x00\x7f",
    "^/(?:index|update)\\.php(/.*)?$",
    "^(?<user>[^.]+)\\.(?<_Domain2>example)\\.net$",
    `(?<${"n".repeat(32)}>x)`,
    "(?:)*(?:a|)+?",
    "a{2}b{0,}c{1,}d{0,1}e{02,3}?f{65535}(x){0,65535}?",
  ])("%j", (pattern) => {
    expect(agrees(pattern, false)).toBe(true);
    expect(agrees(pattern, true)).toBe(true);
  });

  test("every byte, as itself and escaped", () => {
    for (let c = 0; c < 256; c++) {
      const ch = String.fromCharCode(c);
      for (const caseless of [false, true]) {
        agrees(`^${ch}$`, caseless);
        agrees(`\\${ch}`, caseless);
        agrees(`[${ch}]`, caseless);
      }
    }
  });

  test("random patterns from simple and other pieces: never a different translation", () => {
    const pieces = [
      "a", "B", "z", "0", "_", "/", "-", "é", " ", "#", "]", "}", ".", "^", "$", "\\d", "\\w", "\\S", "\\.", "\\/", "\\n",
      "\\b", "\\1", "\\E", "\\Q", "\\x41", "\\0", "(", "(", ")", ")", "|", "*", "+", "?", "{2}", "{", "[a-c]", "[^/]",
      "[z-a]", "[", "(?:", "(?i)", "(?<n>", "(?<m>", "(?<=", "(*", "\\", "{1,}", "{0,1}", "{3,2}", "{,2}", "{1,3}?",
    ];
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let taken = 0;
    for (let k = 0; k < 4000; k++) {
      let pattern = "";
      const length = 1 + random(10);
      for (let i = 0; i < length; i++) pattern += pieces[random(pieces.length)];
      if (agrees(pattern, k % 2 === 1)) taken++;
    }
    // The mix must exercise both outcomes.
    expect(taken).toBeGreaterThan(400);
    expect(taken).toBeLessThan(3600);
  });
});

describe("what the shortcut leaves to the full path", () => {
  test.each([
    // Constructs the shortcut does not print.
    "(?i)a",
    "(?i:a)",
    "(?P<name>a)",
    "(?'name'a)",
    "(?|a)",
    "(?>a)",
    "(?=a)",
    "(?<=a)b",
    "(?<!a)b",
    "(?#note)a",
    "(*FAIL)",
    "a{",
    "a{,3}",
    "a{x}",
    "a{2,x}",
    "a{000001}",
    "a{2}+",
    "a++",
    "\\1",
    "\\0",
    "\\x41",
    "\\Qa.b\\E",
    "a\\E",
    "\\b",
    "\\A",
    "\\z",
    "\\R",
    "\\C",
    "\\N",
    "\\p{L}",
    "\u0100",
    // Patterns PCRE2 refuses: the full reader reports them.
    "(a",
    "a)",
    "*a",
    "a|*b",
    "(+a)",
    "^*",
    "$+",
    "a**",
    "a*?*",
    "\\",
    "\\i",
    "{2}",
    "x{2}{3}",
    "a{3,2}",
    "a{70000}",
    "a{1,70000}",
    "(?<1a>x)",
    "(?<>x)",
    "(?<a-b>x)",
    "(?<a>x)(?<a>y)",
    `(?<${"n".repeat(33)}>x)`,
    "[z-a]",
    "[a",
    "[\\d-z]",
    "[\\p{L}]",
  ])("%j", (pattern) => {
    expect(simpleJsPattern(pattern, false)).toBeNull();
    expect(simpleJsPattern(pattern, true)).toBeNull();
  });

  test("more groups than V8 allows in a regex: the full path reports it when compiling", () => {
    expect(simpleJsPattern("()".repeat(32767), false)?.captureCount).toBe(32767);
    expect(() => new RegExp(simpleJsPattern("()".repeat(32767), false)!.source)).not.toThrow();
    expect(simpleJsPattern("()".repeat(32768), false)).toBeNull();
    expect(() => compileRegex("()".repeat(32768))).toThrow(/cannot be run by tsresty: .*Too many captures/);
  });
});
