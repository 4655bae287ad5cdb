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
  /** Bytes handed to the writer and not yet reported written. */
  private unwritten = 0;
  private waiters: (() => void)[] = [];

  constructor(readonly path: string) {
    this.boom = LogFile.open(path);
    if (this.boom !== null) this.attach(this.boom);
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
    const bytes = Buffer.from(line, "latin1");
    this.unwritten += bytes.length;
    b.write(bytes as unknown as string);
  }

  /** True while lines are queued or being written. */
  get pending(): boolean {
    return this.unwritten > 0;
  }

  /**
   * Resolves once every line written so far reached the file. (sonic-boom's own flush returns
   * at once when, as here, lines are not held back: we count the bytes its 'write' events report.)
   */
  flush(): Promise<void> {
    if (this.boom === null || this.unwritten <= 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private attach(b: SonicBoom): void {
    b.on("write", (n: number) => {
      this.unwritten = Math.max(0, this.unwritten - n);
      if (this.unwritten === 0) this.release();
    });
    b.on("error", () => {
      this.unwritten = 0;
      this.release();
    });
  }

  private release(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /**
   * Re-opens the file (USR1 / `-s reopen`: after logrotate moved it): a new writer on the path,
   * while the old one finishes its queued lines into the moved file.
   */
  reopen(): void {
    const old = this.boom;
    if (old === null || this.path === "stderr") return;
    this.boom = LogFile.open(this.path);
    if (this.boom !== null) this.attach(this.boom);
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
