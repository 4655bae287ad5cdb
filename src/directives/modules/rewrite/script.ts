/**
 * The rewrite script of one level: the `return`, `rewrite`, `set`, `if` and `break`
 * directives of a server or location, compiled in conf order into steps the request engine
 * runs directly (nginx compiles them into one array of script codes per level).
 *
 * How the engine runs it (nginx's ngx_http_rewrite_handler):
 * - a server's script runs in the server-rewrite phase (when the request starts, and again
 *   after each internal redirect); the matched location's script runs in the rewrite phase.
 *   When no location matched, the request uses the server's own conf and the rewrite phase
 *   does not run the server script a second time.
 * - scripts are not inherited: a location without these directives has no script, whatever its
 *   server or parent location holds.
 * - steps run in order until one stops the script (`return`, `break`, a `rewrite` with a flag
 *   or an absolute URL). An `if` whose condition holds runs its body and then goes on after
 *   the `if`; a stop inside the body stops the whole script.
 */
import type { ConfLevel } from "../../level.js";
import type { NginxRegex } from "../../regex/nginx-regex.js";
import type { ComplexValue } from "../../variables.js";

/** Where a step was written, for the `rewrite_log` and error log lines. */
export interface StepSource {
  readonly file: string;
  readonly line: number;
}

/**
 * `return code [text]` / `return URL`: ends the request with `status`. For 301, 302, 303, 307
 * and 308 `text` is the `Location`; for other codes it is the body (sent with the level's
 * `default_type`); without text nginx sends its own error page for the code (444 closes the
 * connection without a response). A bare URL starting `http://`, `https://` or `$scheme` is a 302.
 */
export interface ReturnStep {
  readonly kind: "return";
  readonly status: number;
  readonly text: ComplexValue | null;
  readonly source: StepSource;
}

/**
 * The flag of a `rewrite`: `last` stops the script and searches the locations again with the
 * new URI, `break` stops the script and stays in the current location, `redirect` (302) and
 * `permanent` (301) answer with a redirect. Without a flag the script goes on with the new URI
 * (and the location search runs again once the script ends).
 */
export type RewriteFlag = "last" | "break" | "redirect" | "permanent";

/**
 * `rewrite regex replacement [flag]`: when `regex` matches the URI, the URI becomes the
 * replacement (with the match's captures), as nginx's regex start/end codes do it.
 */
export interface RewriteRuleStep {
  readonly kind: "rewrite";
  /** Matched against the current URI (`$uri`); sets the captures `$1`… and named captures. */
  readonly regex: NginxRegex;
  /** The replacement as written, without a final `?`. */
  readonly replacement: ComplexValue;
  /**
   * Not a redirect: the replacement cut at its first literal `?` (a `?` that comes from a
   * variable's value does not count). `uri` becomes the new URI, `args` (when present) the new
   * arguments. For a redirect both are null: the whole replacement is the `Location`.
   */
  readonly uri: ComplexValue | null;
  readonly args: ComplexValue | null;
  /**
   * The request's original arguments are kept (appended after `&` to new ones, or after `?` to
   * a redirect without a literal `?`). False when the replacement ended with `?`.
   */
  readonly keepArgs: boolean;
  /** The replacement has a literal `?`: a redirect adds the original arguments after `&`. */
  readonly hasArgs: boolean;
  readonly flag: RewriteFlag | null;
  /**
   * The redirect status: 302 for `redirect` or a replacement starting `http://`, `https://` or
   * `$scheme` (whatever the flag), 301 for `permanent`; null when the rewrite changes the URI.
   */
  readonly redirect: 301 | 302 | null;
  /** The script stops after a match (any flag, or a redirect). */
  readonly stops: boolean;
  readonly source: StepSource;
}

/**
 * `set $name value`: assigns a variable for the rest of the request (`$args` and `$limit_rate`
 * change the request itself).
 */
export interface SetStep {
  readonly kind: "set";
  /** The variable's name in lower case. */
  readonly name: string;
  readonly value: ComplexValue;
  readonly source: StepSource;
}

/** `break`: stops the script; the request stays in the current location. */
export interface BreakStep {
  readonly kind: "break";
  readonly source: StepSource;
}

/** The file tests of `if (-f path)`: regular file, directory, exists (any kind), executable. */
export type FileTest = "file" | "dir" | "exists" | "exec";

/**
 * The condition of an `if`, evaluated against the request:
 * - `variable`: false when the value is empty or `"0"` (or the variable is not found);
 * - `compare`: byte equality of the value and the compiled string (`=`; `!=` negated);
 * - `match`: the regex searched in the value (`~`, `~*` caseless; `!~`, `!~*` negated); a
 *   positive match sets the captures and the named-capture variables;
 * - `file`: a file test on the compiled path (`-f -d -e -x`, `!-…` negated).
 */
export type IfCondition =
  | { readonly kind: "variable"; readonly name: string }
  | { readonly kind: "compare"; readonly name: string; readonly negate: boolean; readonly value: ComplexValue }
  | { readonly kind: "match"; readonly name: string; readonly negate: boolean; readonly regex: NginxRegex }
  | { readonly kind: "file"; readonly test: FileTest; readonly negate: boolean; readonly path: ComplexValue };

/**
 * `if (condition) { … }`: when the condition holds, `body` runs (and then the steps after the
 * `if`). Each `if` has its own level, like nginx's unnamed location: in a location
 * (`switchesConf`), a true condition also makes the request use `level.settings` from then on
 * (content handler, `proxy_pass`, headers … set inside the `if`, merged over the location's);
 * a server-level `if` only holds rewrite directives and switches nothing.
 */
export interface IfStep {
  readonly kind: "if";
  readonly condition: IfCondition;
  readonly body: RewriteScript;
  readonly level: ConfLevel;
  readonly switchesConf: boolean;
  readonly source: StepSource;
}

export type RewriteStep = ReturnStep | RewriteRuleStep | SetStep | BreakStep | IfStep;

export type RewriteScript = readonly RewriteStep[];

/** The settings key of a level's own script (not inherited, see above). */
export const REWRITE_SCRIPT_SLOT = "rewrite_script";

/** The script a server or location runs, or an empty one. */
export function rewriteScriptOf(level: ConfLevel): RewriteScript {
  return (level.settings[REWRITE_SCRIPT_SLOT] as RewriteScript | undefined) ?? [];
}
