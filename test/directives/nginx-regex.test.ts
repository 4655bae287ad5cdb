/**
 * PCRE2 patterns run as JavaScript regexes. Expected results were checked against real nginx
 * (`if ($arg_s ~ …)` and `location ~ …` on nginx 1.22.1 with PCRE2 10.42).
 */
import { describe, expect, test } from "vitest";
import { RegexCompileError, compileRegex } from "../../src/directives/regex/nginx-regex.js";

function match(pattern: string, subject: string, caseless = false): (string | undefined)[] | null {
  return compileRegex(pattern, { caseless }).exec(subject)?.captures ?? null;
}

function error(pattern: string): string {
  try {
    compileRegex(pattern);
  } catch (e) {
    if (e instanceof RegexCompileError) return e.message;
    throw e;
  }
  return "accepted";
}

describe("matching as PCRE2 matches bytes", () => {
  test.each([
    // `$` matches before a final newline; `\z` does not.
    ["^/a$", "/a\n", true],
    ["a\\z", "a\n", false],
    ["\\Aab\\Z", "ab\n", true],
    // `.` excludes only LF (not CR); `(?s)` includes it.
    ["a.c", "a\rc", true],
    ["a.c", "a\nc", false],
    ["(?s)a.c", "a\nc", true],
    // `\s` is ASCII white space (and VT), never NBSP (0xA0); `\h` includes NBSP.
    ["^\\s$", "\xa0", false],
    ["^\\s$", "\v", true],
    ["^\\h$", "\xa0", true],
    // POSIX classes and their negation.
    ["^[[:upper:]]+$", "ABC", true],
    ["^[[:^digit:]]+$", "a1", false],
    // Multi-line `^` after a newline.
    ["(?m)^b", "a\nb", true],
    ["^b", "a\nb", false],
    // Lookarounds, atomic groups, possessive quantifiers.
    ["(?<=a)b", "ab", true],
    ["(?>a+)ab", "aaab", false],
    ["a++a", "aaa", false],
    ["a+a", "aaa", true],
    // Quoting and comments.
    ["^\\Qa.b\\E+$", "a.bbb", true],
    ["^\\Qa.b\\E+$", "axbbb", false],
    ["(?x) a b c # comment", "abc", true],
    ["^a(?#note)b$", "ab", true],
    // `{,3}` is literal text in PCRE2 10.42.
    ["^x{,3}$", "x{,3}", true],
  ])("%j on %j → %s", (pattern, subject, matches) => {
    expect(match(pattern, subject) !== null).toBe(matches);
  });

  test("caseless matching folds ASCII letters only", () => {
    expect(match("^caf\xe9$", "CAF\xe9", true)).not.toBeNull();
    expect(match("^caf\xe9$", "CAF\xc9", true)).toBeNull();
    expect(match("^[a-c]+$", "ABC", true)).not.toBeNull();
    expect(match("^[^a]$", "A", true)).toBeNull();
    expect(match("(?i)abc", "ABC")).not.toBeNull();
    expect(match("(?i:a)b", "AB")).toBeNull();
    expect(match("(?i:a)b", "Ab")).not.toBeNull();
  });

  test("captures keep PCRE2's numbering when groups are added to emulate atomic groups", () => {
    expect(match("(?>(a+))(b)(?<c>c)", "aabc")).toEqual(["aabc", "aa", "b", "c"]);
    expect(match("(x)a++(y)", "xaay")).toEqual(["xaay", "x", "y"]);
    expect(match("(a)(?:b)\\1", "aba")).toEqual(["aba", "a"]);
    const re = compileRegex("^/api/(?<ver>v\\d+)/(.*)$");
    expect(re.exec("/api/v2/x/y")).toEqual({ index: 0, captures: ["/api/v2/x/y", "v2", "x/y"], named: { ver: "v2" } });
    expect(re.captureCount).toBe(2);
  });

  test("the search is unanchored and reports where it matched", () => {
    expect(compileRegex("\\d+").exec("abc123")).toMatchObject({ index: 3, captures: ["123"] });
  });
});

