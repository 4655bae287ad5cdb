import { describe, expect, test } from "vitest";
import {
  rewriteScriptOf,
  type IfStep,
  type ReturnStep,
  type RewriteRuleStep,
  type SetStep,
} from "../../src/directives/modules/rewrite.js";
import { splitAtQuery } from "../../src/directives/modules/rewrite/steps.js";
import { ConfLoader } from "../../src/directives/loader.js";
import { compileComplexValue } from "../../src/directives/variables.js";
import { childrenOf, firstServer, loadMain, rejection } from "./rewrite-fixture.js";

function wrapServer(body: string): string {
  return `events {}\nhttp {\n    server {\n${body}\n    }\n}\n`;
}

function serverScript(body: string) {
  return rewriteScriptOf(firstServer(loadMain(wrapServer(body))));
}

function locationScript(body: string) {
  const server = firstServer(loadMain(wrapServer(`location / {\n${body}\n}`)));
  return rewriteScriptOf(childrenOf(server, "location")[0]!);
}

describe("return", () => {
  test("status and text", () => {
    const [a, b, c, d] = locationScript(`return 204;\nreturn 200 "hi $uri";\nreturn 0200 x;\nreturn 999;`) as ReturnStep[];
    expect(a).toMatchObject({ kind: "return", status: 204, text: null });
    expect(b!.status).toBe(200);
    expect(b!.text?.parts).toEqual([{ text: "hi " }, { variable: "uri" }]);
    expect(c!.status).toBe(200);
    expect(d!.status).toBe(999);
    expect(a!.source).toMatchObject({ line: 5 });
    expect(a!.source.file.endsWith("/conf/nginx.conf")).toBe(true);
  });

  test("a lone URL is a 302 with the URL as text", () => {
    const steps = locationScript(`return http://127.0.0.1/a;\nreturn $scheme://h$request_uri;`) as ReturnStep[];
    expect(steps.map((s) => s.status)).toEqual([302, 302]);
    expect(steps[0]!.text).toMatchObject({ raw: "http://127.0.0.1/a", constant: true });
    expect(steps[1]!.text?.parts[0]).toEqual({ variable: "scheme" });
  });
});

describe("rewrite", () => {
  test("flags, redirects and the stop rule", () => {
    const steps = serverScript(`rewrite ^/a /b;
rewrite ^/c /d last;
rewrite ^/e /f break;
rewrite ^/g /h redirect;
rewrite ^/i /j permanent;
rewrite ^/k http://127.0.0.1/k;
rewrite ^/l https://127.0.0.1/l last;
rewrite ^/m $scheme://h/m permanent;`) as RewriteRuleStep[];
    expect(steps.map((s) => [s.flag, s.redirect, s.stops])).toEqual([
      [null, null, false],
      ["last", null, true],
      ["break", null, true],
      ["redirect", 302, true],
      ["permanent", 301, true],
      [null, 302, true],
      ["last", 302, true],
      ["permanent", 301, true],
    ]);
  });

  test("the replacement is cut at its first ? into URI and arguments; a final ? drops the old ones", () => {
    const [plain, query, dropped, both, redirect] = serverScript(`rewrite ^/(.*) /new/$1;
rewrite ^ /item?id=$1&x=?y;
rewrite ^ /clean?;
rewrite ^ /q?a=1?;
rewrite ^ http://127.0.0.1/r?a=$1;`) as RewriteRuleStep[];
    expect(plain).toMatchObject({ keepArgs: true, hasArgs: false, args: null });
    expect(plain!.uri?.parts).toEqual([{ text: "/new/" }, { capture: 1 }]);

    expect(query!.uri).toEqual({ raw: "/item", parts: [{ text: "/item" }], constant: true });
    expect(query!.args?.raw).toBe("id=$1&x=?y");
    expect(query!.args?.parts).toEqual([{ text: "id=" }, { capture: 1 }, { text: "&x=?y" }]);
    expect(query).toMatchObject({ keepArgs: true, hasArgs: true });

    expect(dropped).toMatchObject({ keepArgs: false, hasArgs: false, args: null });
    expect(dropped!.replacement.raw).toBe("/clean");

    expect(both).toMatchObject({ keepArgs: false, hasArgs: true });
    expect(both!.uri?.raw).toBe("/q");
    expect(both!.args?.raw).toBe("a=1");

    expect(redirect).toMatchObject({ uri: null, args: null, hasArgs: true, keepArgs: true, redirect: 302 });
    expect(redirect!.replacement.raw).toBe("http://127.0.0.1/r?a=$1");
  });

  test("the regex is compiled as nginx runs it: captures and names", () => {
    const [step] = serverScript(`rewrite "^/(?<section>[a-z]+)/(\\d+)$" /s/$section/$2;`) as RewriteRuleStep[];
    expect(step!.regex.source).toBe("^/(?<section>[a-z]+)/(\\d+)$");
    expect(step!.regex.caseless).toBe(false);
    expect(step!.regex.names).toEqual([{ name: "section", index: 1 }]);
    const m = step!.regex.exec("/blog/42");
    expect(m?.captures).toEqual(["/blog/42", "blog", "42"]);
    expect(m?.named).toEqual({ section: "blog" });
    expect(step!.regex.exec("/Blog/42")).toBeNull();
  });
});

