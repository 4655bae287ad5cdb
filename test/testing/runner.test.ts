// The runner end to end against real nginx: it must report every deliberately wrong expectation,
// pass the good ones, reuse or restart the server as documented, and speak TAP.

import { existsSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadSpecFile, resolveServerCommand, SpecFileRun, type BlockResult } from "../../src/testing/index.js";
import { main } from "../../src/testing/tap-cli.js";
import { describeWithNginx } from "./nginx-peer.js";

const fixture = (name: string): string => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

describeWithNginx("runner against nginx", (nginx) => {
  const command = resolveServerCommand(nginx);

  describeFile("wrong-expectations.t", (results) => {
    const byTitle = (prefix: string): BlockResult => results().find((r) => r.block.title.startsWith(prefix))!;
    const checks = (prefix: string): string[] => byTitle(prefix).failures.map((f) => f.check);

    it("fails every block", () => {
      expect(results().map((r) => r.status)).toEqual(Array(results().length).fill("fail"));
    });
    it("reports a wrong body with file:line, expected and actual", () => {
      const f = byTitle("TEST 1:").failures;
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({ check: "response_body", place: { line: 10 }, expected: '"expected body\\n"', actual: '"actual body\\n"' });
      expect(byTitle("TEST 1:").message).toMatch(/wrong-expectations\.t:10: response_body: body differs\n  expected: "expected body\\n"\n  actual:   "actual body\\n"/);
    });
    it("reports a wrong status, a missing header and a missing log line", () => {
      expect(byTitle("TEST 2:").failures[0]).toMatchObject({ check: "error_code", expected: "201" });
      expect(byTitle("TEST 3:").failures[0]).toMatchObject({ check: "response_headers", actual: "absent" });
      expect(byTitle("TEST 4:").failures[0]).toMatchObject({ check: "error_log", message: expect.stringMatching(/this line is never logged/) });
    });
    it("reports a tcp_query mismatch without waiting for the client timeout", () => {
      const r = byTitle("TEST 5:");
      expect(checks("TEST 5:")).toEqual(["tcp_query"]);
      expect(r.failures[0]!.actual).toMatch(/GET \/real HTTP\/1\.0/);
      expect(r.timings.requestMs).toBeLessThan(1000);
    });
    it("asserts status 200 by default", () => {
      expect(byTitle("TEST 6:").failures[0]).toMatchObject({ check: "error_code", expected: "200" });
    });
    it("fails must_die when the server starts", () => {
      expect(checks("TEST 7:")).toEqual(["must_die"]);
    });
    it("fails no_error_log, undefined macros and a rejected conf", () => {
      expect(checks("TEST 8:")).toEqual(["no_error_log"]);
      expect(byTitle("TEST 9:").failures[0]).toMatchObject({ check: "spec", message: expect.stringMatching(/undefined macro \$TEST_NGINX_SURELY_UNDEFINED_NAME/) });
      expect(byTitle("TEST 10:").failures[0]).toMatchObject({ check: "server", actual: expect.stringMatching(/unknown directive "bogus_directive"/) });
    });
    it("fails like/unlike, grep output, client timeouts and per-request entries", () => {
      expect(checks("TEST 11:")).toEqual(["response_body_like", "response_body_unlike"]);
      expect(checks("TEST 12:")).toEqual(["grep_error_log_out"]);
      expect(checks("TEST 13:")).toEqual(["client", "error_code"]);
      expect(byTitle("TEST 14:").failures).toMatchObject([{ check: "response_body", request: 1 }]);
    });
    it("marks a failing todo block", () => {
      expect(byTitle("TEST 15:")).toMatchObject({ status: "fail", todo: "known to fail" });
    });
  });

  describeFile("passing.t", (results) => {
    it("passes, skips SKIP and skip_if blocks, and accepts an expected client abort", () => {
      expect(results().map((r) => [r.block.index, r.status])).toEqual([[1, "pass"], [2, "skip"], [3, "pass"], [4, "skip"]]);
      expect(results()[3]!.skipReason).toBe("skip_if: missing no-such-command-anywhere");
    });
  });

  describeFile("server-reuse.t", (results) => {
    it("reuses the server for an identical conf and restarts it for a changed one", () => {
      const started = results().map((r) => r.timings.startMs > 0);
      expect(started).toEqual([true, false, false, true, true, false]);
      expect(results().every((r) => r.status === "pass")).toBe(true);
    });
  });

  it("prints TAP and exits 1 when a block fails", async () => {
    const lines: string[] = [];
    const code = await main(["-j", "2", fixture("passing.t"), fixture("wrong-expectations.t")], (l) => lines.push(l), { TEST_NGINX_BINARY: nginx });
    expect(code).toBe(1);
    expect(lines[0]).toBe("TAP version 13");
    expect(lines).toContain("ok 2 - test/testing/fixtures/passing.t:13: TEST 2: skipped # SKIP marked SKIP");
    expect(lines.filter((l) => l.startsWith("not ok "))).toHaveLength(15);
    expect(lines.some((l) => /^not ok 19 - .* # TODO known to fail$/.test(l))).toBe(true);
    expect(lines.at(-2)).toBe("1..19");
    expect(lines.at(-1)).toBe("# failed 14 of 19");
  });

  it("exits 0 when everything passes, and reports a broken file as not ok", async () => {
    const lines: string[] = [];
    expect(await main([fixture("passing.t")], (l) => lines.push(l), { TEST_NGINX_BINARY: nginx })).toBe(0);
    const broken: string[] = [];
    expect(await main([fixture("broken.t")], (l) => broken.push(l), { TEST_NGINX_BINARY: nginx })).toBe(1);
    expect(broken).toContain('not ok 1 - test/testing/fixtures/broken.t:5: unknown section "respnse_body"');
  });

  it("--keep leaves the failed block's server running and says where", async () => {
    const lines: string[] = [];
    expect(await main(["--keep", fixture("wrong-expectations.t")], (l) => lines.push(l), { TEST_NGINX_BINARY: nginx })).toBe(1);
    const kept = lines.find((l) => l.startsWith("# kept for inspection"))!;
    const [, servroot, pid, port] = /servroot (\S+) .*server pid (\d+) on 127\.0\.0\.1:(\d+)/.exec(kept)!;
    try {
      expect(lines.filter((l) => l.startsWith("not ok"))).toHaveLength(1);
      expect(lines.filter((l) => / # SKIP a previous block failed and was kept/.test(l))).toHaveLength(14);
      expect(readFileSync(`${servroot}/conf/nginx.conf`, "utf8")).toMatch(`listen          127.0.0.1:${port};`);
      expect(() => process.kill(Number(pid), 0)).not.toThrow();
    } finally {
      process.kill(Number(pid), "SIGQUIT");
      for (let i = 0; i < 200 && isAlive(Number(pid)); i++) await new Promise((r) => setTimeout(r, 10));
      rmSync(servroot!, { recursive: true, force: true });
    }
    expect(existsSync(servroot!)).toBe(false);
  });

  /** Runs a fixture file once, before its tests, and hands them the results. */
  function describeFile(name: string, body: (results: () => BlockResult[]) => void): void {
    let results: BlockResult[] = [];
    beforeAll(async () => {
      const spec = loadSpecFile(fixture(name));
      const run = await SpecFileRun.open(spec, { command });
      try {
        for (let i = 0; i < spec.blocks.length; i++) results.push(await run.runBlock(i));
      } finally {
        await run.close();
      }
    });
    afterAll(() => {
      results = [];
    });
    body(() => results);
  }
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
