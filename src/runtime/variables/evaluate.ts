/**
 * Evaluating compiled values (`return 200 "$uri $arg_x"`, `set`, `add_header`, …) against a
 * request. Constant values cost nothing; variables are looked up in the request's own set
 * variables first, then among the built-in ones.
 */
import type { ComplexValue } from "../../directives/variables.js";
import type { Request } from "../context.js";
import { builtinVariable } from "./builtin.js";

/** A variable's value, or `undefined` when it is not found (nginx's "not found"). */
export function variable(r: Request, name: string): string | undefined {
  const own = r.vars.get(name);
  if (own !== undefined) return own;
  return builtinVariable(r, name);
}

/** `$1`…`$9` of the last regex that matched; empty when there is none. */
export function capture(r: Request, n: number): string {
  return r.captures?.[n] ?? "";
}

export function evaluate(value: ComplexValue, r: Request): string {
  if (value.constant) return value.raw;
  let out = "";
  for (const p of value.parts) {
    if ("text" in p) out += p.text;
    else if ("variable" in p) out += variable(r, p.variable) ?? "";
    else out += capture(r, p.capture);
  }
  return out;
}