describe("set and break", () => {
  test("names are stored in lower case with their compiled value", () => {
    const [a, b, brk] = locationScript(`set $Foo "x$uri";\nset $args a=1;\nbreak;`);
    expect(a).toMatchObject({ kind: "set", name: "foo" });
    expect((a as SetStep).value.parts).toEqual([{ text: "x" }, { variable: "uri" }]);
    expect((b as SetStep).value).toMatchObject({ raw: "a=1", constant: true });
    expect(brk).toMatchObject({ kind: "break" });
  });
});

describe("if", () => {
  function conditions(body: string) {
    return (locationScript(body) as IfStep[]).map((s) => s.condition);
  }

  test("every condition form", () => {
    const c = conditions(`if ($Http_X) { }
if ( $uri = "/x" ) { }
if ($uri != /y) { }
if ($uri ~ ^/a) { }
if ($uri ~* ^/b) { }
if ($uri !~ ^/c) { }
if ($uri !~* ^/d) { }
if (-f $request_filename) { }
if (!-d /x) { }
if (-e /x) { }
if (!-x /x) { }`);
    expect(c[0]).toEqual({ kind: "variable", name: "http_x" });
    expect(c[1]).toMatchObject({ kind: "compare", name: "uri", negate: false, value: { raw: "/x" } });
    expect(c[2]).toMatchObject({ kind: "compare", negate: true, value: { raw: "/y" } });
    expect(c.slice(3, 7).map((x) => x.kind === "match" && [x.negate, x.regex.caseless, x.regex.source])).toEqual([
      [false, false, "^/a"],
      [false, true, "^/b"],
      [true, false, "^/c"],
      [true, true, "^/d"],
    ]);
    expect(c.slice(7).map((x) => x.kind === "file" && [x.test, x.negate, x.path.raw])).toEqual([
      ["file", false, "$request_filename"],
      ["dir", true, "/x"],
      ["exists", false, "/x"],
      ["exec", true, "/x"],
    ]);
  });

  test("a quoted operand before ) and glued parentheses", () => {
    const [a, b] = conditions(`if ($uri = "/x y") { }\nif ($uri ~ "a(b)") { }`);
    expect(a).toMatchObject({ kind: "compare", value: { raw: "/x y" } });
    expect(b).toMatchObject({ kind: "match" });
    if (b?.kind === "match") expect(b.regex.source).toBe("a(b)");
  });

  test("the body holds the steps; the if level has its own slots and no script", () => {
    const server = firstServer(
      loadMain(wrapServer(`location / {
    set $before 1;
    if ($uri) {
        set $inside 1;
        return 200 in;
        rewrite_log on;
    }
    return 200 after;
}`)),
    );
    const loc = childrenOf(server, "location")[0]!;
    const script = rewriteScriptOf(loc);
    expect(script.map((s) => s.kind)).toEqual(["set", "if", "return"]);
    const step = script[1] as IfStep;
    expect(step.body.map((s) => s.kind)).toEqual(["set", "return"]);
    expect(step.switchesConf).toBe(true);
    expect(step.level.kind).toBe("if");
    expect(step.level.context).toBe("lif");
    expect(step.level.parent).toBe(loc);
    expect(rewriteScriptOf(step.level)).toEqual([]);
    expect(step.level.settings.rewrite_log).toBe(true);
    expect(loc.settings.rewrite_log).toBe(false);
  });

  test("a server-level if switches nothing", () => {
    const [step] = serverScript(`if ($uri) { break; }`) as IfStep[];
    expect(step!.switchesConf).toBe(false);
    expect(step!.level.context).toBe("sif");
  });
});

