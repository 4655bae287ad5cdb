/**
 * Regexes as nginx compiles them (`ngx_regex_compile`: PCRE2, 8-bit, no UTF, optional
 * caseless): the PCRE2 pattern is checked with PCRE2's own messages and run as an equivalent
 * JavaScript regex over latin1 byte strings. Used by `location ~`, `server_name ~` and any
 * module that takes a regex.
 */
import { ConfError } from "../errors.js";
import { PcreSyntaxError, PcreUnsupportedError, parsePcre, type ParsedPcre } from "./pcre-parser.js";
import { simpleJsPattern } from "./pcre-simple.js";
import { toJsPattern } from "./pcre-to-js.js";

/** One successful match, numbered as PCRE2 numbers its groups. */
export interface RegexMatch {
  /** Offset of the match in the subject. */
  readonly index: number;
  /** `[0]` is the whole match, `[n]` group `n` (`undefined` when the group did not take part). */
  readonly captures: readonly (string | undefined)[];
  /** Named groups by name. */
  readonly named: Readonly<Record<string, string | undefined>>;
}

/** A compiled nginx regex. */
export interface NginxRegex {
  /** The pattern as written in the conf (latin1 bytes). */
  readonly source: string;
  /** `~*` and friends: ASCII letters match in either case (PCRE2_CASELESS with default tables). */
  readonly caseless: boolean;
  /** PCRE2's capture count. */
  readonly captureCount: number;
  /** Named groups in pattern order; nginx makes each one a variable. */
  readonly names: readonly { readonly name: string; readonly index: number }[];
  /** Searches the subject (unanchored, like `pcre2_match` from offset 0). */
  exec(subject: string): RegexMatch | null;
}

export interface RegexOptions {
  readonly caseless?: boolean;
}

/** A pattern nginx would refuse; `message` is nginx's text (`pcre2_compile() failed: …`). */
export class RegexCompileError extends Error {
  constructor(
    message: string,
    readonly unsupported: boolean,
  ) {
    super(message);
    this.name = "RegexCompileError";
  }
}

/** nginx's error buffer (NGX_MAX_CONF_ERRSTR) cuts long messages. */
const MAX_ERRSTR = 1024;

/** No named groups: shared, since nothing changes it. */
const NO_NAMES: NginxRegex["names"] = Object.freeze([]);

export function compileRegex(pattern: string, opts: RegexOptions = {}): NginxRegex {
  const caseless = opts.caseless ?? false;
  // Most patterns need no tree; the shortcut prints the same source the full path would.
  const simple = simpleJsPattern(pattern, caseless);
  if (simple !== null) return nginxRegex(pattern, caseless, simple.source, simple.captureCount, simple.names ?? NO_NAMES, null, null);
  const parsed = parse(pattern, caseless);
  const { source, jsGroup } = toJsPattern(parsed);
  // What JavaScript refuses is a conf error, so the full path's regex is made now.
  return nginxRegex(pattern, caseless, source, parsed.captureCount, parsed.names, jsGroup, checkedRegExp(pattern, source));
}

/** The full reader, with PCRE2's refusals as nginx reports them. */
function parse(pattern: string, caseless: boolean): ParsedPcre {
  try {
    return parsePcre(pattern, caseless);
  } catch (e) {
    if (e instanceof PcreSyntaxError) {
      const at = e.offset >= pattern.length ? "" : ` at "${pattern.slice(e.offset)}"`;
      throw new RegexCompileError(`pcre2_compile() failed: ${e.message} in "${pattern}"${at}`.slice(0, MAX_ERRSTR), false);
    }
    if (e instanceof PcreUnsupportedError) {
      throw new RegexCompileError(`regex "${pattern}" ${e.message}, which tsresty cannot run`, true);
    }
    throw e;
  }
}

/**
 * The compiled regex. `jsGroup` maps PCRE2 groups to JavaScript ones (`null`: the same).
 * `js` is the JavaScript regex (no flags: never stateful), or `null` to make it on first use:
 * making one costs a few µs, a good part of loading a conf with thousands of regex locations,
 * most of which a request never tries. Only a shortcut's source is deferred, as it is valid by
 * construction (the shortcut takes no more groups than V8 allows), so making it cannot fail.
 */
function nginxRegex(
  pattern: string,
  caseless: boolean,
  source: string,
  captureCount: number,
  names: NginxRegex["names"],
  jsGroup: readonly number[] | null,
  js: RegExp | null,
): NginxRegex {
  return {
    source: pattern,
    caseless,
    captureCount,
    names,
    exec(subject: string): RegexMatch | null {
      const m = (js ??= new RegExp(source)).exec(subject);
      if (m === null) return null;
      const captures: (string | undefined)[] = [m[0]];
      for (let n = 1; n <= captureCount; n++) captures.push(m[jsGroup === null ? n : jsGroup[n]!]);
      const named: Record<string, string | undefined> = {};
      for (const { name, index } of names) named[name] = captures[index];
      return { index: m.index, captures, named };
    },
  };
}

function checkedRegExp(pattern: string, source: string): RegExp {
  try {
    return new RegExp(source);
  } catch (e) {
    throw new RegexCompileError(`regex "${pattern}" cannot be run by tsresty: ${(e as Error).message}`, true);
  }
}

/** Compiles a regex from a conf directive: failures become the directive's `[emerg]`. */
export function compileConfRegex(pattern: string, opts: RegexOptions = {}): NginxRegex {
  try {
    return compileRegex(pattern, opts);
  } catch (e) {
    if (e instanceof RegexCompileError) throw new ConfError(e.message, { code: "TSR_CONF_REGEX" });
    throw e;
  }
}
