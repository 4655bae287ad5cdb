/**
 * Reading conf files and include globs. Config loading happens before any request is served,
 * so synchronous file access is fine here (and keeps `tsresty -t` fast).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The errno number and text nginx prints in `open() "…" failed (2: No such file or directory)`. */
const ERRNO: Record<string, [number, string]> = {
  ENOENT: [2, "No such file or directory"],
  EACCES: [13, "Permission denied"],
  EISDIR: [21, "Is a directory"],
  ENOTDIR: [20, "Not a directory"],
  ELOOP: [40, "Too many levels of symbolic links"],
  ENAMETOOLONG: [36, "File name too long"],
  EMFILE: [24, "Too many open files"],
};

export function describeErrno(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code ?? "";
  const known = ERRNO[code];
  if (known !== undefined) return `${known[0]}: ${known[1]}`;
  const errno = (err as NodeJS.ErrnoException).errno;
  return `${errno === undefined ? 0 : Math.abs(errno)}: ${(err as Error).message}`;
}

/** Reads a file as latin1 (one char per byte). Throws the nginx message on failure. */
export function readConfBytes(path: string): string {
  try {
    return readFileSync(Buffer.from(path, "latin1"), "latin1");
  } catch (e) {
    throw new Error(`open() "${path}" failed (${describeErrno(e)})`);
  }
}

export function hasGlobMagic(path: string): boolean {
  return /[*?[]/.test(path);
}

function segmentMatcher(pattern: string): RegExp {
  let re = "^";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") re += "[^/]*";
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
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(re + "$", "s");
}

/** Byte-wise comparison, as glob(3) sorts in the C locale: `B.conf` < `a.conf` < `b.conf`. */
function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "latin1"), Buffer.from(b, "latin1"));
}

/**
 * glob(3) without flags: `*`, `?` and `[…]` per path segment, hidden files only when the
 * pattern segment starts with a dot, results sorted byte-wise; no match is an empty list.
 */
export function expandGlob(pattern: string): string[] {
  const absolute = pattern.startsWith("/");
  const segments = pattern.split("/").filter((s, i) => s !== "" || i === 0);
  let bases = [absolute ? "/" : "."];
  for (const seg of segments) {
    if (seg === "") continue;
    const next: string[] = [];
    if (!hasGlobMagic(seg)) {
      for (const b of bases) next.push(join(b, seg));
    } else {
      const re = segmentMatcher(seg);
      for (const b of bases) {
        let names: string[];
        try {
          names = readdirSync(Buffer.from(b, "latin1"), { encoding: "latin1" }) as unknown as string[];
        } catch {
          continue;
        }
        for (const n of names.sort(byteCompare)) {
          if (n.startsWith(".") && !seg.startsWith(".")) continue;
          if (re.test(n)) next.push(b === "." ? n : join(b, n));
        }
      }
    }
    bases = next;
  }
  return bases.filter((p) => existsSync(Buffer.from(p, "latin1"))).sort(byteCompare);
}