describe("patterns PCRE2 refuses: nginx's message and offset", () => {
  test.each([
    ["^/(abc", 'pcre2_compile() failed: missing closing parenthesis in "^/(abc"'],
    ["[a-", 'pcre2_compile() failed: missing terminating ] for character class in "[a-"'],
    ["a)", 'pcre2_compile() failed: unmatched closing parenthesis in "a)" at ")"'],
    ["*a", 'pcre2_compile() failed: quantifier does not follow a repeatable item in "*a" at "*a"'],
    ["x{2}{3}", 'pcre2_compile() failed: quantifier does not follow a repeatable item in "x{2}{3}" at "}"'],
    ["a{3,2}", 'pcre2_compile() failed: numbers out of order in {} quantifier in "a{3,2}" at "}"'],
    ["a{70000,1}", 'pcre2_compile() failed: number too big in {} quantifier in "a{70000,1}" at ",1}"'],
    ["[z-a]", 'pcre2_compile() failed: range out of order in character class in "[z-a]" at "a]"'],
    ["[\\d-z]", 'pcre2_compile() failed: invalid range in character class in "[\\d-z]" at "-z]"'],
    ["\\", 'pcre2_compile() failed: \\ at end of pattern in "\\"'],
    ["\\i", 'pcre2_compile() failed: unrecognized character follows \\ in "\\i" at "i"'],
    ["[\\B]", 'pcre2_compile() failed: escape sequence is invalid in character class in "[\\B]" at "B]"'],
    ["(?<=a+)b", 'pcre2_compile() failed: lookbehind assertion is not fixed length in "(?<=a+)b" at "(?<=a+)b"'],
    ["[[:foo:]]", 'pcre2_compile() failed: unknown POSIX class name in "[[:foo:]]" at "foo:]]"'],
    ["[:alpha:]", 'pcre2_compile() failed: POSIX named classes are supported only within a class in "[:alpha:]" at "[:alpha:]"'],
    ["\\2", 'pcre2_compile() failed: reference to non-existent subpattern in "\\2" at "2"'],
    ["(?z)", 'pcre2_compile() failed: unrecognized character after (? or (?- in "(?z)" at "z)"'],
    ["(?-x-i)", 'pcre2_compile() failed: invalid hyphen in option setting in "(?-x-i)" at "-i)"'],
    ["(?<1a>x)", 'pcre2_compile() failed: subpattern name must start with a non-digit in "(?<1a>x)" at "1a>x)"'],
    [
      "(?<a>x)(?<a>y)",
      'pcre2_compile() failed: two named subpatterns have the same name (PCRE2_DUPNAMES not set) in "(?<a>x)(?<a>y)" at "y)"',
    ],
    ["\\x{100}", 'pcre2_compile() failed: character code point value in \\x{} or \\o{} is too large in "\\x{100}" at "}"'],
    ["\\400", 'pcre2_compile() failed: octal value is greater than \\377 in 8-bit non-UTF-8 mode in "\\400"'],
    ["\\u0041", 'pcre2_compile() failed: PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, or \\u in "\\u0041" at "0041"'],
    ["(*FOO)", 'pcre2_compile() failed: (*VERB) not recognized or malformed in "(*FOO)" at ")"'],
    ["(?#abc", 'pcre2_compile() failed: missing ) after (?# comment in "(?#abc"'],
  ])("%j", (pattern, message) => {
    expect(error(pattern)).toBe(message);
  });

  test("what JavaScript cannot run is refused by name, not approximated", () => {
    expect(error("(?R)")).toBe('regex "(?R)" uses recursion (?R), which tsresty cannot run');
    expect(error("(?(1)a|b)(x)")).toContain("conditional group");
  });
});
