/**
 * Configuration errors. Every error carries nginx's message and, when nginx prints one, the
 * place (`file:line`). The loader fills in the place of the directive being handled when a
 * handler throws without one, as `ngx_conf_log_error` does with the lexer's current line.
 */
export type ConfErrorLevel = "emerg" | "crit" | "error";

/** Stable codes so tests and tools can tell errors apart without parsing prose. */
export type ConfErrorCode =
  | "TSR_CONF_SYNTAX"
  | "TSR_CONF_UNKNOWN_DIRECTIVE"
  | "TSR_CONF_NOT_ALLOWED"
  | "TSR_CONF_NARGS"
  | "TSR_CONF_TERMINATION"
  | "TSR_CONF_DUPLICATE"
  | "TSR_CONF_INVALID_VALUE"
  | "TSR_CONF_OPEN_FAILED"
  /** Blocks nested deeper than tsresty supports (MAX_CONF_NESTING). */
  | "TSR_CONF_NESTING"
  | "TSR_CONF_UNKNOWN_VARIABLE"
  | "TSR_CONF_NO_EVENTS"
  | "TSR_CONF_LOCATION"
  | "TSR_CONF_LISTEN"
  | "TSR_CONF_REGEX"
  | "TSR_CONF_INVALID";

export interface ConfPlace {
  readonly file: string;
  readonly line: number;
}

export class ConfError extends Error {
  readonly code: ConfErrorCode;
  readonly level: ConfErrorLevel;
  /** `undefined`: not yet placed; `null`: nginx prints no place (post-parse checks). */
  place: ConfPlace | "command line" | null | undefined;

  constructor(
    message: string,
    opts: { code?: ConfErrorCode; level?: ConfErrorLevel; place?: ConfPlace | "command line" | null } = {},
  ) {
    super(message);
    this.name = "ConfError";
    this.code = opts.code ?? "TSR_CONF_INVALID";
    this.level = opts.level ?? "emerg";
    this.place = opts.place;
  }

  /** The log text nginx prints after `[level] `. */
  text(): string {
    return placedText(this.message, this.place ?? null);
  }
}

/** nginx's NGX_MAX_CONF_ERRSTR: `ngx_conf_log_error` formats the message into this many bytes. */
export const MAX_CONF_ERRSTR = 1024;

/**
 * A message with its place, as `ngx_conf_log_error` prints it: the message cut to
 * MAX_CONF_ERRSTR bytes (a 2000-byte directive name loses its closing quote), then
 * ` in <file>:<line>` or ` in command line`. Unplaced messages are not cut here.
 */
export function placedText(message: string, place: ConfPlace | "command line" | null): string {
  if (place === null) return message;
  const cut = message.length > MAX_CONF_ERRSTR ? message.slice(0, MAX_CONF_ERRSTR) : message;
  if (place === "command line") return `${cut} in command line`;
  return `${cut} in ${place.file}:${place.line}`;
}

/** A non-fatal message, e.g. `[warn] conflicting server name …`. */
export interface ConfWarning {
  /** `emerg` too: nginx logs a few ignored settings at that level and goes on. */
  readonly level: "emerg" | "warn" | "notice" | "alert";
  readonly message: string;
  readonly place: ConfPlace | "command line" | null;
}
