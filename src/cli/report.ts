/**
 * How the command line prints: nginx's `<program>: [level] message` lines on stderr, and the
 * log-file form (`YYYY/MM/DD HH:MM:SS [level] pid#tid: message`) in the `-e` file. Messages
 * are latin1 byte strings (conf bytes pass through unchanged), so they are written as bytes.
 */
import { appendFileSync } from "node:fs";

export const PROGRAM = "tsresty";

export interface Reporter {
  stderr(line: string): void;
  stdout(text: string): void;
  /** Writes a `[level]` line: on stderr, and in the `-e` file when one is set. */
  log(level: string, text: string): void;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function logTimestamp(d = new Date()): string {
  return `${d.getFullYear()}/${pad(d.getMonth() + 1)}/${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function processReporter(errorLogFile: string | undefined): Reporter {
  return {
    stderr(line) {
      process.stderr.write(Buffer.from(line + "\n", "latin1"));
    },
    stdout(text) {
      process.stdout.write(Buffer.from(text, "latin1"));
    },
    log(level, text) {
      process.stderr.write(Buffer.from(`${PROGRAM}: [${level}] ${text}\n`, "latin1"));
      if (errorLogFile !== undefined && errorLogFile !== "stderr") {
        try {
          const line = `${logTimestamp()} [${level}] ${process.pid}#${process.pid}: ${text}\n`;
          appendFileSync(Buffer.from(errorLogFile, "latin1"), Buffer.from(line, "latin1"));
        } catch {
          // nginx goes on with stderr when the startup log cannot be opened.
        }
      }
    },
  };
}
