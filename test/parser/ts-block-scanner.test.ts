import { describe, expect, it } from "vitest";
import { scanTsBlock } from "../../src/parser/ts-block-scanner.js";

/** What the conf lexer has read before handing over: the directive up to and including `{`. */
const PREFIX = "location /t {\n    content_by_ts_block {";
/** What follows the block in the conf; its braces catch a scan that ends too late. */
const TAIL = "\n}\n";

/** Scans PREFIX + src and returns the result with `start` for convenience. */
function scan(src: string) {
  const text = PREFIX + src;
  return { text, start: PREFIX.length, result: scanTsBlock(text, PREFIX.length) };
}

/** The block body is `body`, closed by the `}` right after it. */
function expectBody(body: string, tail = TAIL): void {
  const { text, start, result } = scan(body + "}" + tail);
  expect(result).toEqual({ ok: true, end: start + body.length });
  if (result.ok) {
    expect(text[result.end]).toBe("}");
    expect(text.slice(start, result.end)).toBe(body);
  }
}

/**
 * `src` runs to the end of the text without closing the block. `§` (removed before scanning)
 * marks the `{` expected as lastOpenBrace; without it, the block's own `{` is expected.
 */
function expectUnterminated(src: string): void {
  const mark = src.indexOf("§");
  const clean = src.replace("§", "");
  const { start, result } = scan(clean);
  expect(result).toEqual({ ok: false, lastOpenBrace: mark < 0 ? start - 1 : start + mark });
}

describe("scanTsBlock: plain code", () => {
  it.each([
    ["empty body", ""],
    ["one space", " "],
    ["simple call", ' ngx.say("hello") '],
    ["multi-line", '\n        ngx.say("a");\n        ngx.say("b");\n    '],
    ["object literal", " const o = { a: { b: 1 } }; ngx.say(o.a.b); "],
    ["empty object and block", " const o = {}; if (x) {} else { y(); } "],
    ["arrow returning object", " const f = () => ({ a: 1, b: { c: 2 } }); "],
    ["arrow with block body", " const f = (x: number) => { return { x }; }; "],
    ["generics with object types", " const xs: Array<{ a: string }> = []; let m: Map<string, { n: number }>; "],
    ["type alias", " type T = { a: { b: string }[] }; "],
    ["class with methods", " class A { #x = 1; get x() { return this.#x; } static { init(); } } "],
    ["destructuring", " const { a, b: { c } } = obj; const [d, { e }] = arr; "],
    ["nested functions", " function f() { function g() { return {}; } return g(); } "],
    ["switch", " switch (x) { case 1: { y(); break; } default: z(); } "],
    ["semicolons, $ and # stay literal", " ngx.say('semi;colon and $var and \\\\n'); // # not a conf comment\n"],
    ["CRLF line endings", "\r\n  const o = { a: 1 };\r\n  ngx.say(o.a);\r\n"],
  ])("%s", (_name, body) => expectBody(body));

  it("stops at the first '}' that balances the block, not a later one", () => {
    const { result, start } = scan(" a(); } b(); }\n");
    expect(result).toEqual({ ok: true, end: start + 6 });
  });

  it("keeps UTF-8 bytes read as latin1 byte for byte", () => {
    const body = Buffer.from(' ngx.say("héllo } wörld ✓"); const ä = { ü: 1 }; ', "utf8").toString("latin1");
    expectBody(body);
  });

  it("works at any offset of a larger text", () => {
    const conf =
      "http {\n server {\n  location /a {\n   content_by_ts_block {\n    ngx.say(\"}\");\n   }\n  }\n" +
      "  location /b {\n   access_by_ts_block { if (!ok) { ngx.exit(403); } }\n  }\n }\n}\n";
    const blocks: string[] = [];
    let from = 0;
    for (;;) {
      const at = conf.indexOf("_by_ts_block {", from);
      if (at < 0) break;
      const start = at + "_by_ts_block {".length;
      const r = scanTsBlock(conf, start);
      expect(r.ok).toBe(true);
      if (!r.ok) break;
      blocks.push(conf.slice(start, r.end));
      from = r.end + 1;
    }
    expect(blocks).toEqual(['\n    ngx.say("}");\n   ', " if (!ok) { ngx.exit(403); } "]);
  });
});

