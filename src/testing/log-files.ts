// The error and access logs of a servroot, read in slices. A repeat remembers where both logs
// ended when it began; its log checks read only what came after.
//
// "The request is finished" is observed, not guessed: nginx writes the access-log line in the log
// phase, after every error-log line of the request, so once access.log has grown by one line per
// request the error-log slice is complete. Waiting uses fs.watch to wake up on writes, with a
// polling backstop because watch events can be coalesced or missed.

import { open, stat } from "node:fs/promises";
import { watch } from "node:fs";

export interface LogMark {
  readonly errorLogOffset: number;
  readonly accessLogOffset: number;
}

export class LogFiles {
  readonly errorLog: string;
  readonly accessLog: string;

  constructor(errorLog: string, accessLog: string) {
    this.errorLog = errorLog;
    this.accessLog = accessLog;
  }

  async mark(): Promise<LogMark> {
    return { errorLogOffset: await fileSize(this.errorLog), accessLogOffset: await fileSize(this.accessLog) };
  }

  /** The error-log text written since the mark. */
  async errorLogSince(mark: LogMark): Promise<string> {
    return (await readFrom(this.errorLog, mark.errorLogOffset)).toString("utf8");
  }

  /** The access-log text written since the mark. */
  async accessLogSince(mark: LogMark): Promise<string> {
    return (await readFrom(this.accessLog, mark.accessLogOffset)).toString("utf8");
  }

  async accessLinesSince(mark: LogMark): Promise<number> {
    const bytes = await readFrom(this.accessLog, mark.accessLogOffset);
    let lines = 0;
    for (const b of bytes) if (b === 0x0a) lines++;
    return lines;
  }

  /**
   * Resolves with the number of access-log lines written since the mark, as soon as it reaches
   * `expected`, or when `timeoutMs` has passed (then it is smaller).
   */
  async waitForAccessLines(mark: LogMark, expected: number, timeoutMs: number): Promise<number> {
    let count = await this.accessLinesSince(mark);
    if (count >= expected) return count;

    const deadline = performance.now() + timeoutMs;
    let wake: () => void = () => undefined;
    let watcher: ReturnType<typeof watch> | undefined;
    try {
      watcher = watch(this.accessLog, () => wake());
    } catch {
      // No access.log yet, or no inotify: the polling backstop below still works.
    }
    try {
      let backoff = 1;
      while (count < expected && performance.now() < deadline) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(backoff, Math.max(1, deadline - performance.now())));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        backoff = Math.min(backoff * 2, 50);
        count = await this.accessLinesSince(mark);
      }
      return count;
    } finally {
      watcher?.close();
    }
  }
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function readFrom(file: string, offset: number): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch {
    return Buffer.alloc(0);
  }
  try {
    const { size } = await handle.stat();
    if (size <= offset) return Buffer.alloc(0);
    const buffer = Buffer.alloc(size - offset);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
