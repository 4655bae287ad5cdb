/**
 * What a `*_by_ts_file` / `*_by_ts_block` directive leaves for the request engine: which
 * phase, and either the module file to load or the inline code with the conf place it came
 * from (for stack traces that point into nginx.conf).
 */
import type { ComplexValue } from "../../variables.js";

/** The phases a handler can run in, in nginx's order (cosocket.md §7.1). */
export const TS_PHASES = [
  "init",
  "init_worker",
  "set",
  "rewrite",
  "access",
  "content",
  "header_filter",
  "body_filter",
  "log",
  "exit_worker",
] as const;

export type TsPhase = (typeof TS_PHASES)[number];

/** A place in a conf file, decoded to UTF-8 (nginx's own places stay latin1 bytes). */
export interface SourcePlace {
  readonly file: string;
  readonly line: number;
}

interface HandlerBase {
  readonly phase: TsPhase;
  /** The directive as written (`content_by_ts_file`), for messages. */
  readonly directive: string;
  /** Where the directive is: the line of its `;`, or of the block's `{`. */
  readonly conf: SourcePlace;
}

/**
 * `*_by_ts_file <path>`. Relative paths are resolved against the `-p` prefix. In request
 * phases the path may contain variables (OpenResty compiles it as a complex value): then `path`
 * is null and `pathValue` is evaluated per request (its text parts are latin1 conf bytes) and
 * resolved against `prefix`.
 */
export interface FileHandlerSpec extends HandlerBase {
  readonly kind: "file";
  /** Absolute path, UTF-8, when it has no variables. */
  readonly path: string | null;
  readonly pathValue: ComplexValue | null;
  /** The `-p` prefix (UTF-8, ends with `/`), for paths that have variables. */
  readonly prefix: string;
}

/**
 * `*_by_ts_block { … }`: the body is the text between the braces, byte for byte, decoded as
 * UTF-8. Its first line is on the line of the `{` (`codeLine`), so line `n` of the code is
 * conf line `codeLine + n - 1`.
 */
export interface BlockHandlerSpec extends HandlerBase {
  readonly kind: "block";
  readonly code: string;
  readonly codeLine: number;
}

export type HandlerSpec = FileHandlerSpec | BlockHandlerSpec;

/**
 * `set_by_ts_file $var <path> [$arg …]` / `set_by_ts_block $var { … }`: runs in the (server)
 * rewrite phase inline with `set`/`rewrite`/`if`, in conf order, and assigns its return value
 * to the variable. Arguments reach the handler as `ngx.arg[1]`, `ngx.arg[2]`, …
 */
export interface SetBySpec {
  /** The variable name without `$`, as written. */
  readonly variable: string;
  readonly handler: HandlerSpec;
  readonly args: readonly ComplexValue[];
  /**
   * Its place in the level's rewrite script (`rewrite_script`, the rewrite module's steps of
   * the same server, location or `if`): it runs after the steps before this index and before
   * the step at it, as nginx runs `set_by_lua*` inline with `set`, `rewrite` and `if`.
   */
  readonly scriptIndex: number;
}

export function utf8(latin1: string): string {
  return Buffer.from(latin1, "latin1").toString("utf8");
}
