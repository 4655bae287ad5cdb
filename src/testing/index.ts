// The `.t` spec runner (spec-format.md): parse files, run their blocks against a server binary.
//
// @example
//   const spec = parseSpecFile(readFileSync(file, "utf8"), file);
//   const run = await SpecFileRun.open(spec, { command: resolveServerCommand("nginx") });
//   for (let i = 0; i < spec.blocks.length; i++) console.log((await run.runBlock(i)).status);
//   await run.close();

export { parseSpecFile } from "./spec-parser.js";
export { SpecError } from "./spec-error.js";
export type { SpecFile, SpecBlock, Section, FileHeader, SourcePlace } from "./spec-model.js";
export { SpecFileRun, blockLabel, type BlockResult, type RunOptions, type KeptServer } from "./spec-file-run.js";
export { resolveServerCommand, findExecutable, defaultTsrestyScript, type ServerCommand } from "./server-command.js";
export { findSpecFiles } from "./find-spec-files.js";
export { formatTimings, runnerOverheadMs, type BlockTimings } from "./block-timings.js";
export { loadSpecFile } from "./load-spec-file.js";
