// `user_files`: `>>> name` lines, each followed by the file's content (spec-format.md §4).

import path from "node:path";
import type { UserFile } from "./servroot.js";

export class UserFilesError extends Error {}

export function parseUserFiles(text: string): UserFile[] {
  const files: { name: string; lines: string[] }[] = [];
  for (const line of text.split("\n")) {
    const m = /^>>> +(\S+)\s*$/.exec(line);
    if (m) {
      const name = m[1]!;
      const normal = path.posix.normalize(name);
      if (path.posix.isAbsolute(normal) || normal.startsWith("..")) {
        throw new UserFilesError(`user file "${name}" must stay inside the html dir`);
      }
      files.push({ name: normal, lines: [] });
    } else if (files.length > 0) {
      files.at(-1)!.lines.push(line);
    } else if (line.trim() !== "") {
      throw new UserFilesError(`user_files must start with a ">>> name" line, got "${line}"`);
    }
  }
  // Like section values: trailing blank lines separate files, they are not content.
  return files.map(({ name, lines }) => {
    let end = lines.length;
    while (end > 0 && lines[end - 1]!.trim() === "") end--;
    return { name, content: end === 0 ? "" : lines.slice(0, end).join("\n") + "\n" };
  });
}
