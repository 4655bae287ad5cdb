/**
 * Loads a conf text through the real loader and registry, for tests of what the rewrite
 * module and the variables store.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import type { ConfLevel } from "../../src/directives/level.js";
import { loadConf, type LoadConfResult } from "../../src/directives/load-conf.js";

const prefixes: string[] = [];
afterAll(() => {
  for (const p of prefixes) rmSync(p, { recursive: true, force: true });
});

export function loadConfText(text: string): LoadConfResult {
  const prefix = mkdtempSync(join(tmpdir(), "tsresty-rewrite-"));
  prefixes.push(prefix);
  mkdirSync(join(prefix, "conf"), { recursive: true });
  writeFileSync(join(prefix, "conf", "nginx.conf"), text, "latin1");
  return loadConf({ prefix, confFile: "conf/nginx.conf" });
}

/** The main level of a conf that must load. */
export function loadMain(text: string): ConfLevel {
  const r = loadConfText(text);
  if (!r.ok) throw new Error(`conf rejected: ${r.error.text()}`);
  return r.conf.main;
}

/** The message of a conf that must fail, with ` in file:line` shortened to ` @line`. */
export function rejection(text: string): string {
  const r = loadConfText(text);
  if (r.ok) throw new Error("conf accepted");
  return r.error.text().replace(/ in \S+:(\d+)$/, " @$1");
}

/** The children of a level that are of one kind (skips `if` levels and others). */
export function childrenOf(level: ConfLevel, kind: ConfLevel["kind"]): ConfLevel[] {
  return level.children.filter((c) => c.kind === kind);
}

/** `http { server { … } }` → the first server level. */
export function firstServer(main: ConfLevel): ConfLevel {
  const http = childrenOf(main, "http")[0]!;
  return childrenOf(http, "server")[0]!;
}
