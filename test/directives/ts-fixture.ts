/**
 * Loads a conf text through the real loader (registry modules plus, for `if` blocks, a stand-in
 * `if` when the registry has none yet) and hands back the levels, for tests of stored values.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { loadConf, type LoadConfResult } from "../../src/directives/load-conf.js";
import type { ConfLevel } from "../../src/directives/level.js";
import { confModules } from "../../src/directives/registry.js";
import type { ConfModule } from "../../src/directives/types.js";

/** A minimal `if (…) { }` that opens an `if` level, as the rewrite module does. */
const standInIf: ConfModule = {
  name: "test_if",
  directives: [
    {
      name: "if",
      contexts: ["server", "location"],
      args: "1more",
      block: true,
      merge: "none",
      set: (call) => {
        call.loader.block(call, "if", call.level.kind === "server" ? "sif" : "lif");
      },
    },
  ],
};

const prefixes: string[] = [];
afterAll(() => {
  for (const p of prefixes) rmSync(p, { recursive: true, force: true });
});

export function loadText(text: string, files: Record<string, string> = {}): { result: LoadConfResult; prefix: string } {
  const prefix = mkdtempSync(join(tmpdir(), "tsresty-ts-module-"));
  prefixes.push(prefix);
  mkdirSync(join(prefix, "conf"), { recursive: true });
  writeFileSync(join(prefix, "conf", "nginx.conf"), text);
  for (const [p, t] of Object.entries(files)) writeFileSync(join(prefix, p), t);
  const hasIf = confModules.some((m) => m.directives.some((d) => d.name === "if"));
  const modules = hasIf ? confModules : [...confModules.slice(0, -1), standInIf, confModules[confModules.length - 1]!];
  return { result: loadConf({ prefix, confFile: "conf/nginx.conf", modules }), prefix: prefix + "/" };
}

/** Loads a conf that must be valid; returns its main level. */
export function loadOk(text: string, files: Record<string, string> = {}): { main: ConfLevel; prefix: string } {
  const { result, prefix } = loadText(text, files);
  if (!result.ok) throw new Error(`conf rejected: ${result.error.text()}`);
  return { main: result.conf.main, prefix };
}

/** Follows child indexes: `level(main, 0, 0, 1)` = http → first server → second location. */
export function level(from: ConfLevel, ...path: number[]): ConfLevel {
  let l = from;
  for (const i of path) {
    const next = l.children[i];
    if (next === undefined) throw new Error(`no child ${i} under ${l.kind}`);
    l = next;
  }
  return l;
}
