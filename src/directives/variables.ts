/**
 * Variables in directive values (nginx's "complex values" and scripts): `$name`, `${name}` and
 * the regex captures `$1`…`$9` are compiled at load time into parts; every variable used is
 * recorded, and when the `http {}` block is done, names that nothing defines are
 * `unknown "x" variable` — reported without a place, in order of first use, after the location
 * checks, as nginx's `ngx_http_variables_init_vars` does. Names are case-insensitive and kept
 * in lower case.
 */
import { BUILTIN_VARIABLES, CHANGEABLE_BUILTIN_VARIABLES, PREFIX_VARIABLES } from "./builtin-variables.js";
import { ConfError } from "./errors.js";
import type { ConfLoader } from "./loader.js";

/**
 * One piece of a compiled value: literal bytes, a variable (lower-cased name), or the regex
 * capture `$1`…`$9` of the last successful match in the request (empty when there is none).
 */
export type ValuePart = { readonly text: string } | { readonly variable: string } | { readonly capture: number };

/** A compiled value: literal text and variable references, in order. */
export interface ComplexValue {
  readonly raw: string;
  readonly parts: readonly ValuePart[];
  /** True when the value has no variables (its text is `raw`). */
  readonly constant: boolean;
}

const STATE_USED = "variables.used";
const STATE_DEFINED = "variables.defined";

function usedList(loader: ConfLoader): string[] {
  let used = loader.state.get(STATE_USED) as string[] | undefined;
  if (used === undefined) {
    used = [];
    loader.state.set(STATE_USED, used);
  }
  return used;
}

function definedSet(loader: ConfLoader): Set<string> {
  let defined = loader.state.get(STATE_DEFINED) as Set<string> | undefined;
  if (defined === undefined) {
    defined = new Set();
    loader.state.set(STATE_DEFINED, defined);
  }
  return defined;
}

/**
 * Records that a conf uses `$name` (checked when `http {}` ends). Like nginx's
 * `ngx_http_get_variable_index`, the name is taken as written (`if ($a-b)` uses `a-b`).
 */
export function useVariable(loader: ConfLoader, name: string): void {
  usedList(loader).push(name.toLowerCase());
}

/** Declares a variable a module provides, with no checks (a module's own built-ins). */
export function defineVariable(loader: ConfLoader, name: string): void {
  definedSet(loader).add(name.toLowerCase());
}

/**
 * Declares a variable that the conf assigns (`set $x`, a regex named capture,
 * `set_by_ts_* $x`), as `ngx_http_add_variable(…, NGX_HTTP_VAR_CHANGEABLE)`: an empty name is
 * `invalid variable name "$"`, a read-only built-in `the duplicate "<name>" variable` (the name
 * as written; the caller's directive gives the place). Defining a name twice is fine.
 */
export function defineChangeableVariable(loader: ConfLoader, name: string): void {
  if (name === "") throw new ConfError('invalid variable name "$"', { code: "TSR_CONF_INVALID_VALUE" });
  const n = name.toLowerCase();
  if (BUILTIN_VARIABLES.has(n) && !CHANGEABLE_BUILTIN_VARIABLES.has(n)) {
    throw new ConfError(`the duplicate "${name}" variable`, { code: "TSR_CONF_INVALID_VALUE" });
  }
  definedSet(loader).add(n);
}

/**
 * A regex's named captures become variables, as `ngx_http_regex_compile` adds them
 * (`(?<uri>…)` is `the duplicate "uri" variable`). For every module that compiles a regex
 * in the http context: `location ~`, `rewrite`, `if (… ~ …)`.
 */
export function defineRegexCaptures(loader: ConfLoader, names: readonly { readonly name: string }[]): void {
  for (const { name } of names) defineChangeableVariable(loader, name);
}

export function isKnownVariable(loader: ConfLoader, name: string): boolean {
  const n = name.toLowerCase();
  return BUILTIN_VARIABLES.has(n) || definedSet(loader).has(n) || PREFIX_VARIABLES.some((p) => n.startsWith(p));
}

/** `[A-Za-z0-9_]`, by char code. */
function isNameCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

function invalidName(): ConfError {
  return new ConfError("invalid variable name", { code: "TSR_CONF_INVALID_VALUE" });
}

/**
 * Compiles a value with variables, with `ngx_http_script_compile`'s rules: `$` then a digit
 * 1–9 is a capture (`$0` and `${1}` are variables named "0" and "1"); a name is
 * `[A-Za-z0-9_]+`, braces allow a name to be followed by name characters. A lone `$`, `${` or
 * `${}` is `invalid variable name`; `${` not closed right after the name is
 * `the closing bracket in "<name>" variable is missing`. The caller's directive gives the place.
 * A value without `$` is one text part (nginx keeps such values uncompiled: the same thing).
 *
 * Runs for most values of a conf, cold: literal text is sliced between `$`s (found with
 * indexOf), not gathered a character at a time. The value is frozen here, where it is built,
 * so the merge (which freezes every stored value) finds it frozen and need not walk it.
 */
export function compileComplexValue(raw: string, loader: ConfLoader): ComplexValue {
  let i = raw.indexOf("$");
  if (i === -1) {
    const parts = raw === "" ? [] : [Object.freeze({ text: raw })];
    return Object.freeze({ raw, parts: Object.freeze(parts), constant: true });
  }
  const parts: ValuePart[] = [];
  /** Where the literal text not yet in `parts` starts. */
  let textStart = 0;
  while (i !== -1) {
    const dollar = i;
    if (++i === raw.length) throw invalidName();
    const c = raw.charCodeAt(i);
    let part: ValuePart;
    if (c >= 49 && c <= 57) {
      part = Object.freeze({ capture: c - 48 });
      i++;
    } else {
      const bracket = c === 123;
      if (bracket && ++i === raw.length) throw invalidName();
      const start = i;
      while (i < raw.length && isNameCode(raw.charCodeAt(i))) i++;
      const name = raw.slice(start, i);
      if (bracket) {
        if (raw.charCodeAt(i) !== 125) {
          throw new ConfError(`the closing bracket in "${name}" variable is missing`, {
            code: "TSR_CONF_INVALID_VALUE",
          });
        }
        i++;
      }
      if (name === "") throw invalidName();
      part = Object.freeze({ variable: name.toLowerCase() });
      useVariable(loader, name);
    }
    if (dollar > textStart) parts.push(Object.freeze({ text: raw.slice(textStart, dollar) }));
    parts.push(part);
    textStart = i;
    i = raw.indexOf("$", i);
  }
  if (textStart < raw.length) parts.push(Object.freeze({ text: raw.slice(textStart) }));
  // An array grown by push keeps room for 17 entries; the value lives as long as the conf, so
  // it keeps an exact copy.
  return Object.freeze({ raw, parts: Object.freeze(parts.slice()), constant: false });
}

/** Reports the first variable used but never defined, in order of first use. */
export function checkUnknownVariables(loader: ConfLoader): void {
  for (const name of usedList(loader)) {
    if (!isKnownVariable(loader, name)) {
      throw new ConfError(`unknown "${name}" variable`, { code: "TSR_CONF_UNKNOWN_VARIABLE", place: null });
    }
  }
}
