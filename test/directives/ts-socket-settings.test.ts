import { describe, expect, test } from "vitest";
import { tsLocationConf, tsMainConf } from "../../src/directives/modules/ts.js";
import { level, loadOk, loadText } from "./ts-fixture.js";

const DEFAULTS = {
  connectTimeout: 60_000,
  sendTimeout: 60_000,
  readTimeout: 60_000,
  keepaliveTimeout: 60_000,
  bufferSize: 4096,
  poolSize: 30,
  logErrors: true,
  sendLowat: 0,
};

describe("lua_socket_* settings", () => {
  test("defaults apply when no level sets anything", () => {
    const { main } = loadOk("events {}\nhttp {\n server {\n  location / { }\n }\n}\n");
    expect(tsLocationConf(level(main, 1, 0, 0)).socket).toEqual(DEFAULTS);
    expect(tsLocationConf(level(main, 1)).socket).toEqual(DEFAULTS);
  });

  test("values flow http → server → location → if, each level overriding its own", () => {
    const { main } = loadOk(`events {}
http {
    lua_socket_connect_timeout 1s;
    lua_socket_pool_size 10;
    lua_socket_log_errors off;
    server {
        lua_socket_read_timeout 1h30m500ms;
        lua_socket_connect_timeout 2s;
        location / {
            lua_socket_buffer_size 16k;
            lua_socket_keepalive_timeout 0;
            if ($uri) {
                lua_socket_pool_size 0;
                lua_socket_log_errors ON;
            }
        }
        location /b { }
    }
}
`);
    const http = level(main, 1);
    const server = level(http, 0);
    const loc = level(server, 0);
    const ifLevel = level(loc, 0);
    const other = level(server, 1);
    expect(tsLocationConf(http).socket).toEqual({ ...DEFAULTS, connectTimeout: 1000, poolSize: 10, logErrors: false });
    expect(tsLocationConf(server).socket).toEqual({
      ...DEFAULTS,
      connectTimeout: 2000,
      readTimeout: 5_400_500,
      poolSize: 10,
      logErrors: false,
    });
    const locExpected = {
      ...DEFAULTS,
      connectTimeout: 2000,
      readTimeout: 5_400_500,
      poolSize: 10,
      logErrors: false,
      bufferSize: 16384,
      keepaliveTimeout: 0,
    };
    expect(tsLocationConf(loc).socket).toEqual(locExpected);
    expect(ifLevel.kind).toBe("if");
    expect(tsLocationConf(ifLevel).socket).toEqual({ ...locExpected, poolSize: 0, logErrors: true });
    expect(tsLocationConf(other).socket.bufferSize).toBe(4096);
  });

  test("timeouts without a unit are seconds; sizes take k/m", () => {
    const { main } = loadOk(
      "events {}\nhttp {\n lua_socket_read_timeout 1;\n lua_socket_send_timeout 250ms;\n lua_socket_buffer_size 1m;\n}\n",
    );
    const s = tsLocationConf(level(main, 1)).socket;
    expect(s.readTimeout).toBe(1000);
    expect(s.sendTimeout).toBe(250);
    expect(s.bufferSize).toBe(1024 * 1024);
  });

  test("lua_socket_send_lowat is parsed, warned about and stored as 0 (Linux)", () => {
    const { result } = loadText("events {}\nhttp {\n lua_socket_send_lowat 10m;\n}\n");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(tsLocationConf(level(result.conf.main, 1)).socket.sendLowat).toBe(0);
    expect(result.conf.warnings).toEqual([
      { level: "warn", message: '"lua_send_lowat" is not supported, ignored', place: expect.objectContaining({ line: 3 }) },
    ]);
  });

  test("lua_socket_* are not allowed in a server-level if", () => {
    const { result } = loadText("events {}\nhttp {\n server {\n  if ($uri) { lua_socket_pool_size 1; }\n }\n}\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe('"lua_socket_pool_size" directive is not allowed here');
  });
});

describe("location switches and http-level settings", () => {
  test("flag defaults and overrides", () => {
    const { main } = loadOk(`events {}
http {
    lua_check_client_abort on;
    server {
        location / {
            lua_code_cache off;
            lua_need_request_body on;
            if ($uri) { lua_transform_underscores_in_response_headers off; }
        }
    }
}
`);
    expect(tsLocationConf(level(main, 1)).flags).toEqual({
      codeCache: true,
      needRequestBody: false,
      transformUnderscores: true,
      http10Buffering: true,
      checkClientAbort: true,
      useDefaultType: true,
    });
    expect(tsLocationConf(level(main, 1, 0, 0, 0)).flags).toEqual({
      codeCache: false,
      needRequestBody: true,
      transformUnderscores: false,
      http10Buffering: true,
      checkClientAbort: true,
      useDefaultType: true,
    });
  });

  test("lua_code_cache off logs OpenResty's alert at each directive", () => {
    const { result } = loadText("events {}\nhttp {\n lua_code_cache off;\n server { lua_code_cache off; }\n}\n");
    expect(result.ok && result.conf.warnings.map((w) => [w.level, w.message, w.place && w.place !== "command line" ? w.place.line : 0])).toEqual([
      ["alert", "lua_code_cache is off; this will hurt performance", 3],
      ["alert", "lua_code_cache is off; this will hurt performance", 4],
    ]);
  });

  test("http-level defaults: timers, regex cache, no package path, no dicts", () => {
    const { main } = loadOk("events {}\nhttp { }\n");
    expect(tsMainConf(level(main, 1))).toEqual({
      packagePath: null,
      sharedDicts: [],
      maxPendingTimers: 1024,
      maxRunningTimers: 256,
      regexCacheMaxEntries: 1024,
      init: null,
      initWorker: null,
      exitWorker: null,
    });
  });

  test("shared dicts keep name bytes, size and place, in order", () => {
    const { main, prefix } = loadOk(
      "events {}\nhttp {\n lua_shared_dict cache 10m;\n lua_shared_dict $x 12k;\n lua_max_pending_timers 0;\n}\n",
    );
    const conf = tsMainConf(level(main, 1));
    expect(conf.maxPendingTimers).toBe(0);
    expect(conf.sharedDicts).toEqual([
      { name: "cache", size: 10 * 1024 * 1024, conf: { file: `${prefix}conf/nginx.conf`, line: 3 } },
      { name: "$x", size: 12 * 1024, conf: { file: `${prefix}conf/nginx.conf`, line: 4 } },
    ]);
  });
});
