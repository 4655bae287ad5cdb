/**
 * The error log, in nginx's line format:
 *   `YYYY/MM/DD HH:MM:SS [level] pid#tid: *conn message, client: …, server: …, request: "…", host: "…"`
 * Lines go to every `error_log` target whose level admits them.
 */
import { levelRank, type LogLevel } from "../../directives/log-levels.js";
import type { ErrorLogTarget } from "../../directives/modules/core.js";
import { errorLogTime } from "../variables/time-formats.js";
import { LogFile } from "./log-file.js";

export { errorLogTime };

/** Files are shared by every logger of a worker that names the same path. */
const files = new Map<string, LogFile>();

export function logFile(path: string): LogFile {
  let f = files.get(path);
  if (f === undefined) {
    f = new LogFile(path);
    files.set(path, f);
  }
  return f;
}

export function allLogFiles(): LogFile[] {
  return [...files.values()];
}

export class ErrorLog {
  private readonly targets: { file: LogFile; rank: number }[];
  /** The most verbose level any target accepts: cheaper than formatting a line for nobody. */
  readonly maxRank: number;

  constructor(targets: readonly ErrorLogTarget[]) {
    this.targets = targets.map((t) => ({ file: logFile(t.path), rank: levelRank(t.level) }));
    this.maxRank = Math.max(-1, ...this.targets.map((t) => t.rank));
  }

  enabled(level: LogLevel): boolean {
    return levelRank(level) <= this.maxRank;
  }

  /**
   * `conn` is the connection number (printed `*N`), `context` the `, client: …` suffix.
   */
  log(level: LogLevel, message: string, conn?: number, context?: string): void {
    const rank = levelRank(level);
    if (rank > this.maxRank) return;
    const line = `${errorLogTime()} [${level}] ${process.pid}#${process.pid}: ${conn === undefined ? "" : `*${conn} `}${message}${context ?? ""}\n`;
    for (const t of this.targets) if (rank <= t.rank) t.file.write(line);
  }

  /** True when some target has lines not yet on disk. */
  get pending(): boolean {
    return this.targets.some((t) => t.file.pending);
  }

  async flush(): Promise<void> {
    await Promise.all(this.targets.map((t) => t.file.flush()));
  }
}