describe("scanTsBlock: strings", () => {
  it.each([
    ['"}"', ' ngx.say("}") '],
    ["'{'", " ngx.say('{') "],
    ["both quotes mixed", ` ngx.say("}" + '{' + "'}" + '"{') `],
    ["escaped quote", ' ngx.say("\\"}") '],
    ["escaped backslash before quote", ' ngx.say("\\\\"); x = {} '],
    ["single-quoted escaped quote", " ngx.say('\\'{') "],
    ["backslash-newline continues the string", ' ngx.say("a\\\n}") '],
    ["backslash-CRLF continues the string", ' ngx.say("a\\\r\n}") '],
    ["slashes inside strings", ' const u = "http://x/*y"; const v = "//}"; '],
    ["backtick inside a string", " const s = \"`{\"; "],
  ])("%s", (_name, body) => expectBody(body));

  it("a broken string ends at the line break and the scan recovers", () => {
    expectBody(' ngx.say("abc\n');
    expectBody(" x = 'abc\n y = 1; ");
    expectBody(' x = "{\r\n');
  });

  it("unlike Lua, `\\` + newline keeps the '}' inside the string", () => {
    // OpenResty ends `ngx.say("a\⏎}")` at that '}'; TypeScript continues the string.
    const src = ' ngx.say("a\\\n}")\n}\n';
    const { result, start } = scan(src);
    expect(result).toEqual({ ok: true, end: start + src.lastIndexOf("}") });
  });
});

describe("scanTsBlock: template literals", () => {
  it.each([
    ["'}' in template text", " const s = `}`; "],
    ["'{' in template text", " const s = `{{`; "],
    ['`}${"}"}`', ' const s = `}${"}"}`; '],
    ["object in substitution", " const s = `${ { a: 1 }.a }`; "],
    ["nested template", " const s = `a${ `b${ {x:1}.x }` }c`; "],
    ["deeply nested", " const s = `1${`2${`3${ { a: `}` }.a }`}`}`; "],
    ["comment in substitution", " const s = `${ /* } */ 1 }`; "],
    ["line comment in substitution", " const s = `${ 1 // }\n }`; "],
    ["string in substitution", " const s = `${ '}' + \"{\" }`; "],
    ["regex in substitution", " const s = `${ /}/.source }`; "],
    ["arrow with block in substitution", " const s = `${ (() => { return 1; })() }`; "],
    ["escaped backtick", " const s = `\\`}`; "],
    ["escaped ${", " const s = `\\${ {`; "],
    ["lone $ and $}", " const s = `$}$ {`; "],
    ["multi-line template", " const s = `\n  }\n  {\n`; "],
    ["quotes inside template text", " const s = `\"}'`; "],
    ["tagged template", " const s = html`<b>${name}</b>`; "],
    ["template then division", " const n = `${a}`.length / 2; "],
  ])("%s", (_name, body) => expectBody(body));
});

describe("scanTsBlock: comments", () => {
  it.each([
    ["block comment", " x = 1 /* } */ "],
    ["block comment with braces and quotes", " /* { \" ' ` */ x(); "],
    ["multi-line block comment", " /*\n } }\n */ "],
    ["line comment", " // }\n"],
    ["line comment then code", " // } { \" '\n x(); "],
    ["line comment with CR", " // }\r x(); "],
    ["comment-like text in a regex", " const re = /\\/\\*}/; "],
    ["block comment ending with **/", " /** } **/ "],
    ["comment between tokens keeps division", " x = a /* c */ / 2; s = '/{'; "],
  ])("%s", (_name, body) => expectBody(body));

  it("'// }' then a newline and '}'", () => {
    const { result, start } = scan(" // }\n}");
    expect(result).toEqual({ ok: true, end: start + 6 });
  });
});

