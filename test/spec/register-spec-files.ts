// The vitest front end of the `.t` runner: one vitest test per block.
//
// Each `.t` file becomes a `describe.concurrent` suite, so files run at the same time on their
// own ports and servroots; the blocks inside a file are `test.sequential`, because they share
// that file's server and must run in file order. (vitest bounds the number of files in flight
// by its `maxConcurrency`.)
//
// @example  test/spec/tsresty.test.ts — every spec against this checkout's server:
//   registerSpecFiles(["t/**/*.t"]);

import path from "node:path";
import { afterAll, beforeAll, describe, test } from "vitest";
import {
  blockLabel,
  findSpecFiles,
  loadSpecFile,
  resolveServerCommand,
  SpecError,
  SpecFileRun,
  type SpecFile,
} from "../../src/testing/index.js";

export interface RegisterOptions {
  /** The server command (a name on PATH or a path); default TEST_NGINX_BINARY, then tsresty. */
  readonly binary?: string;
  /** Shown in front of each file's suite name, e.g. "nginx". */
  readonly label?: string;
  /** Folder the patterns and the shown file names are relative to; default the cwd. */
  readonly root?: string;
}

/** Registers one vitest suite per `.t` file matched by `patterns` (files, dirs or globs). */
export function registerSpecFiles(patterns: string | readonly string[], options: RegisterOptions = {}): void {
  const root = options.root ?? process.cwd();
  const command = resolveServerCommand(options.binary ?? process.env.TEST_NGINX_BINARY);
  const files = findSpecFiles(typeof patterns === "string" ? [patterns] : patterns, root);
  if (files.length === 0) {
    test(`no .t files match ${String(patterns)}`, () => {
      throw new Error(`registerSpecFiles: no .t files match ${String(patterns)} under ${root}`);
    });
    return;
  }
  for (const file of files) {
    const shown = path.relative(root, file);
    const name = options.label ? `${options.label}: ${shown}` : shown;
    let spec: SpecFile;
    try {
      spec = loadSpecFile(file, root);
    } catch (e) {
      // A broken file is one failing test that names the line, not a crashed collection.
      test(name, () => {
        throw e instanceof SpecError ? new Error(e.message) : e;
      });
      continue;
    }
    registerFile(name, spec, command);
  }
}

function registerFile(name: string, spec: SpecFile, command: ReturnType<typeof resolveServerCommand>): void {
  describe.concurrent(name, () => {
    let run: SpecFileRun | undefined;
    beforeAll(async () => {
      run = await SpecFileRun.open(spec, { command, keep: process.env.TEST_NGINX_KEEP === "1" });
    });
    afterAll(async () => {
      await run?.close();
      if (run?.kept) console.warn(`[tsresty-test] kept ${run.kept.servroot} (server pid ${run.kept.pid ?? "none"}, port ${run.kept.port})`);
    });

    spec.blocks.forEach((block, index) => {
      const label = `${block.title || `block ${block.index}`} (line ${block.place.line})`;
      const selection = spec.selection[index]!;
      if (!selection.run) {
        test.skip(`${label} [${selection.reason}]`, () => undefined);
        return;
      }
      test.sequential(label, { timeout: 60_000 }, async (ctx) => {
        const result = await run!.runBlock(index);
        if (result.status === "skip") ctx.skip(result.skipReason);
        if (result.status === "fail") {
          if (result.todo) ctx.skip(`TODO ${result.todo}: fails as expected\n${result.message}`);
          const error = new Error(result.message || `${blockLabel(spec, block)} failed`);
          error.stack = error.message; // the runner's own stack says nothing about the .t file
          throw error;
        }
      });
    });
  });
}
