/**
 * The shape of a directive table. Like nginx's `ngx_command_t`: a row says where a directive
 * may appear, how many arguments it takes and which setter stores its value; one loader does
 * the generic checks for every row.
 */
import type { ConfDirective } from "../parser/ast.js";
import type { ConfLevel } from "./level.js";
import type { ConfLoader } from "./loader.js";

/**
 * Where a directive may appear. `sif`/`lif` are `if` blocks inside a server / a location
 * (nginx's NGX_HTTP_SIF_CONF / NGX_HTTP_LIF_CONF); `any` is NGX_ANY_CONF (`include`).
 */
export type ContextName =
  | "main"
  | "events"
  | "http"
  | "server"
  | "location"
  | "sif"
  | "lif"
  | "upstream"
  | "limit_except"
  | "any";

/** Argument counts: the allowed counts (NOARGS = [0], TAKE12 = [1, 2]), or nginx's open forms. */
export type Arity = readonly number[] | "flag" | "1more" | "2more" | "any";

export interface DirectiveCall {
  readonly spec: DirectiveSpec;
  readonly directive: ConfDirective;
  readonly args: readonly string[];
  readonly level: ConfLevel;
  readonly loader: ConfLoader;
}

/** How a level's value reaches the levels below it at merge time. */
export type MergeRule = "inherit" | "none";

export interface DirectiveSpec {
  readonly name: string;
  readonly contexts: readonly ContextName[];
  readonly args: Arity;
  /** A block directive (NGX_CONF_BLOCK): must end with `{`. */
  readonly block?: boolean;
  /**
   * Stores the value. Returns nginx's reason string, printed as `"<name>" directive <reason>`,
   * or throws a ConfError for a message of its own.
   */
  readonly set: (call: DirectiveCall) => string | void;
  /** The storage key; directives that share one (file and block handler forms) share a slot. */
  readonly slot?: string;
  readonly merge?: MergeRule;
  /** The value a location sees when no level set the slot. */
  readonly default?: unknown;
  /** One line for `tsresty -h`-style listings and generated docs. */
  readonly doc?: string;
}

export interface ConfModule {
  readonly name: string;
  readonly directives: readonly DirectiveSpec[];
  /**
   * nginx's first step once the `http {}` block is read: every module's init_main_conf and
   * merge (upstream checks, merge-time value checks). Runs for all modules before any
   * `afterHttp`, so these errors come before the location checks, as in nginx.
   */
  readonly mergeHttp?: (http: ConfLevel, loader: ConfLoader) => void;
  /** Checks that nginx runs when the `http {}` block has been read (duplicate locations, …). */
  readonly afterHttp?: (http: ConfLevel, loader: ConfLoader) => void;
  /**
   * Runs once every module's `afterHttp` has run (so after unknown variables are reported):
   * nginx's last step of the http block, `ngx_http_optimize_servers` (server-name conflicts).
   */
  readonly finishHttp?: (http: ConfLevel, loader: ConfLoader) => void;
  /** Checks after the whole conf, reported after "syntax is ok" (missing `events`). */
  readonly afterConf?: (main: ConfLevel, loader: ConfLoader) => void;
}