describe("scanTsBlock: regex literals and division", () => {
  it.each([
    ["/}/.test(x)", " /}/.test(x); "],
    ["regex at the very start", "/}/.test(x) "],
    ["class containing / and }", " const re = /[/}]/g; "],
    ["escaped slash", " const re = /\\/}/; "],
    ["escaped ] in class", " const re = /[\\]/}]/; "],
    ["quote in regex", " const re = /\"/; const s = \"}\"; "],
    ["backtick in regex", " const re = /`/; "],
    ["regex with flags", " const re = /{/gimsuy; "],
    ["after (", " f(/}/); "],
    ["after ,", " f(a, /}/); "],
    ["after [", " const a = [/}/]; "],
    ["after !", " if (!/}/.test(s)) {} "],
    ["after &&", " ok && /}/.test(s); "],
    ["after ||", " ok || /}/.test(s); "],
    ["after ?", " x ? /}/ : /{/; "],
    ["after :", " const o = { a: /}/ }; "],
    ["after =>", " const f = () => /}/; "],
    ["after {", " {/}/.test(s)} "],
    ["after }", " if (a) {}\n /}/.test(s); "],
    ["after ;", " x();/}/.test(s); "],
    ["after return", " return /}/.test(s); "],
    ["after typeof", " typeof /}/; "],
    ["after in", " x in /}/; "],
    ["after case", " switch (s) { case /}/: } "],
    ["after throw", " throw /}/; "],
    ["after await", " await /}/; "],
    ["after yield", " function* g() { yield /}/; } "],
    ["after else", " if (a) x(); else /}/.test(s); "],
    ["after void", " void /}/; "],
    ["after spread", " const a = [.../}/.exec(s)!]; "],
    ["after if (…)", " if (a) /}/.test(b); "],
    ["after while (…)", " while (a) /}/.exec(b); "],
    ["after for (…) with nested parens", " for (const x of f(a)) /}/.exec(x); "],
    ["after for await (…)", " for await (const x of xs) /}/.exec(x); "],
    ["after a multi-line comment", " x = 1\n /* c */ ; /}/.test(s); "],
    ["division: a / b", " return a / b "],
    ["division chain x = y / z / w", " x = y / z / w; s = '/{'; "],
    ["division after )", " x = (a + b) / 2 / c; s = '/{'; "],
    ["division after ]", " x = a[0] / 2; s = '/{'; "],
    ["division after number", " x = 10 / 2; s = '/{'; "],
    ["division after string", " x = '8' / 2; s = '/{'; "],
    ["division after regex", " x = /a/ / 2; s = '/{'; "],
    ["division after a++", " x = a++ / 2; s = '/{'; "],
    ["division after a--", " x = a-- / 2; s = '/{'; "],
    ["division after non-null x!", " x = y! / 2; s = '/{'; "],
    ["division after keyword used as property", " x = o.return / 2; s = '/{'; "],
    ["division after keyword used as optional property", " x = o?.in / 2; s = '/{'; "],
    ["division after private name #in", " x = this.#in / 2; s = '/{'; "],
    ["division after identifier containing a keyword", " x = returns / 2; s = '/{'; "],
    ["division after call", " x = f(a) / g(b); s = '/{'; "],
    ["division assignment", " x /= 2; s = '/{'; "],
    ["division after `as` type", " x = (y as number) / 2; s = '/{'; "],
    ["!= after operand", " if (a != /}/.source) {} "],
    ["! at the start of a new line", " a()\n !/}/.test(s); "],
  ])("%s", (_name, body) => expectBody(body));

  it("a / b } closes right after the division", () => {
    const { result, start } = scan("a / b } ");
    expect(result).toEqual({ ok: true, end: start + 6 });
  });

  it("a regex guess that does not close on its line falls back to division", () => {
    // After `}` we guess a regex, but `/ 2 }` never closes: it is division and the '}' counts.
    const { result, start } = scan(" {} / 2 }");
    expect(result).toEqual({ ok: true, end: start + 8 });
    // Same with a '}' on the following line.
    expectBody(" x = ( / 2\n");
  });

  it("after a failed guess, no regex starts again on that line", () => {
    // `( /` would start a regex, it fails at the line end; the later `( /[}/` is then division
    // and the '}' right after it closes the block.
    const src = " f( / 1, ( /[}/\n";
    const { result, start } = scan(src + "}");
    expect(result).toEqual({ ok: true, end: start + src.indexOf("}") });
  });
});

