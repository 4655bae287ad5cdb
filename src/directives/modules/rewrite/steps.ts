/**
 * The setters of the script directives (`return`, `rewrite`, `set`, `break`, `if`): each
 * compiles its words into one step and appends it to the level's script, checking what nginx
 * checks, in nginx's order (the first failing check gives the message).
 */
import { ConfError } from "../../errors.js";
import { compileConfRegex } from "../../regex/nginx-regex.js";
import { parseNumber } from "../../values.js";
import {
  compileComplexValue,
  defineChangeableVariable,
  defineRegexCaptures,
  type ComplexValue,
  type ValuePart,
} from "../../variables.js";
import type { DirectiveCall } from "../../types.js";
import { compileIfCondition } from "./if-condition.js";
import {
  REWRITE_SCRIPT_SLOT,
  type BreakStep,
  type ReturnStep,
  type RewriteFlag,
  type RewriteStep,
  type SetStep,
  type StepSource,
} from "./script.js";

/** A value starting like an absolute URL makes `return` and `rewrite` redirect. */
const URL_START = /^(?:http:\/\/|https:\/\/|\$scheme)/;

const MAX_RETURN_CODE = 999;

function sourceOf(call: DirectiveCall): StepSource {
  return Object.freeze({ file: call.directive.file, line: call.directive.line });
}

function append(call: DirectiveCall, step: RewriteStep): void {
  call.level.push(REWRITE_SCRIPT_SLOT, step, call.directive);
}

/**
 * Appends a step whose parts (its source, its compiled values) are all frozen, frozen itself
 * where it is built: the merge freezes every stored value, and finding these steps (`return`
 * is common) already frozen it need not walk them. Steps holding a regex or a body are left
 * to the merge.
 */
function appendFrozen(call: DirectiveCall, step: ReturnStep | SetStep | BreakStep): void {
  append(call, Object.freeze(step));
}

function confError(message: string): ConfError {
  return new ConfError(message, { code: "TSR_CONF_INVALID_VALUE" });
}

/** `return code [text]` | `return URL`. */
export function returnDirective(call: DirectiveCall): void {
  // Indexed, not destructured: array destructuring runs the iterator protocol, per `return`.
  const code = call.args[0]!;
  const text = call.args[1];
  const status = parseNumber(code);
  if (status === null) {
    if (text !== undefined || !URL_START.test(code)) throw confError(`invalid return code "${code}"`);
    appendFrozen(call, { kind: "return", status: 302, text: compileComplexValue(code, call.loader), source: sourceOf(call) });
    return;
  }
  if (status > MAX_RETURN_CODE) throw confError(`invalid return code "${code}"`);
  const value = text === undefined ? null : compileComplexValue(text, call.loader);
  appendFrozen(call, { kind: "return", status, text: value, source: sourceOf(call) });
}

const REWRITE_FLAGS: readonly RewriteFlag[] = ["last", "break", "redirect", "permanent"];

/** `rewrite regex replacement [last|break|redirect|permanent]`. */
export function rewriteDirective(call: DirectiveCall): void {
  const words = call.args;
  const pattern = words[0]!;
  const written = words[1]!;
  const flagWord = words[2];
  if (written === "") throw confError("empty replacement");
  const regex = compileConfRegex(pattern);
  defineRegexCaptures(call.loader, regex.names);

  // A final "?" drops the request's arguments; it is not part of the new URI.
  const keepArgs = !written.endsWith("?");
  const replacementText = keepArgs ? written : written.slice(0, -1);
  let redirect: 301 | 302 | null = URL_START.test(written) ? 302 : null;
  let flag: RewriteFlag | null = null;
  if (flagWord !== undefined) {
    // Flags are case-sensitive (`LAST` is refused).
    flag = REWRITE_FLAGS.find((f) => f === flagWord) ?? null;
    if (flag === null) throw confError(`invalid parameter "${flagWord}"`);
    if (flag === "redirect") redirect = 302;
    if (flag === "permanent") redirect = 301;
  }
  const replacement = compileComplexValue(replacementText, call.loader);
  const [uri, args] = redirect === null ? splitAtQuery(replacement) : [null, null];
  append(call, {
    kind: "rewrite",
    regex,
    replacement,
    uri,
    args,
    keepArgs,
    hasArgs: replacementText.includes("?"),
    flag,
    redirect,
    stops: flag !== null || redirect !== null,
    source: sourceOf(call),
  });
}

/**
 * Cuts a replacement at its first `?` into the new URI and the new arguments. A `?` can only
 * be literal text (variable names never hold one), so the raw text and the parts cut at the
 * same place.
 */
export function splitAtQuery(value: ComplexValue): [ComplexValue, ComplexValue | null] {
  const at = value.raw.indexOf("?");
  if (at === -1) return [value, null];
  const before: ValuePart[] = [];
  const after: ValuePart[] = [];
  let target = before;
  for (const part of value.parts) {
    if (target === before && "text" in part && part.text.includes("?")) {
      const cut = part.text.indexOf("?");
      if (cut > 0) before.push({ text: part.text.slice(0, cut) });
      if (cut + 1 < part.text.length) after.push({ text: part.text.slice(cut + 1) });
      target = after;
      continue;
    }
    target.push(part);
  }
  const make = (raw: string, parts: ValuePart[]): ComplexValue => ({
    raw,
    parts,
    constant: parts.every((p) => "text" in p),
  });
  return [make(value.raw.slice(0, at), before), make(value.raw.slice(at + 1), after)];
}

/** `set $name value`. */
export function setDirective(call: DirectiveCall): void {
  const target = call.args[0]!;
  const raw = call.args[1]!;
  if (!target.startsWith("$")) throw confError(`invalid variable name "${target}"`);
  const name = target.slice(1);
  defineChangeableVariable(call.loader, name);
  const value = compileComplexValue(raw, call.loader);
  appendFrozen(call, { kind: "set", name: name.toLowerCase(), value, source: sourceOf(call) });
}

export function breakDirective(call: DirectiveCall): void {
  appendFrozen(call, { kind: "break", source: sourceOf(call) });
}

/**
 * `if (condition) { … }`: the condition is compiled before the body is read (its errors and
 * variable uses come first), the body goes to a level of its own (`sif`/`lif`), and its steps
 * become the `if` step's body — the `if` level keeps no script of its own, as nginx's unnamed
 * location has no rewrite codes.
 */
export function ifDirective(call: DirectiveCall): void {
  const condition = compileIfCondition(call.args, call.loader);
  const inLocation = call.level.context === "location";
  const level = call.loader.block(call, "if", inLocation ? "lif" : "sif");
  const body = level.get<RewriteStep[]>(REWRITE_SCRIPT_SLOT) ?? [];
  level.slots.delete(REWRITE_SCRIPT_SLOT);
  append(call, { kind: "if", condition, body, level, switchesConf: inLocation, source: sourceOf(call) });
}
