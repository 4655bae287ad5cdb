/**
 * How the command line prints: nginx's `<program>: [level] message` lines on stderr, and the
 * log-file form (`YYYY/MM/DD HH:MM:SS [level] pid#tid: message`) in the `-e` file. Messages
 * are latin1 byte strings (conf bytes pass through unchanged), so they are written as bytes.
 *
 * Like nginx (`ngx_log_error_core`): the `-e` file is opened at start-up (and created even if
 * nothing is logged); the stderr copy is only made for levels up to `warn`; with `-e stderr`,
 * or when the file cannot be opened (after an `[alert] could not open error log file` line),
 * the log-file form goes to stderr instead and there is no separate copy.
 */
import { errorLogTime } from "../runtime/variables/time-formats.js";
import { openSync, writeSync } from "node:fs";
import { describeErrno } from "../parser/read-conf-file.js";
import { levelRank } from "../directives/log-levels.js";

export const PROGRAM = "tsresty";

export interface Reporter {
  stderr(line: string): void;
  stdout(text: string): void;
  /** Writes a `[level]` line: on stderr, and in the `-e` file when one is set. */
  log(level: string, text: string): void;
}

/** Only lines up to `warn` are copied to stderr. */
const WARN = levelRank("warn");


/** nginx's NGX_MAX_ERROR_STR: one log line, stamp and LF included, fits in this many bytes. */
export const MAX_ERROR_STR = 2048;

/**
 * One line of an nginx error log file, and the message as it fits in it: nginx formats the
 * stamp and the message into one MAX_ERROR_STR buffer and prints the same cut message on the
 * console, so how much of a huge message survives depends on the length of the pid.
 */
export function logFileLine(level: string, text: string, pid = process.pid): { line: string; message: string } {
  const head = `${errorLogTime()} [${level}] ${pid}#${pid}: `;
  const room = MAX_ERROR_STR - 1 - head.length;
  const message = text.length > room ? text.slice(0, room) : text;
  return { line: `${head}${message}\n`, message };
}

/** stdout/stderr go through Node's streams (synchronous on Linux, and safe on non-blocking pipes). */
function writeBytes(fd: number, text: string): void {
  const bytes = Buffer.from(text, "latin1");
  if (fd === 1) process.stdout.write(bytes);
  else if (fd === 2) process.stderr.write(bytes);
  else {
    try {
      writeSync(fd, bytes);
    } catch {
      // A full disk must not turn a conf check into a crash.
    }
  }
}

/**
 * The reporter of a real process. `errorLogFile` is the `-e` argument already resolved against
 * the prefix (a latin1 byte string), "stderr", or undefined for the default: stderr lines only.
 */
export function processReporter(errorLogFile: string | undefined): Reporter {
  const console = (line: string): void => writeBytes(2, line + "\n");
  let logFd: number | undefined;
  if (errorLogFile === "stderr") {
    logFd = 2;
  } else if (errorLogFile !== undefined) {
    try {
      logFd = openSync(Buffer.from(errorLogFile, "latin1"), "a", 0o644);
    } catch (e) {
      console(`${PROGRAM}: [alert] could not open error log file: open() "${errorLogFile}" failed (${describeErrno(e)})`);
      logFd = 2;
    }
  }
  return {
    stderr: console,
    stdout(text) {
      writeBytes(1, text);
    },
    log(level, text) {
      const { line, message } = logFileLine(level, text);
      if (logFd !== undefined) writeBytes(logFd, line);
      const severity = levelRank(level);
      if (logFd !== 2 && (severity === -1 || severity <= WARN)) console(`${PROGRAM}: [${level}] ${message}`);
    },
  };
}
