// Expands the file arguments of the runner: `.t` files as given, directories recursively, and
// simple globs (`t/**/*.t`, `t/shared/*.t`). Results are sorted so runs are reproducible.

import { readdirSync, statSync } from "node:fs";
import path from "node:path";

export function findSpecFiles(patterns: readonly string[], cwd: string = process.cwd()): string[] {
  const found = new Set<string>();
  for (const pattern of patterns) {
    if (!/[*?[]/.test(pattern)) {
      const full = path.resolve(cwd, pattern);
      const stat = statSync(full, { throwIfNoEntry: false });
      if (stat?.isDirectory()) for (const f of walk(full)) found.add(f);
      else if (stat) found.add(full);
      else throw new Error(`no such spec file or directory: ${pattern}`);
      continue;
    }
    const base = path.resolve(cwd, staticPrefix(pattern));
    const re = globToRegExp(path.resolve(cwd, pattern));
    for (const f of walk(base)) if (re.test(f)) found.add(f);
  }
  return [...found].sort();
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    // Servroots of kept runs may sit next to the specs; never descend into them.
    if (entry.isDirectory() && !entry.name.startsWith("servroot")) out.push(...walk(full));
    else if (entry.isFile() && entry.name.endsWith(".t")) out.push(full);
  }
  return out;
}

function staticPrefix(pattern: string): string {
  const parts = pattern.split("/");
  const i = parts.findIndex((p) => /[*?[]/.test(p));
  return parts.slice(0, i).join("/") || ".";
}

function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      re += "(?:.*/)?";
      i += glob[i + 2] === "/" ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
