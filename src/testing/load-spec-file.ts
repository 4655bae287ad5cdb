import { readFileSync } from "node:fs";
import path from "node:path";
import { parseSpecFile } from "./spec-parser.js";
import type { SpecFile } from "./spec-model.js";

/** Reads and parses a `.t` file; messages name it relative to the working directory. */
export function loadSpecFile(file: string, cwd: string = process.cwd()): SpecFile {
  const shown = path.relative(cwd, path.resolve(cwd, file)) || file;
  return parseSpecFile(readFileSync(file, "utf8"), shown.startsWith("..") ? file : shown);
}
