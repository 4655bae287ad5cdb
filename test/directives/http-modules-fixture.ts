/**
 * Loads conf text through the real loader and registry, for tests of the values the log,
 * headers, access, upstream and proxy modules store.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { loadConf } from "../../src/directives/load-conf.js";
import type { ConfLevel } from "../../src/directives/level.js";

const prefixes: string[] = [];
afterAll(() => {
  for (const p of prefixes) rmSync(p, { recursive: true, force: true });
});

function load(text: string) {
  const prefix = mkdtempSync(join(tmpdir(), "tsresty-http-modules-"));
  prefixes.push(prefix);
  mkdirSync(join(prefix, "conf"), { recursive: true });
  mkdirSync(join(prefix, "logs"), { recursive: true });
  writeFileSync(join(prefix, "conf", "nginx.conf"), text);
  return { result: loadConf({ prefix, confFile: "conf/nginx.conf" }), prefix: prefix + "/" };
}

/** Loads a conf that must be valid. */
export function loadOk(text: string): { main: ConfLevel; prefix: string; warnings: string[] } {
  const { result, prefix } = load(text);
  if (!result.ok) throw new Error(`conf rejected: ${result.error.text()}`);
  return { main: result.conf.main, prefix, warnings: result.conf.warnings.map((w) => w.message) };
}

/** The message of a conf that must be rejected, with ` @line` for its place. */
export function rejected(text: string): string {
  const { result } = load(text);
  if (result.ok) throw new Error("conf accepted");
  return result.error.text().replace(/ in \S+:(\d+)$/, " @$1");
}

/** The http level of a loaded conf. */
export function httpOf(main: ConfLevel): ConfLevel {
  const http = main.children.find((l) => l.kind === "http");
  if (http === undefined) throw new Error("no http level");
  return http;
}

/** Follows child indexes from the http level: `at(main, 0, 1)` = first server → second location. */
export function at(main: ConfLevel, ...path: number[]): ConfLevel {
  let l = httpOf(main);
  for (const i of path) {
    const next = l.children[i];
    if (next === undefined) throw new Error(`no child ${i} under ${l.kind}`);
    l = next;
  }
  return l;
}
