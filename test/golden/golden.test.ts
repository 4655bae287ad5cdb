/**
 * Every golden case through `tsresty -t`, compared line for line with what real nginx printed
 * for the same files (see golden-case.ts).
 */
import { describe, expect, test } from "vitest";
import { main } from "../../src/cli/main.js";
import type { Reporter } from "../../src/cli/report.js";
import { loadCases, stageCase, unstage } from "./golden-case.js";

export function captureReporter(): Reporter & { lines: string[]; stdoutText: string } {
  const r = {
    lines: [] as string[],
    stdoutText: "",
    stderr(line: string) {
      r.lines.push(line);
    },
    stdout(text: string) {
      r.stdoutText += text;
    },
    log(level: string, text: string) {
      r.lines.push(`tsresty: [${level}] ${text}`);
    },
  };
  return r;
}

export async function runTsrestyTest(prefix: string, args: readonly string[]) {
  const out = captureReporter();
  const exit = await main(["-t", "-p", prefix + "/", "-c", "conf/nginx.conf", ...args], out);
  return { exit, lines: out.lines.map((l) => l.split(prefix).join("<P>")) };
}

const cases = loadCases();

describe("golden conf cases", () => {
  test("the corpus is there", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const c of cases) {
    test(c.name, async () => {
      expect(c.expected, `${c.name} has no expected.txt (run scripts/record-golden.mjs)`).not.toBeNull();
      const prefix = stageCase(c);
      try {
        const got = await runTsrestyTest(prefix, c.args);
        expect({ exit: got.exit, lines: got.lines }).toEqual(c.expected);
      } finally {
        unstage(prefix);
      }
    });
  }
});
