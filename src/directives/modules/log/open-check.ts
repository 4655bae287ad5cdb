/**
 * The check nginx makes when it opens the access log files at start-up (and with `-t`): a
 * file that cannot be opened for appending is `open() "<path>" failed (<errno>: <text>)`,
 * reported after "syntax is ok", without a place. tsresty checks without creating anything:
 * a missing file is fine when its folder exists. The built-in default log is not checked.
 */
import { statSync } from "node:fs";
import { dirname } from "node:path";
import { ConfError } from "../../errors.js";

const ERRNO: Record<string, readonly [number, string]> = {
  ENOENT: [2, "No such file or directory"],
  EACCES: [13, "Permission denied"],
  ENOTDIR: [20, "Not a directory"],
  EISDIR: [21, "Is a directory"],
};

function statCode(path: string): "file" | "dir" | string {
  try {
    return statSync(Buffer.from(path, "latin1")).isDirectory() ? "dir" : "file";
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? "EIO";
  }
}

/** Why appending to `path` would fail (an errno name), or null. */
function openFailure(path: string): string | null {
  const self = statCode(path);
  if (self === "file") return null;
  if (self === "dir") return "EISDIR";
  if (self !== "ENOENT") return self;
  const parent = statCode(dirname(path));
  if (parent === "dir") return null;
  return parent === "file" ? "ENOTDIR" : parent;
}

export function checkLogFiles(paths: readonly string[]): void {
  for (const path of paths) {
    const code = openFailure(path);
    if (code === null) continue;
    const [errno, text] = ERRNO[code] ?? [5, "Input/output error"];
    throw new ConfError(`open() "${path}" failed (${errno}: ${text})`, { code: "TSR_CONF_OPEN_FAILED", place: null });
  }
}
