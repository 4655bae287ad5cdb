import { describe, expect, test } from "vitest";
import {
  ACCESS_LOG_SLOT,
  OPEN_LOG_FILE_CACHE_SLOT,
  type AccessLogSetting,
} from "../../src/directives/modules/log.js";
import { at, loadOk } from "./http-modules-fixture.js";

const CONF = `events {}
http {
    log_format main '$remote_addr [$time_local] '
                    '"\${request}" $1';
    log_format json escape=json '{"s":$status}';
    open_log_file_cache max=100 inactive=30s;
    server {
        access_log logs/a.log main buffer=8k flush=2s if=$arg_log;
        access_log logs/$host.log JSON;
        access_log syslog:server=127.0.0.1:5140,tag=web;
        location /off {
            access_log logs/b.log;
            access_log off;
        }
        location /gz {
            access_log /tmp/tsresty-gz.log combined gzip;
            open_log_file_cache off;
        }
        location /inherit {
        }
    }
}
`;

describe("log_format and access_log", () => {
  test("formats are compiled to text and variable parts, words joined with nothing", () => {
    // `$1` is a variable to the log module; define it so the conf loads.
    const conf = CONF.replace(" $1'", "'");
    const { main } = loadOk(conf);
    const setting = at(main, 0).settings[ACCESS_LOG_SLOT] as AccessLogSetting;
    expect(setting.logs[0]!.format).toEqual({
      name: "main",
      escape: "default",
      parts: [
        { variable: "remote_addr" },
        { text: " [" },
        { variable: "time_local" },
        { text: '] "' },
        { variable: "request" },
        { text: '"' },
      ],
    });
    expect(setting.logs[1]!.format.name).toBe("json");
    expect(setting.logs[1]!.format.escape).toBe("json");
  });

  test("targets, buffers and conditions", () => {
    const { main, prefix } = loadOk(CONF.replace(" $1'", "'"));
    const { off, logs } = at(main, 0).settings[ACCESS_LOG_SLOT] as AccessLogSetting;
    expect(off).toBe(false);
    expect(logs[0]).toMatchObject({
      target: { kind: "file", path: `${prefix}logs/a.log` },
      buffer: 8192,
      flush: 2000,
      gzip: 0,
      condition: { raw: "$arg_log", parts: [{ variable: "arg_log" }] },
    });
    expect(logs[1]!.target).toEqual({
      kind: "file-per-request",
      path: { raw: `${prefix}logs/$host.log`, parts: [{ text: prefix }, { text: "logs/" }, { variable: "host" }, { text: ".log" }], constant: false },
    });
    expect(logs[2]!.target).toMatchObject({
      kind: "syslog",
      syslog: { server: { family: "inet", host: "127.0.0.1", port: 5140, addresses: ["127.0.0.1"] }, tag: "web", facility: 23, severity: 6, hostname: true },
    });
    const gz = (at(main, 0, 1).settings[ACCESS_LOG_SLOT] as AccessLogSetting).logs[0]!;
    expect(gz).toMatchObject({ buffer: 64 * 1024, gzip: 1, flush: 0 });
  });

  test("off wins at its level; levels without access_log inherit the whole list", () => {
    const { main } = loadOk(CONF.replace(" $1'", "'"));
    const off = at(main, 0, 0).settings[ACCESS_LOG_SLOT] as AccessLogSetting;
    expect(off.off).toBe(true);
    expect(at(main, 0, 2).settings[ACCESS_LOG_SLOT]).toBe(at(main, 0).settings[ACCESS_LOG_SLOT]);
  });

  test("without any access_log, logs/access.log in the combined format", () => {
    const { main, prefix } = loadOk("events {}\nhttp {\n    server {\n    }\n}\n");
    const { off, logs } = at(main, 0).settings[ACCESS_LOG_SLOT] as AccessLogSetting;
    expect(off).toBe(false);
    expect(logs).toHaveLength(1);
    expect(logs[0]!.target).toEqual({ kind: "file", path: `${prefix}logs/access.log` });
    expect(logs[0]!.format.name).toBe("combined");
    expect(logs[0]!.format.parts[0]).toEqual({ variable: "remote_addr" });
  });

  test("open_log_file_cache", () => {
    const { main } = loadOk(CONF.replace(" $1'", "'"));
    expect(at(main).settings[OPEN_LOG_FILE_CACHE_SLOT]).toEqual({ max: 100, inactive: 30, minUses: 1, valid: 60 });
    expect(at(main, 0).settings[OPEN_LOG_FILE_CACHE_SLOT]).toEqual({ max: 100, inactive: 30, minUses: 1, valid: 60 });
    expect(at(main, 0, 1).settings[OPEN_LOG_FILE_CACHE_SLOT]).toBeNull();
  });
});
