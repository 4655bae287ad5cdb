import { describe, expect, test } from "vitest";
import {
  contentHandlerOf,
  tsLocationConf,
  tsMainConf,
  type BlockHandlerSpec,
  type FileHandlerSpec,
} from "../../src/directives/modules/ts.js";
import { level, loadOk, loadText } from "./ts-fixture.js";

function rejected(text: string): string {
  const { result } = loadText(text);
  if (result.ok) throw new Error("conf accepted");
  return result.error.text().replace(/ in \S+:(\d+)$/, " @$1");
}

describe("handler specs", () => {
  test("file forms: relative paths against the prefix, absolute kept, variables compiled", () => {
    const { main, prefix } = loadOk(`events {}
http {
    init_by_ts_file app/init.ts;
    init_worker_by_ts_file /srv/$literal.ts;
    server {
        location / {
            content_by_ts_file app/hello.ts;
            access_by_ts_file /srv/auth.ts;
            log_by_ts_file logs/$host.ts;
        }
    }
}
`);
    const init = tsMainConf(level(main, 1)).init as FileHandlerSpec;
    expect(init).toEqual({
      phase: "init",
      directive: "init_by_ts_file",
      conf: { file: `${prefix}conf/nginx.conf`, line: 3 },
      prefix,
      kind: "file",
      path: `${prefix}app/init.ts`,
      pathValue: null,
    });
    // Process phases take the path literally, as OpenResty does.
    expect((tsMainConf(level(main, 1)).initWorker as FileHandlerSpec).path).toBe("/srv/$literal.ts");
    const loc = tsLocationConf(level(main, 1, 0, 0));
    expect(loc.handlers.content).toMatchObject({ kind: "file", path: `${prefix}app/hello.ts`, phase: "content" });
    expect(loc.handlers.access).toMatchObject({ kind: "file", path: "/srv/auth.ts", phase: "access" });
    const log = loc.handlers.log as FileHandlerSpec;
    expect(log.path).toBeNull();
    expect(log.pathValue?.parts).toEqual([{ text: "logs/" }, { variable: "host" }, { text: ".ts" }]);
  });

  test("block forms: code byte-exact between the braces, decoded as UTF-8, with its lines", () => {
    const code = '\n    ngx.say("héllo ✓ $var; # not a comment")\n  ';
    // The fixture writes the conf as UTF-8; the parser reads bytes, the spec decodes them again.
    const { main, prefix } = loadOk(`events {}\nhttp {\n server {\n  location / {\n   content_by_ts_block {${code}}\n  }\n }\n}\n`);
    const h = tsLocationConf(level(main, 1, 0, 0)).handlers.content as BlockHandlerSpec;
    expect(h).toEqual({
      phase: "content",
      directive: "content_by_ts_block",
      conf: { file: `${prefix}conf/nginx.conf`, line: 5 },
      kind: "block",
      code,
      codeLine: 5,
    });
  });

  test("request handlers inherit down to nested locations and ifs; content only into ifs", () => {
    const { main } = loadOk(`events {}
http {
    log_by_ts_block { }
    server {
        rewrite_by_ts_file r.ts;
        location /a {
            content_by_ts_block { ngx.say(1) }
            header_filter_by_ts_block { }
            if ($uri) { access_by_ts_block { } }
            location /a/b { }
        }
        location /c { rewrite_by_ts_block { } }
    }
}
`);
    const a = level(main, 1, 0, 0);
    const ifA = level(a, 0);
    const ab = level(a, 1);
    const c = level(main, 1, 0, 1);
    expect(Object.keys(tsLocationConf(a).handlers).sort()).toEqual(["content", "header_filter", "log", "rewrite"]);
    expect(Object.keys(tsLocationConf(ifA).handlers).sort()).toEqual([
      "access",
      "content",
      "header_filter",
      "log",
      "rewrite",
    ]);
    expect(contentHandlerOf(ifA)).toBe(contentHandlerOf(a));
    expect(contentHandlerOf(ab)).toBeNull();
    // The merged settings mirror OpenResty's merge; only contentHandlerOf says what runs.
    expect(ab.settings["content_by_ts"]).toBe(contentHandlerOf(a));
    expect(ifA.settings["content_by_ts"]).toBe(contentHandlerOf(a));
    expect(Object.keys(tsLocationConf(ab).handlers).sort()).toEqual(["header_filter", "log", "rewrite"]);
    expect(tsLocationConf(c).handlers.rewrite).toMatchObject({ kind: "block", phase: "rewrite" });
    expect(tsLocationConf(level(main, 1, 0)).handlers.rewrite).toMatchObject({ kind: "file", phase: "rewrite" });
  });

  test("set_by_ts entries: per level, in order, with variable and compiled arguments", () => {
    const { main, prefix } = loadOk(`events {}
http {
    server {
        set_by_ts_block $s { return "1" }
        location / {
            set_by_ts_file $a lib/set.ts $s \${arg_x}y;
            set_by_ts_block $b { return ngx.arg[1] }
            content_by_ts_file /srv/$a/$b.ts;
        }
    }
}
`);
    const server = tsLocationConf(level(main, 1, 0));
    const loc = tsLocationConf(level(main, 1, 0, 0));
    expect(server.setBy.map((s) => s.variable)).toEqual(["s"]);
    expect(loc.setBy.map((s) => s.variable)).toEqual(["a", "b"]);
    const [a, b] = loc.setBy;
    expect(a!.handler).toMatchObject({ kind: "file", phase: "set", path: `${prefix}lib/set.ts` });
    expect(a!.args.map((v) => v.parts)).toEqual([[{ variable: "s" }], [{ variable: "arg_x" }, { text: "y" }]]);
    expect(b!.handler).toMatchObject({ kind: "block", phase: "set", code: " return ngx.arg[1] " });
    expect(b!.args).toEqual([]);
  });

  test("set_by_ts entries know their place among the rewrite module's steps", () => {
    const { main } = loadOk(`events {}
http {
    server {
        location / {
            set_by_ts_block $a { return 1 }
            set $b 1;
            set $c 2;
            set_by_ts_file $d d.ts;
            if ($a) {
                set $e 1;
                set_by_ts_block $f { return 2 }
            }
        }
    }
}
`);
    const loc = level(main, 1, 0, 0);
    expect(tsLocationConf(loc).setBy.map((s) => [s.variable, s.scriptIndex])).toEqual([
      ["a", 0],
      ["d", 2],
    ]);
    expect(tsLocationConf(level(loc, 0)).setBy.map((s) => [s.variable, s.scriptIndex])).toEqual([["f", 1]]);
  });

  test("set_by_ts is allowed in a server-level if and stored on that level", () => {
    const { main } = loadOk("events {}\nhttp {\n server {\n  if ($uri) { set_by_ts_block $v { return 1 } }\n }\n}\n");
    const sif = level(main, 1, 0, 0);
    expect(sif.context).toBe("sif");
    expect(tsLocationConf(sif).setBy.map((s) => s.variable)).toEqual(["v"]);
    expect(tsLocationConf(level(main, 1, 0)).setBy).toEqual([]);
  });

  test("process handlers stay on the http level", () => {
    const { main } = loadOk(
      "events {}\nhttp {\n init_by_ts_block { a() }\n init_worker_by_ts_block { }\n exit_worker_by_ts_file e.ts;\n server { }\n}\n",
    );
    const m = tsMainConf(level(main, 1));
    expect(m.init).toMatchObject({ kind: "block", code: " a() ", phase: "init", codeLine: 3 });
    expect(m.initWorker).toMatchObject({ kind: "block", code: " ", phase: "init_worker" });
    expect(m.exitWorker).toMatchObject({ kind: "file", phase: "exit_worker" });
    expect(level(main, 1, 0).settings["init_by_ts"]).toBeUndefined();
  });
});

