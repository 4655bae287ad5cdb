/**
 * An append-only log file written asynchronously (sonic-boom, pino's writer): a line is queued
 * and written in the background, lines queued during a write go out together. Never a
 * synchronous write on the request path; `flush()` and `close()` wait for queued lines, so
 * nothing is lost on a graceful stop.
 *
 * Lines are latin1 strings, one char per byte, like every request byte in the runtime: they are
 * written as those bytes (a UTF-8 `é` from a request stays the two bytes it was, as in nginx's
 * logs), not re-encoded as UTF-8.
 */
import { openSync } from "node:fs";
import sonicBoom, { type SonicBoom as Boom } from "sonic-boom";

// sonic-boom is CommonJS: its class is the default export at run time.
const SonicBoom = sonicBoom as unknown as typeof Boom;
type SonicBoom = Boom;

export class LogFile {
  private boom: SonicBoom | null;
  /** Bytes queued since the last completed flush (0 → nothing in flight). */
  private queued = 0;

  constructor(readonly path: string) {
    this.boom = LogFile.open(path);
  }

  private static open(path: string): SonicBoom | null {
    if (path === "stderr") return new SonicBoom({ fd: 2, sync: false, contentMode: "buffer" });
    // Opened here, synchronously (at start-up, off the request path), so the writer is ready
    // at once: a flush right after the first request must not find the file still opening.
    let fd: number;
    try {
      fd = openSync(Buffer.from(path, "latin1"), "a");
    } catch {
      return new SonicBoom({ dest: path, append: true, mkdir: false, sync: false, contentMode: "buffer" });
    }
    return new SonicBoom({ fd, sync: false, contentMode: "buffer" });
  }

  write(line: string): void {
    const b = this.boom;
    if (b === null) return;
    this.queued += line.length;
    b.write(Buffer.from(line, "latin1") as unknown as string);
  }

  /** True when lines were queued since the last flush completed. */
  get pending(): boolean {
    return this.queued > 0;
  }

  /** Resolves once every queued line reached the file. */
  flush(): Promise<void> {
    const b = this.boom;
    if (b === null || this.queued === 0) return Promise.resolve();
    this.queued = 0;
    return new Promise((resolve) => {
      try {
        b.flush((err?: Error) => {
          void err;
          resolve();
        });
      } catch {
        resolve();
      }
    });
  }

  /**
   * Re-opens the file (USR1 / `-s reopen`: after logrotate moved it): a new writer on the path,
   * while the old one finishes its queued lines into the moved file.
   */
  reopen(): void {
    const old = this.boom;
    if (old === null || this.path === "stderr") return;
    this.boom = LogFile.open(this.path);
    old.end();
  }

  close(): Promise<void> {
    const b = this.boom;
    this.boom = null;
    if (b === null) return Promise.resolve();
    return new Promise((resolve) => {
      b.once("close", () => resolve());
      b.once("error", () => resolve());
      b.end();
    });
  }
}
