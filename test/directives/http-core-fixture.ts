/**
 * Loads a conf text through the real loader and module registry, for tests of what the http
 * core module stores.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";
import { loadConf, type LoadConfResult, type LoadedConf } from "../../src/directives/load-conf.js";
import type { ConfLevel } from "../../src/directives/level.js";
import { httpLevelOf } from "../../src/directives/modules/http-core.js";
import { confModules } from "../../src/directives/registry.js";
import { strSlot } from "../../src/directives/slots.js";
import type { ConfModule } from "../../src/directives/types.js";

/** `ssl_certificate` until an ssl module exists: `listen … ssl` needs one, as in nginx. */
const standInSsl: ConfModule = {
  name: "test_ssl",
  directives: [{ name: "ssl_certificate", contexts: ["http", "server"], args: [1], set: strSlot }],
};

function modules(): readonly ConfModule[] {
  if (confModules.some((m) => m.directives.some((d) => d.name === "ssl_certificate"))) return confModules;
  return [...confModules.slice(0, -1), standInSsl, confModules[confModules.length - 1]!];
}

const prefixes: string[] = [];
afterAll(() => {
  for (const p of prefixes) rmSync(p, { recursive: true, force: true });
});

export function loadHttpText(text: string, files: Record<string, string> = {}): { result: LoadConfResult; prefix: string } {
  const prefix = mkdtempSync(join(tmpdir(), "tsresty-http-core-"));
  prefixes.push(prefix);
  mkdirSync(join(prefix, "conf"), { recursive: true });
  writeFileSync(join(prefix, "conf", "nginx.conf"), text, "latin1");
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(dirname(join(prefix, p)), { recursive: true });
    writeFileSync(join(prefix, p), t, "latin1");
  }
  return { result: loadConf({ prefix, confFile: "conf/nginx.conf", modules: modules() }), prefix: prefix + "/" };
}

/** Loads `events {} http { <body> }`, which must be valid. */
export function loadHttp(body: string, files: Record<string, string> = {}): { conf: LoadedConf; http: ConfLevel; prefix: string } {
  const { result, prefix } = loadHttpText(`events {}\nhttp {\n${body}\n}\n`, files);
  if (!result.ok) throw new Error(`conf rejected: ${result.error.text()}`);
  const http = httpLevelOf(result.conf.main);
  if (http === null) throw new Error("no http level");
  return { conf: result.conf, http, prefix };
}

/** The error text of a conf that must be rejected. */
export function loadHttpError(body: string): string {
  const { result, prefix } = loadHttpText(`events {}\nhttp {\n${body}\n}\n`);
  if (result.ok) throw new Error("conf accepted");
  return result.error.text().split(prefix).join("<P>/");
}
