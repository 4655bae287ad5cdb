"use strict";
/**
 * Runs a CommonJS file as require() would, but compiled with a V8 code cache kept beside it
 * (`<file>.cache`). Why: Node 20 has no compile cache for modules (module.enableCompileCache came
 * in Node 22), and compiling the bundle is most of `tsresty -t`'s start-up; vm.Script accepts
 * V8's cached data.
 *
 * The cache file is a header line, a copy of the source it was made from, then V8's data. V8
 * checks its own version, its flags and the data's length but only the source's length, so the
 * copy is compared byte for byte: a rebuilt or edited bundle never runs code compiled from
 * another one. V8 does not checksum the data in release builds (damaged data can crash the
 * process), and a checksum in JavaScript would cost more than a third of what the cache saves:
 * the file is written whole instead, flushed to disk and then renamed into place.
 *
 * The cache is only ever a shortcut: missing, stale, rejected by V8 or unwritable (a read-only
 * install), the file is compiled from source and runs the same.
 */
const fs = require("node:fs");
const { createRequire } = require("node:module");
const path = require("node:path");
const { Script } = require("node:vm");

/** Node's own CommonJS wrapper, on the first line so that line numbers stay the file's. */
const WRAPPER_HEAD = "(function (exports, require, module, __filename, __dirname) { ";
const WRAPPER_TAIL = "\n})";

/** What a cache must have been made by: the same Node and V8, platform and architecture, the same source size. */
function cacheHeader(sourceLength) {
  const { version, versions, platform, arch } = process;
  return Buffer.from(`tsresty code cache\t${version}\t${versions.v8}\t${platform}-${arch}\t${sourceLength}\n`, "latin1");
}

/** V8's data from the cache file, if the file was made from exactly `source`. */
function cachedDataFor(cacheFile, source) {
  let cache;
  try {
    cache = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const header = cacheHeader(source.length);
  const dataStart = header.length + source.length;
  if (cache.length <= dataStart) return undefined;
  if (!header.equals(cache.subarray(0, header.length))) return undefined;
  if (!source.equals(cache.subarray(header.length, dataStart))) return undefined;
  return cache.subarray(dataStart);
}

/**
 * Best effort. Another process may be writing the same cache, so each writes a file of its own
 * and renames it into place; it is flushed first so that a crash cannot leave a renamed file
 * whose data never reached the disk.
 */
function writeCache(cacheFile, source, data) {
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  try {
    const fd = fs.openSync(tmp, "w", 0o644);
    try {
      fs.writeFileSync(fd, Buffer.concat([cacheHeader(source.length), source, data]));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, cacheFile);
  } catch {
    // A read-only install, a full disk: the next run compiles from source again.
    try {
      fs.unlinkSync(tmp);
    } catch {
      // Never written.
    }
  }
}

/**
 * Runs `file` (an ASCII CommonJS file) and returns its exports. `saveCacheIfStale()` writes the
 * cache when there was none to use; call it after the work is done, so that the cache holds the
 * functions compiled on the way and not only the top level.
 */
function loadCached(file) {
  const source = fs.readFileSync(file);
  const cacheFile = `${file}.cache`;
  const cachedData = cachedDataFor(cacheFile, source);
  const script = new Script(WRAPPER_HEAD + source.toString("latin1") + WRAPPER_TAIL, { filename: file, cachedData });
  const stale = cachedData === undefined || script.cachedDataRejected === true;
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return {
    exports: module.exports,
    saveCacheIfStale() {
      if (stale) writeCache(cacheFile, source, script.createCachedData());
    },
  };
}

module.exports = { loadCached };
