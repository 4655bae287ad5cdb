/**
 * bin/tsresty.js compiles the bundle with a V8 code cache (bin/load-cached.js). The cache may
 * only ever make start-up faster: these runs use a copy of bin/ and dist/bundle/ so that the
 * cache can be removed, made stale or made unwritable without touching the checkout's.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, beforeEach, expect, test } from "vitest";
import { ensureBuilt, ROOT, run } from "./cli-harness.js";

let copy: string;
let bundle: string;
let cache: string;

beforeAll(() => ensureBuilt(), 120_000);

beforeEach(() => {
  copy = mkdtempSync(join(tmpdir(), "tsresty-code-cache-"));
  cpSync(join(ROOT, "bin"), join(copy, "bin"), { recursive: true });
  mkdirSync(join(copy, "dist"));
  cpSync(join(ROOT, "dist/bundle"), join(copy, "dist/bundle"), { recursive: true });
  mkdirSync(join(copy, "conf"));
  writeFileSync(join(copy, "conf/nginx.conf"), "events {}\n");
  bundle = join(copy, "dist/bundle/main.cjs");
  cache = `${bundle}.cache`;
});

afterEach(() => rmSync(copy, { recursive: true, force: true }));

function check(): Promise<{ exit: number; stderr: string }> {
  return run(process.execPath, [join(copy, "bin/tsresty.js"), "-t", "-p", `${copy}/`], copy);
}

const OK = "syntax is ok";

/** The cache on disk is one the bundle accepts: a run leaves it as it is (a rejected one is rewritten). */
async function expectCacheInUse(): Promise<void> {
  const before = readFileSync(cache);
  expect(before.includes(readFileSync(bundle))).toBe(true);
  expect((await check()).exit).toBe(0);
  expect(readFileSync(cache).equals(before)).toBe(true);
}

test("the build leaves a cache that the next run uses as it is", async () => {
  await expectCacheInUse();
});

test("without a cache the bundle runs from source and leaves one", async () => {
  rmSync(cache);
  const r = await check();
  expect(r.exit).toBe(0);
  expect(r.stderr).toContain(OK);
  await expectCacheInUse();
});

test("a cache made from other source of the same length is not used, and is replaced", async () => {
  // Same length, so V8's own check would accept the cache: the copy of the source must not.
  const text = readFileSync(bundle, "latin1");
  writeFileSync(bundle, text.replaceAll("syntax is ok", "SYNTAX IS OK"), "latin1");
  const r = await check();
  expect(r.exit).toBe(0);
  expect(r.stderr).toContain("SYNTAX IS OK");
  await expectCacheInUse();
});

test("a truncated cache is not used, and is replaced", async () => {
  const whole = readFileSync(cache);
  writeFileSync(cache, whole.subarray(0, whole.length - 1000));
  const r = await check();
  expect(r.exit).toBe(0);
  expect(r.stderr).toContain(OK);
  await expectCacheInUse();
});

test("a cache that cannot be written changes nothing", async () => {
  // A folder where the cache should be: unreadable as a cache, impossible to rename over.
  rmSync(cache);
  mkdirSync(join(cache, "taken"), { recursive: true });
  const r = await check();
  expect(r.exit).toBe(0);
  expect(r.stderr).toContain(OK);
  expect(statSync(cache).isDirectory()).toBe(true);
});