describe("scripts per level", () => {
  test("not inherited; flags inherited with their defaults", () => {
    const main = loadMain(`events {}
http {
    uninitialized_variable_warn off;
    server {
        return 404;
        location /a { }
        location /b {
            rewrite_log on;
            location /b/c { }
        }
    }
}
`);
    const server = firstServer(main);
    const [a, b] = childrenOf(server, "location");
    const c = childrenOf(b!, "location")[0]!;
    expect(rewriteScriptOf(server).map((s) => s.kind)).toEqual(["return"]);
    for (const l of [a!, b!, c]) expect(rewriteScriptOf(l)).toEqual([]);
    expect([a!, b!, c].map((l) => l.settings.rewrite_log)).toEqual([false, true, true]);
    expect([server, a!, c].map((l) => l.settings.uninitialized_variable_warn)).toEqual([false, false, false]);
  });

  test("the stored script is frozen", () => {
    const script = serverScript("return 200 x;");
    expect(Object.isFrozen(script)).toBe(true);
    expect(Object.isFrozen(script[0])).toBe(true);
  });
});

describe("errors keep nginx's order", () => {
  test("the condition is checked before the body", () => {
    expect(rejection(wrapServer(`if ($uri == x) {\n    bogus;\n}`))).toBe('unexpected "==" in condition @4');
  });

  test("rewrite: empty replacement, then regex, then flag, then replacement", () => {
    expect(rejection(wrapServer(`rewrite "(" "";`))).toBe("empty replacement @4");
    expect(rejection(wrapServer(`rewrite "(" /x bad;`))).toBe(
      'pcre2_compile() failed: missing closing parenthesis in "(" @4',
    );
    expect(rejection(wrapServer(`rewrite ^ /$ bad;`))).toBe('invalid parameter "bad" @4');
    expect(rejection(wrapServer(`rewrite ^ /$;`))).toBe("invalid variable name @4");
  });
});

describe("splitAtQuery", () => {
  const loader = new ConfLoader({ prefix: "/p/", confPrefix: "/p/conf", modules: [] });
  const cv = (raw: string) => compileComplexValue(raw, loader);

  test("no ? keeps the value whole", () => {
    const v = cv("/a/$1");
    expect(splitAtQuery(v)).toEqual([v, null]);
  });

  test("? at the edges gives empty halves", () => {
    expect(splitAtQuery(cv("?a"))).toEqual([
      { raw: "", parts: [], constant: true },
      { raw: "a", parts: [{ text: "a" }], constant: true },
    ]);
    expect(splitAtQuery(cv("$uri?"))).toEqual([
      { raw: "$uri", parts: [{ variable: "uri" }], constant: false },
      { raw: "", parts: [], constant: true },
    ]);
  });
});
