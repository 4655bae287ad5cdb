import { describe, expect, it } from "vitest";
import { writeConf } from "../../src/testing/conf-writer.js";
import { configSectionsPerBlock } from "../../src/testing/config-inheritance.js";
import { parseSpecFile } from "../../src/testing/spec-parser.js";
import { parseUserFiles } from "../../src/testing/user-files.js";

describe("conf writer", () => {
  it("writes the layout of spec-format.md §4", () => {
    const conf = writeConf({
      servroot: "/s",
      port: 1984,
      workers: 1,
      masterProcess: false,
      logLevel: "debug",
      rootLocation: true,
      serverName: "localhost",
      mainConfig: "env FOO;\n",
      httpConfig: "    upstream u { server 127.0.0.1:1; }\n",
      config: "    location = /t { return 200; }\n",
      postMainConfig: "# end\n",
    });
    expect(conf).toBe(
      [
        "worker_processes  1;",
        "daemon off;",
        "master_process off;",
        "error_log /s/logs/error.log debug;",
        "pid       /s/logs/nginx.pid;",
        "env FOO;",
        "events {",
        "    worker_connections  64;",
        "}",
        "",
        "http {",
        "    access_log /s/logs/access.log;",
        "    default_type text/plain;",
        "    keepalive_timeout  68;",
        "    upstream u { server 127.0.0.1:1; }",
        "    server {",
        "        listen          127.0.0.1:1984;",
        "        server_name     localhost;",
        "        client_max_body_size 30M;",
        "    location = /t { return 200; }",
        "        location / {",
        "            root /s/html;",
        "            index index.html index.htm;",
        "        }",
        "    }",
        "}",
        "# end",
        "",
      ].join("\n"),
    );
  });

  it("leaves out location / when root_location is off", () => {
    const conf = writeConf({ servroot: "/s", port: 1, workers: 2, masterProcess: true, logLevel: "info", rootLocation: false, serverName: "a", mainConfig: "", httpConfig: "", config: "", postMainConfig: "" });
    expect(conf).not.toMatch(/location \//);
    expect(conf).toMatch(/^worker_processes  2;\ndaemon off;\nmaster_process on;\nerror_log \/s\/logs\/error.log info;/);
  });
});

describe("config inheritance", () => {
  const texts = (spec: string) =>
    configSectionsPerBlock(parseSpecFile(spec, "c.t")).map((m) => Object.fromEntries([...m].map(([k, v]) => [k, v.text])));

  it("a block without config takes all config sections of the previous block", () => {
    expect(texts("=== A\n--- http_config\nH\n--- config\nC1\n=== B\n--- request\nGET /\n=== C\n--- config\nC3\n")).toEqual([
      { http_config: "H\n", config: "C1\n" },
      { http_config: "H\n", config: "C1\n" },
      { config: "C3\n" },
    ]);
  });

  it("own sections win over inherited ones; DEFAULTS fill the gaps", () => {
    expect(texts("=== DEFAULTS\n--- server_name: d\n=== A\n--- config\nC1\n--- server_name: a\n=== B\n--- user_files\n>>> f\n")).toEqual([
      { config: "C1\n", server_name: "a" },
      { config: "C1\n", server_name: "a", user_files: ">>> f\n" },
    ]);
  });

  it("a DEFAULTS config stops inheritance", () => {
    expect(texts("=== DEFAULTS\n--- config\nD\n=== A\n--- config\nC1\n=== B\n")).toEqual([{ config: "C1\n" }, { config: "D\n" }]);
  });

  it("follows file order, so a block picked with ONLY keeps its config", () => {
    expect(texts("=== A\n--- config\nC1\n=== B\n--- ONLY\n")[1]).toEqual({ config: "C1\n" });
  });
});

describe("user files", () => {
  it("splits files, trims blank lines between them, keeps sub-folders", () => {
    expect(parseUserFiles(">>> a.txt\nhello\n\n>>> d/b.html\n<p>\n  x\n</p>\n>>> empty\n")).toEqual([
      { name: "a.txt", content: "hello\n" },
      { name: "d/b.html", content: "<p>\n  x\n</p>\n" },
      { name: "empty", content: "" },
    ]);
  });

  it.each([["text first\n>>> a\n", /must start with/], [">>> ../escape\nx\n", /inside the html dir/], [">>> /abs\nx\n", /inside the html dir/]])(
    "rejects %j",
    (text, message) => {
      expect(() => parseUserFiles(text)).toThrow(message);
    },
  );
});
