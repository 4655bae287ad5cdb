/**
 * One HTTP request as the phases see it: the exchange it came on, the server and location
 * chosen for it, nginx's request state (`$uri`, args, captures, variables, the internal
 * redirect counter) and the response being built.
 */
import type { ActiveExchange } from "./http/connection.js";
import type { HeaderList } from "./http/types.js";
import type { LogLevel } from "../directives/log-levels.js";

/** nginx allows 10 URI changes (rewrite … last, internal redirects) per request. */
export const MAX_URI_CHANGES = 10;

/**
 * Writes an error-log line about a request: to its location's error_log, with nginx's
 * `, client: …` context. The runtime gives it, so code that holds only the request (a variable
 * being evaluated) logs as nginx code does through `r->connection->log`.
 */
export type RequestLogWriter<S, L> = (r: HttpRequest<S, L>, level: LogLevel, message: string) => void;

export class HttpRequest<S = unknown, L = unknown> {
  /** `$uri`: the normalised path (latin1 bytes). */
  uri = "";
  /** `$args`, without `?`. */
  args = "";
  /** Whether the request target had a `?` (`$is_args`). */
  hasArgs = false;
  /** The validated Host (or the server name when absent). */
  host = "";
  server!: S;
  /** The location configuration in effect (an `if` block's while inside one). */
  loc!: L;
  /** Captures of the last regex that matched (location, rewrite, if, server_name). */
  captures: readonly (string | undefined)[] | null = null;
  /** Variables set by `set` and friends (lower-cased names). */
  readonly vars = new Map<string, string>();
  /**
   * The URI still belongs to the location that was found (nginx's `valid_location`): false after
   * `rewrite … break`, so a `proxy_pass` URI part no longer replaces the location's prefix.
   */
  validLocation = true;
  /** A timeout ended the request: a body that stopped coming is access-logged as 408. */
  timedOut: "send" | "body" | null = null;
  /** After an internal redirect: `internal` locations may be entered. */
  internal = false;
  uriChanges = MAX_URI_CHANGES;
  /** The response status (`$status`), 0 until decided. */
  status = 0;
  /** Response headers set by handlers and modules (added to the standard ones). */
  headersOut: HeaderList = [];
  contentType: string | null = null;
  /** Location header value of a redirect, absolute or relative. */
  location: string | null = null;
  /** Serving an error_page: a second error does not redirect again. */
  errorPageDepth = 0;
  /** The status an error_page imposes on whatever the target sends (nginx's `err_status`). */
  errStatus = 0;
  /** error_page redirects turn the method into GET (HEAD stays HEAD). */
  methodOverride: string | null = null;
  /** Per-request handler state (`ngx.ctx`). */
  ctx: Record<string, unknown> = {};
  /** Body read from the client, once read. */
  body: Buffer | null = null;
  /**
   * What the request is busy with, for nginx's ` while …` before the context of its error-log
   * lines ("logging request" in the log phase); null while the phases run, as nginx's is.
   */
  logAction: string | null = null;
  /** The response body bytes written (for `$body_bytes_sent`) are on the exchange. */
  readonly start: number;

  constructor(
    readonly ex: ActiveExchange,
    private readonly writeLog: RequestLogWriter<S, L>,
  ) {
    this.start = ex.startTime;
  }

  /** An error-log line about this request. */
  log(level: LogLevel, message: string): void {
    this.writeLog(this, level, message);
  }

  get method(): string {
    return this.methodOverride ?? this.ex.head.method;
  }

  /** `$request_uri`: the target as the client sent it. */
  get requestUri(): string {
    return this.ex.head.target;
  }

  header(name: string): string | undefined {
    return this.ex.head.headerMap.get(name);
  }

  /** Sets a response header, replacing one of the same name. */
  setHeader(name: string, value: string): void {
    const lname = name.toLowerCase();
    this.headersOut = this.headersOut.filter(([n]) => n.toLowerCase() !== lname);
    this.headersOut.push([name, value]);
  }
}
