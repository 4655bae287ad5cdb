/**
 * Running the real command line: `node bin/tsresty.js` (the compiled CLI, rebuilt first when a
 * source file is newer than its output) and, for differential checks, real nginx with the same
 * arguments. Output is read as bytes (latin1) and normalised: the prefix becomes `<P>`, its
 * folder name `<N>`, the program name `tsresty`, and log-file stamps `<TS> [level] <PID>:`.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = join(ROOT, "bin/tsresty.js");

function newestMtime(dir: string, ext: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) newest = Math.max(newest, newestMtime(p, ext));
    else if (name.endsWith(ext)) newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}

/**
 * Builds like `npm run build` (tsc, then the CLI bundle bin/tsresty.js loads) when the bundle is
 * missing or older than a source file. Type errors elsewhere do not stop tsc from writing dist/.
 */
export function ensureBuilt(): void {
  let built = 0;
  try {
    built = statSync(join(ROOT, "dist/bundle/main.cjs")).mtimeMs;
  } catch {
    built = 0;
  }
  if (built !== 0 && newestMtime(join(ROOT, "src"), ".ts") <= built) return;
  try {
    execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.json")], {
      stdio: "ignore",
    });
  } catch {
    // tsc exits non-zero on type errors but still writes dist/.
  }
  execFileSync(process.execPath, [join(ROOT, "scripts/bundle.mjs")], { stdio: "ignore" });
}

export interface RunResult {
  readonly exit: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(file: string, args: readonly string[], cwd: string): Promise<RunResult> {
  return new Promise((resolveRun) => {
    execFile(file, [...args], { cwd, encoding: "buffer", timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : -1;
      resolveRun({ exit: code, stdout: stdout.toString("latin1"), stderr: stderr.toString("latin1") });
    });
  });
}

export function runTsresty(args: readonly string[], cwd: string): Promise<RunResult> {
  return run(process.execPath, [BIN, ...args], cwd);
}

/** A fresh prefix folder holding `files` (paths relative to it, contents as latin1 bytes). */
export function makePrefix(files: Readonly<Record<string, string>>): string {
  const prefix = mkdtempSync(join(tmpdir(), "tsresty-cli-"));
  mkdirSync(join(prefix, "logs"));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(prefix, p)), { recursive: true });
    writeFileSync(join(prefix, p), text, "latin1");
  }
  return prefix;
}

export function removePrefix(prefix: string): void {
  rmSync(prefix, { recursive: true, force: true });
}

const LOG_STAMP = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[(\w+)\] \d+#\d+: /gm;

/** nginx's or tsresty's output in the form the expectations are written in. */
export function normalise(text: string, prefix: string): string {
  return text
    .split(prefix)
    .join("<P>")
    .split(basename(prefix))
    .join("<N>")
    .replace(/^nginx: /gm, "tsresty: ")
    .replace(LOG_STAMP, "<TS> [$1] <PID>: ");
}

export function lines(text: string): string[] {
  const l = text.split("\n");
  if (l[l.length - 1] === "") l.pop();
  return l;
}
