/**
 * Running a rewrite script (nginx's ngx_http_rewrite_handler over the compiled script codes):
 * `return`, `rewrite`, `set`, `if` and `break` in conf order. See
 * src/directives/modules/rewrite/script.ts for what each step means.
 */
import { stat } from "node:fs/promises";
import type { IfCondition, RewriteScript } from "../../directives/modules/rewrite/script.js";
import type { RegexMatch } from "../../directives/regex/nginx-regex.js";
import type { Request, Runtime } from "../context.js";
import { evaluate, variable } from "../variables/evaluate.js";
import { discardBody } from "./discard-body.js";

/** `rewrite_log on`: each rewrite's match and result at notice level, as nginx writes them. */
function rewriteLog(r: Request, message: string): void {
  if (!r.loc.rewriteLog) return;
  r.log("notice", message);
}

export type ScriptOutcome =
  /** The script ran to its end; `uriChanged` when a flagless rewrite matched. */
  | { readonly kind: "end"; readonly uriChanged: boolean }
  /** `rewrite … last`: search the locations again. */
  | { readonly kind: "last" }
  /** `break`, or `rewrite … break`: stay in the current location. */
  | { readonly kind: "break" }
  /** `return` without a body, or a redirect: a special response with this status. */
  | { readonly kind: "status"; readonly status: number }
  /** `return code text` (not a redirect): send the text as the body. */
  | { readonly kind: "body"; readonly status: number; readonly body: string };

/** Records a match: `$1`… and the named captures as variables. */
export function applyMatch(r: Request, m: RegexMatch, names: readonly { name: string; index: number }[]): void {
  r.captures = m.captures;
  for (const { name, index } of names) r.vars.set(name.toLowerCase(), m.captures[index] ?? "");
}

async function fileTest(path: string, test: "file" | "dir" | "exists" | "exec"): Promise<boolean> {
  try {
    const st = await stat(Buffer.from(path, "latin1"));
    if (test === "file") return st.isFile();
    if (test === "dir") return st.isDirectory();
    if (test === "exists") return true;
    return (st.mode & 0o111) !== 0 && !st.isDirectory();
  } catch {
    return false;
  }
}

async function holds(r: Request, c: IfCondition): Promise<boolean> {
  switch (c.kind) {
    case "variable": {
      const v = variable(r, c.name);
      return v !== undefined && v !== "" && v !== "0";
    }
    case "compare": {
      const eq = (variable(r, c.name) ?? "") === evaluate(c.value, r);
      return c.negate ? !eq : eq;
    }
    case "match": {
      const m = c.regex.exec(variable(r, c.name) ?? "");
      if (m === null) r.captures = null;
      else if (!c.negate) applyMatch(r, m, c.regex.names);
      return c.negate ? m === null : m !== null;
    }
    case "file": {
      const ok = await fileTest(evaluate(c.path, r), c.test);
      return c.negate ? !ok : ok;
    }
  }
}

/** Runs `script`; an `if` that holds may switch `r.loc` to its own level's plan. */
export async function runScript(rt: Runtime, r: Request, script: RewriteScript): Promise<ScriptOutcome> {
  let uriChanged = false;
  for (const step of script) {
    switch (step.kind) {
      case "return": {
        // A code below 400 or a text is sent as a response (nginx's ngx_http_send_response),
        // which drops the body first: a broken one makes it a 400 instead. Error codes without
        // a text go to the special response, which discards on its own.
        if ((step.status < 400 || step.text !== null) && !discardBody(r)) return { kind: "status", status: 400 };
        // nginx sets the status before evaluating the text: `return 200 "$status"` says 200.
        r.status = step.status;
        const text = step.text === null ? null : evaluate(step.text, r);
        if (step.status === 301 || step.status === 302 || step.status === 303 || step.status === 307 || step.status === 308) {
          if (text !== null) r.location = text;
          return { kind: "status", status: step.status };
        }
        if (text === null) return { kind: "status", status: step.status };
        return { kind: "body", status: step.status, body: text };
      }
      case "rewrite": {
        const m = step.regex.exec(r.uri);
        if (m === null) {
          // A failed script regex clears the captures (a failed location regex does not).
          r.captures = null;
          rewriteLog(r, `"${step.regex.source}" does not match "${r.uri}"`);
          continue;
        }
        rewriteLog(r, `"${step.regex.source}" matches "${r.uri}"`);
        applyMatch(r, m, step.regex.names);
        if (step.redirect !== null) {
          let loc = evaluate(step.replacement, r);
          if (step.keepArgs && r.args !== "") loc += (step.hasArgs ? "&" : "?") + r.args;
          r.location = loc;
          rewriteLog(r, `rewritten redirect: "${loc}"`);
          return { kind: "status", status: step.redirect };
        }
        r.uri = evaluate(step.uri!, r);
        if (step.args !== null) {
          const a = evaluate(step.args, r);
          r.args = step.keepArgs && r.args !== "" ? `${a}&${r.args}` : a;
        } else if (!step.keepArgs) {
          r.args = "";
        }
        r.internal = true;
        rewriteLog(r, `rewritten data: "${r.uri}", args: "${r.args}"`);
        if (step.flag === "last") return { kind: "last" };
        if (step.flag === "break") {
          r.validLocation = false;
          return { kind: "break" };
        }
        uriChanged = true;
        continue;
      }
      case "set": {
        const v = evaluate(step.value, r);
        if (step.name === "args") r.args = v;
        else r.vars.set(step.name, v);
        continue;
      }
      case "break":
        return uriChanged ? { kind: "break" } : { kind: "break" };
      case "if": {
        if (!(await holds(r, step.condition))) continue;
        if (step.switchesConf) {
          const plan = r.server.ifPlans.get(step.level);
          if (plan !== undefined) r.loc = plan;
        }
        const inner = await runScript(rt, r, step.body);
        if (inner.kind !== "end") return inner;
        if (inner.uriChanged) uriChanged = true;
        continue;
      }
    }
  }
  return { kind: "end", uriChanged };
}
