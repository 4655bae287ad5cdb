/**
 * Opening a file to serve and reading spans of it, without blocking the event loop and
 * without holding a whole file in memory: positioned reads of at most CHUNK bytes into a fresh
 * buffer each (the socket may still hold the previous one).
 */
import { constants } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { errnoText } from "./errno-text.js";

/** nginx's default `output_buffers 2 32k` sends 64 KiB at a time as well. */
export const CHUNK = 64 * 1024;

export interface OpenFile {
  readonly handle: FileHandle;
  readonly size: number;
  /** Modification time in whole seconds (nginx's `st_mtime`). */
  readonly mtime: number;
  readonly isDirectory: boolean;
  readonly isFile: boolean;
}

export type OpenResult =
  | { readonly ok: true; readonly file: OpenFile }
  /** `failed` names the call for nginx's `open() "…" failed (…)` line. */
  | { readonly ok: false; readonly failed: "open()" | "fstat()"; readonly error: unknown };

/**
 * Opens like nginx does (`O_RDONLY|O_NONBLOCK`, so a FIFO cannot hang the worker), then
 * fstat()s the open file, so the metadata is that of the bytes that will be read. Directories
 * open too: the caller redirects, and closes the handle.
 */
export async function openForServing(path: Buffer): Promise<OpenResult> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, failed: "open()", error };
  }
  try {
    const st = await handle.stat();
    return {
      ok: true,
      file: { handle, size: st.size, mtime: Math.floor(st.mtimeMs / 1000), isDirectory: st.isDirectory(), isFile: st.isFile() },
    };
  } catch (error) {
    await handle.close().catch(() => undefined);
    return { ok: false, failed: "fstat()", error };
  }
}

/**
 * Reading failed after the response head was sent: the file shrank while being sent (nginx's
 * `[alert] pread() read only …`), or the read itself failed (`[crit] pread() "…" failed`).
 */
export class FileReadError extends Error {
  constructor(
    readonly level: "alert" | "crit",
    message: string,
  ) {
    super(message);
  }
}

/** Bytes `[start, end)` of the file, in chunks. */
export async function* readSpan(handle: FileHandle, start: number, end: number, path: string): AsyncGenerator<Buffer> {
  let pos = start;
  while (pos < end) {
    const want = Math.min(CHUNK, end - pos);
    const buf = Buffer.allocUnsafe(want);
    let filled = 0;
    while (filled < want) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buf, filled, want - filled, pos + filled));
      } catch (error) {
        throw new FileReadError("crit", `pread() "${path}" failed (${errnoText(error)})`);
      }
      if (bytesRead === 0) throw new FileReadError("alert", `pread() read only ${filled} of ${want} from "${path}"`);
      filled += bytesRead;
    }
    pos += want;
    yield buf;
  }
}
