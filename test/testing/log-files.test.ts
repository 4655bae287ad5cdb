import { appendFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LogFiles } from "../../src/testing/log-files.js";

let dir: string;
let logs: LogFiles;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "tsresty-logs-"));
  logs = new LogFiles(path.join(dir, "error.log"), path.join(dir, "access.log"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("log files", () => {
  it("reads only what was written since the mark", async () => {
    await writeFile(logs.errorLog, "old line\n");
    const mark = await logs.mark();
    await appendFile(logs.errorLog, "new line\n");
    expect(await logs.errorLogSince(mark)).toBe("new line\n");
  });

  it("works before the files exist", async () => {
    const mark = await logs.mark();
    expect(mark).toEqual({ errorLogOffset: 0, accessLogOffset: 0 });
    expect(await logs.errorLogSince(mark)).toBe("");
    expect(await logs.accessLinesSince(mark)).toBe(0);
  });

  it("waits until access.log has the expected lines", async () => {
    await writeFile(logs.accessLog, "earlier request\n");
    const mark = await logs.mark();
    setTimeout(() => void appendFile(logs.accessLog, "one\n"), 20);
    setTimeout(() => void appendFile(logs.accessLog, "two\n"), 40);
    expect(await logs.waitForAccessLines(mark, 2, 5000)).toBe(2);
  });

  it("gives up after the timeout with what it has", async () => {
    await writeFile(logs.accessLog, "");
    const mark = await logs.mark();
    await appendFile(logs.accessLog, "only one\n");
    const started = performance.now();
    expect(await logs.waitForAccessLines(mark, 2, 100)).toBe(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });
});