describe("scanTsBlock: unterminated blocks", () => {
  it.each([
    ["nothing at all", ""],
    ["code without a closing brace", ' ngx.say("x");\n'],
    ["brace only inside a double-quoted string", ' ngx.say("}")'],
    ["brace only inside a single-quoted string", " ngx.say('}')\n"],
    ["brace only inside a template", " `}`"],
    ["brace only in a line comment", " // }"],
    ["brace only in a block comment", " /* } */"],
    ["brace only in a regex", " /}/.test(x)"],
    ["brace only in a regex class", " const re = /[/}]/g;\n"],
    ["unterminated string at the end of the text", ' ngx.say("abc }'],
    ["unterminated string continued by \\ + newline", ' ngx.say("abc\\\n}'],
    ["unterminated block comment", " x(); /* }\n}\n"],
    ["unterminated block comment with */ missing a star", " /* } /\n}"],
    ["unterminated template", " const s = `abc\n}\n}\n"],
    ["template closed inside its substitution only", " const s = `$§{ '`' }\n}"],
    ["backslash at the very end", " x = '\\"],
  ])("%s", (_name, src) => expectUnterminated(src));

  it.each([
    ["an open inner brace", " if (x) §{ y();\n"],
    ["the most recent '{', even if it was closed", " a { b } c §{ } d\n"],
    ["nested, unclosed", " { { §{\n"],
    ["the '{' of an unclosed ${", " const s = `a$§{ 1 + 2"],
    ["the '{' inside a substitution", " const s = `a${ §{ a: 1 }.a }"],
    ["a '{' inside a string is not counted", " if (x) §{ ngx.say('{');"],
    ["a '{' in a comment is not counted", " §{ /* { */ // {\n"],
    ["a '{' before an unterminated block comment", " §{ } /* {"],
    ["a '{' before an unterminated template", " §{ `{ } \\${ $ {"],
    ["the '{' of a closed ${ before an unterminated template", " { `$§{a}{"],
  ])("lastOpenBrace is %s", (_name, src) => expectUnterminated(src));

  it("returns the block's own '{' when start is at the end of the text", () => {
    const text = "content_by_ts_block {";
    expect(scanTsBlock(text, text.length)).toEqual({ ok: false, lastOpenBrace: text.length - 1 });
  });
});

describe("scanTsBlock: linear time", () => {
  it("scans the blocks of a 10,000-location conf quickly", () => {
    const body =
      '\n        const re = /[/}]+/g; // }\n        const s = `a${ `b${ {x:1}.x }` }c`;\n' +
      "        if (re.test(s)) { ngx.say(\"}\" + '{' + s / 2); } /* { */\n    ";
    const parts: string[] = ["http {\n server {\n"];
    for (let k = 0; k < 10_000; k++) {
      parts.push(`  location /l${k} {\n    content_by_ts_block {${body}}\n  }\n`);
    }
    parts.push(" }\n}\n");
    const conf = parts.join("");
    const open = "content_by_ts_block {";
    const t0 = performance.now();
    let count = 0;
    let from = 0;
    for (;;) {
      const at = conf.indexOf(open, from);
      if (at < 0) break;
      const r = scanTsBlock(conf, at + open.length);
      if (!r.ok || r.end - (at + open.length) !== body.length) throw new Error(`bad scan at ${at}`);
      count++;
      from = r.end;
    }
    const ms = performance.now() - t0;
    expect(count).toBe(10_000);
    expect(ms).toBeLessThan(2_000);
  });

  it.each([
    ["many failed regex guesses on one line", "( /".repeat(100_000)],
    ["many broken strings", "'\n".repeat(100_000)],
    ["many open braces", "{".repeat(100_000)],
    ["many nested templates", "`${".repeat(50_000)],
    ["many regex classes", "x = /[".repeat(100_000)],
    ["many block comment openers", "/* ".repeat(100_000)],
  ])("stays linear with %s", (_name, src) => {
    const t0 = performance.now();
    const { result } = scan(src);
    expect(result.ok).toBe(false);
    expect(performance.now() - t0).toBeLessThan(1_000);
  });
});
