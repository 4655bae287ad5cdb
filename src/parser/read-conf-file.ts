/**
 * Reading conf files and include globs. Config loading happens before any request is served,
 * so synchronous file access is fine here (and keeps `tsresty -t` fast).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";

/** The errno number and text nginx prints in `open() "…" failed (2: No such file or directory)`. */
const ERRNO: Record<string, [number, string]> = {
  ENOENT: [2, "No such file or directory"],
  EACCES: [13, "Permission denied"],
  EISDIR: [21, "Is a directory"],
  ENOTDIR: [20, "Not a directory"],
  ELOOP: [40, "Too many levels of symbolic links"],
  ENAMETOOLONG: [36, "File name too long"],
  EMFILE: [24, "Too many open files"],
  EPERM: [1, "Operation not permitted"],
  ESRCH: [3, "No such process"],
};

export function describeErrno(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code ?? "";
  const known = ERRNO[code];
  if (known !== undefined) return `${known[0]}: ${known[1]}`;
  const errno = (err as NodeJS.ErrnoException).errno;
  return `${errno === undefined ? 0 : Math.abs(errno)}: ${(err as Error).message}`;
}

/**
 * A conf file that could not be read. nginx opens the file first (`open() … failed`, placed at
 * the `include`), then reads it: a directory opens fine and fails in the read, which nginx logs
 * at `crit` with no place (`pread() "…" failed (21: Is a directory)`).
 */
export class ConfReadError extends Error {
  constructor(
    message: string,
    readonly syscall: "open" | "pread",
  ) {
    super(message);
    this.name = "ConfReadError";
  }
}

/** Reads a file as latin1 (one char per byte). Throws a ConfReadError with nginx's message. */
export function readConfBytes(path: string): string {
  try {
    return readFileSync(Buffer.from(path, "latin1"), "latin1");
  } catch (e) {
    const syscall = (e as NodeJS.ErrnoException).syscall === "read" ? "pread" : "open";
    throw new ConfReadError(`${syscall}() "${path}" failed (${describeErrno(e)})`, syscall);
  }
}

export function hasGlobMagic(path: string): boolean {
  return /[*?[]/.test(path);
}

/** One path segment of a glob pattern as a RegExp; null when it can match nothing (`[z-a]`). */
function segmentMatcher(pattern: string): RegExp | null {
  let re = "^";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\" && i + 1 < pattern.length) re += pattern[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const close = pattern.indexOf("]", i + 2);
      if (close === -1) {
        re += "\\[";
        continue;
      }
      let body = pattern.slice(i + 1, close);
      if (body.startsWith("!")) body = "^" + body.slice(1);
      re += "[" + body.replace(/\\/g, "\\\\") + "]";
      i = close;
    } else re += c.replace(/[.+^${}()|\\\]]/g, "\\$&");
  }
  try {
    return new RegExp(re + "$", "s");
  } catch {
    return null;
  }
}

/** Byte-wise comparison, as glob(3) sorts in the C locale: `B.conf` < `a.conf` < `b.conf`. */
function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "latin1"), Buffer.from(b, "latin1"));
}

function listDir(dir: string): string[] {
  try {
    const names = readdirSync(Buffer.from(dir, "latin1"), { encoding: "latin1" }) as unknown as string[];
    return [".", "..", ...names];
  } catch {
    return [];
  }
}

/**
 * glob(3) as nginx calls it (no flags): `*`, `?`, `[…]` and `\\` escapes per path segment;
 * names starting with a dot only when the pattern segment does; all results sorted byte-wise;
 * no match is an empty list. The text around the wildcards is kept as written (`sub//*.conf`
 * yields `sub//a.conf`), as glob(3) does and nginx's messages show.
 */
export function expandGlob(pattern: string): string[] {
  let found = [""];
  // After a wildcard segment, literal segments may name files that do not exist.
  let checkExists = false;
  for (const part of pattern.split(/(\/+)/)) {
    if (part === "") continue;
    if (part.startsWith("/") || !hasGlobMagic(part)) {
      found = found.map((f) => f + part);
      if (!part.startsWith("/")) checkExists = true;
      continue;
    }
    const re = segmentMatcher(part);
    const next: string[] = [];
    if (re !== null) {
      for (const f of found) {
        for (const name of listDir(f === "" ? "." : f)) {
          if (name.startsWith(".") && !part.startsWith(".")) continue;
          if (re.test(name)) next.push(f + name);
        }
      }
    }
    found = next;
    checkExists = false;
  }
  if (checkExists) found = found.filter((p) => existsSync(Buffer.from(p, "latin1")));
  return found.sort(byteCompare);
}
