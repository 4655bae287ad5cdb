#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/main.js and everything it imports from dist/) into
// dist/bundle/main.js, with the server (imported lazily) in a chunk of its own. Why: Node 20 loads ES modules one file at a time, and ~150 small
// modules cost more than the rest of start-up; every .t block starts a server and `tsresty -t`
// is measured against `nginx -t`. Packages stay external (chevrotain loads its own bundle).
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

// Old chunks have hashed names: start from an empty folder so stale ones never pile up.
rmSync(new URL("../dist/bundle", import.meta.url), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: ["dist/cli/main.js"],
  outdir: "dist/bundle",
  outExtension: { ".js": ".js" },
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
  // dist/runtime/serve.js is imported lazily by main.js: a chunk of its own, so `-t` loads less.
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
});
