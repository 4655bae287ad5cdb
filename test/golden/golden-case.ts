/**
 * Golden conf cases: `test/golden/cases/<name>/` is a prefix whose `conf/nginx.conf` (plus any
 * included files) is tested with `tsresty -t`; `expected.txt` holds the exit code and the exact
 * stderr lines, recorded by running real nginx on the same files with `lua` in the handler
 * directive names (scripts/record-golden.mjs). `<P>` stands for the prefix.
 * Optional files: `args` (extra command-line arguments, one per line), `manual` (expected
 * output written by hand because nginx cannot run the case, e.g. TypeScript-only syntax; the
 * file says why).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const CASES_DIR = new URL("./cases/", import.meta.url).pathname;

export interface GoldenCase {
  readonly name: string;
  readonly dir: string;
  readonly args: string[];
  readonly manual: boolean;
  readonly expected: { exit: number; lines: string[] } | null;
}

export function parseExpected(text: string): { exit: number; lines: string[] } {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const head = /^exit (\d+)$/.exec(lines[0] ?? "");
  if (head === null) throw new Error(`expected.txt must start with "exit N", got ${JSON.stringify(lines[0])}`);
  return { exit: Number(head[1]), lines: lines.slice(1) };
}

export function loadCases(): GoldenCase[] {
  if (!existsSync(CASES_DIR)) return [];
  return readdirSync(CASES_DIR)
    .sort()
    .map((name) => {
      const dir = join(CASES_DIR, name);
      const argsFile = join(dir, "args");
      const expectedFile = join(dir, "expected.txt");
      return {
        name,
        dir,
        args: existsSync(argsFile) ? readFileSync(argsFile, "utf8").split("\n").filter((l) => l !== "") : [],
        manual: existsSync(join(dir, "manual")),
        // latin1: tsresty's messages are byte strings (a BOM or é in a conf is printed as its bytes).
        expected: existsSync(expectedFile) ? parseExpected(readFileSync(expectedFile, "latin1")) : null,
      };
    });
}

/** Copies a case to a fresh prefix (tests write logs; the checkout stays clean). */
export function stageCase(c: GoldenCase): string {
  const prefix = mkdtempSync(join(tmpdir(), `tsresty-golden-${c.name}-`));
  cpSync(c.dir, prefix, { recursive: true });
  return prefix;
}

export function unstage(prefix: string): void {
  rmSync(prefix, { recursive: true, force: true });
}