describe("handler errors", () => {
  test("duplicates: named with `;` line for files, bare at the closing brace for blocks", () => {
    const loc = (body: string) => `events {}\nhttp {\n server {\n  location / {\n${body}\n  }\n }\n}\n`;
    expect(rejected(loc("content_by_ts_block { }\ncontent_by_ts_file a.ts;"))).toBe(
      '"content_by_ts_file" directive is duplicate @6',
    );
    expect(rejected(loc("content_by_ts_file a.ts;\ncontent_by_ts_block {\n\n}"))).toBe("is duplicate @8");
  });

  test("an empty block is an [error], not an [emerg]", () => {
    const { result } = loadText("events {}\nhttp {\n init_by_ts_block {}\n}\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.level).toBe("error");
    expect(result.error.text()).toMatch(/^invalid location config: no runnable TS code in .*:3$/);
  });

  test("set_by_ts target errors", () => {
    const loc = (body: string) => `events {}\nhttp {\n server {\n  location / {\n${body}\n  }\n }\n}\n`;
    expect(rejected(loc("set_by_ts_block x {\n}"))).toBe('invalid variable name "x" @6');
    expect(rejected(loc("set_by_ts_block $Host { }"))).toBe('the duplicate "Host" variable @5');
    expect(rejected(loc("set_by_ts_file $ a.ts;"))).toBe('invalid variable name "$" @5');
  });
});

describe("unknown directive hints for OpenResty's names", () => {
  const hint = (name: string) => rejected(`events {}\nhttp {\n server {\n  location / {\n${name}\n  }\n }\n}\n`);
  test.each([
    ["content_by_lua 'ngx.say(1)';", "content_by_ts_block"],
    ["content_by_lua_file a.lua;", "content_by_ts_file"],
    ["content_by_lua_block { ngx.say(1) }", "content_by_ts_block"],
    ["set_by_lua_block $a { return 1 }", "set_by_ts_block"],
    ["set_by_lua $a 'return 1';", "set_by_ts_block"],
    ["set_by_lua_file $a a.lua;", "set_by_ts_file"],
    ["rewrite_by_lua_block { }", "rewrite_by_ts_block"],
    ["header_filter_by_lua 'x()';", "header_filter_by_ts_block"],
    ["body_filter_by_lua_file a.lua;", "body_filter_by_ts_file"],
    ["log_by_lua_block { }", "log_by_ts_block"],
    ["access_by_lua_file a.lua;", "access_by_ts_file"],
    ["init_worker_by_lua 'x()';", "init_worker_by_ts_block"],
  ])("%s → %s", (line, ts) => {
    const name = line.split(" ")[0]!.replace(/;$/, "");
    expect(hint(line)).toBe(`unknown directive "${name}" (tsresty runs TypeScript handlers: use "${ts}") @5`);
  });

  test("no hint where tsresty has no TypeScript form", () => {
    expect(hint("balancer_by_lua_block { }")).toBe('unknown directive "balancer_by_lua_block" @5');
    expect(hint("ssl_certificate_by_lua_file a.lua;")).toBe('unknown directive "ssl_certificate_by_lua_file" @5');
    expect(hint("server_rewrite_by_lua_block { }")).toBe('unknown directive "server_rewrite_by_lua_block" @5');
  });
});
