#!/usr/bin/env node
// The CLI runs as compiled JavaScript: its start-up time is part of every measurement.
//
// CommonJS (bin/package.json): an ES module entry would start Node's ES module loader, which
// costs more than the rest of `tsresty -v`. The bundle (scripts/bundle.mjs) is compiled here with
// a V8 code cache: compiling ~800 KB of JavaScript is most of the start-up otherwise.
"use strict";
const { loadCached } = require("./load-cached.js");

const bundle = loadCached(require("node:path").join(__dirname, "../dist/bundle/main.cjs"));
bundle.exports.main(process.argv.slice(2)).then((code) => {
  // After the run: the cache then holds every function the run compiled, not just the top level.
  bundle.saveCacheIfStale();
  // Exit now: a stopped server may leave idle handles (timers, stdio) that would keep Node alive.
  process.exit(code);
});
