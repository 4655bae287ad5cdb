#!/usr/bin/env node
// The `.t` spec runner's TAP command; the runner itself is compiled TypeScript in dist/testing.
// CommonJS like everything in bin/ (see bin/tsresty.js): the runner is loaded with import().
"use strict";
import("../dist/testing/tap-cli.js").then(async ({ main }) => {
  process.exitCode = await main(process.argv.slice(2));
});
