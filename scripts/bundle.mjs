#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/main.js, everything it imports from dist/, and chevrotain)
// into one CommonJS file, dist/bundle/main.cjs, then runs `tsresty -t` once so that bin/tsresty.js
// leaves a V8 code cache beside it (see bin/tsresty.js). Why: `tsresty -t` is measured against
// `nginx -t` and every .t block starts a server, so start-up time counts. Node 20 loads ES
// modules one file at a time and compiles every byte it loads; one script compiled from a code
// cache starts in a fraction of that, and Node 20 only offers code caches to scripts (vm.Script).
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);

/**
 * src/parser/chevrotain.ts finds chevrotain's single-file bundle at run time, with a top-level
 * await that a CommonJS file cannot hold. Here the bundle is known at build time: bundling it
 * into ours drops the parts we never call and leaves nothing for Node to resolve at start-up.
 */
const chevrotainInlined = {
  name: "chevrotain-inlined",
  setup(b) {
    const single = join(require.resolve("chevrotain"), "../../chevrotain.mjs");
    b.onLoad({ filter: /[\\/]dist[\\/]parser[\\/]chevrotain\.js$/ }, () => ({
      contents: `export * from ${JSON.stringify(single)};`,
      resolveDir: root,
    }));
  },
};

// Old outputs (earlier layouts had hashed chunk names) must not linger beside the new bundle.
rmSync(join(root, "dist/bundle"), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: ["dist/cli/main.js"],
  outfile: "dist/bundle/main.cjs",
  bundle: true,
  // The server (imported lazily by main.js) becomes code that only runs when imported: one file
  // still, and `-t` neither runs nor, with the code cache, compiles it.
  format: "cjs",
  platform: "node",
  target: "node20",
  // Other packages (sonic-boom) are required from node_modules when the server starts.
  packages: "external",
  plugins: [chevrotainInlined],
  // A CommonJS file has no import.meta: the one use (build-info.ts finding package.json) gets
  // the bundle's own URL, which bin/tsresty.js passes in as __filename. The banner goes before
  // esbuild's "use strict", so it repeats it: ES modules are strict, and so must the bundle be.
  define: { "import.meta.url": "__bundleUrl" },
  // Any other import.meta would be an empty object at run time: fail the build instead.
  logOverride: { "empty-import-meta": "error" },
  banner: { js: '"use strict";\nvar __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  // ASCII only: bin/tsresty.js reads the bundle as latin1, V8's cheapest string to compile.
  charset: "ascii",
  sourcemap: "linked",
  logLevel: "warning",
});

// bin/tsresty.js runs the bundle through vm.Script, which has no loader for import(): a dynamic
// import left in (of a package, say) would only fail when that code runs.
if (/\bimport\(/.test(readFileSync(join(root, "dist/bundle/main.cjs"), "latin1"))) {
  throw new Error("bundle: dist/bundle/main.cjs has an import(): import the package statically");
}

// One `-t` run makes the code cache (with the functions that run compiled), so the first real
// run is fast too. Its own prefix: the example conf logs into logs/ of whatever prefix it gets.
const prefix = mkdtempSync(join(tmpdir(), "tsresty-bundle-"));
try {
  mkdirSync(join(prefix, "logs"));
  const warm = spawnSync(
    process.execPath,
    [join(root, "bin/tsresty.js"), "-t", "-q", "-p", `${prefix}/`, "-c", join(root, "conf/nginx.conf")],
    { stdio: "inherit" },
  );
  if (warm.status !== 0) throw new Error(`bundle: the bundled tsresty -t failed (exit ${warm.status})`);
} finally {
  rmSync(prefix, { recursive: true, force: true });
}
