/**
 * nginx's error log levels, most severe first: index + 1 is NGX_LOG_EMERG … NGX_LOG_DEBUG.
 * The conf (`error_log`), the CLI's stderr copy, the running server's error log and the .t
 * runner all read this one list. (Syslog severities share the names but are a protocol's
 * numbers: syslog-target.ts keeps its own.)
 */
export const LOG_LEVELS = ["emerg", "alert", "crit", "error", "warn", "notice", "info", "debug"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function isLogLevel(s: string): s is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(s);
}

/** 0 for `emerg` … 7 for `debug`; -1 for a name that is not a level. */
export function levelRank(level: string): number {
  return (LOG_LEVELS as readonly string[]).indexOf(level);
}
