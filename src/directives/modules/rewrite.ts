/**
 * The rewrite module (nginx's ngx_http_rewrite_module): `return`, `rewrite`, `set`, `if` and
 * `break` build each server's and location's rewrite script (see ./rewrite/script.ts for what
 * the request engine does with it); `rewrite_log` and `uninitialized_variable_warn` are plain
 * flags. All script directives may repeat at a level (the steps append; the first `return`
 * that runs wins).
 */
import { flagSlot } from "../slots.js";
import type { ConfModule, ContextName } from "../types.js";
import { REWRITE_SCRIPT_SLOT } from "./rewrite/script.js";
import { breakDirective, ifDirective, returnDirective, rewriteDirective, setDirective } from "./rewrite/steps.js";

export type {
  BreakStep,
  FileTest,
  IfCondition,
  IfStep,
  ReturnStep,
  RewriteFlag,
  RewriteRuleStep,
  RewriteScript,
  RewriteStep,
  SetStep,
  StepSource,
} from "./rewrite/script.js";
export { REWRITE_SCRIPT_SLOT, rewriteScriptOf } from "./rewrite/script.js";

/** The merged flags of a level (settings keys are the directive names). */
export interface RewriteFlags {
  /** `rewrite_log`: log each rewrite's match at `notice` in the error log. Default off. */
  readonly rewrite_log: boolean;
  /** `uninitialized_variable_warn`: warn when a `set` variable is read before it is set. Default on. */
  readonly uninitialized_variable_warn: boolean;
}

const SCRIPT_CONTEXTS: readonly ContextName[] = ["server", "sif", "location", "lif"];
const FLAG_CONTEXTS: readonly ContextName[] = ["http", "server", "sif", "location", "lif"];

/** Every script row shares one slot; it is per level and never inherited. */
const script = { slot: REWRITE_SCRIPT_SLOT, merge: "none" } as const;

export const rewriteModule: ConfModule = {
  name: "rewrite",
  directives: [
    { name: "rewrite", contexts: SCRIPT_CONTEXTS, args: [2, 3], set: rewriteDirective, ...script },
    { name: "return", contexts: SCRIPT_CONTEXTS, args: [1, 2], set: returnDirective, ...script },
    { name: "break", contexts: SCRIPT_CONTEXTS, args: [0], set: breakDirective, ...script },
    { name: "if", contexts: ["server", "location"], args: "1more", block: true, set: ifDirective, ...script },
    { name: "set", contexts: SCRIPT_CONTEXTS, args: [2], set: setDirective, ...script },
    { name: "rewrite_log", contexts: FLAG_CONTEXTS, args: "flag", set: flagSlot, default: false },
    { name: "uninitialized_variable_warn", contexts: FLAG_CONTEXTS, args: "flag", set: flagSlot, default: true },
  ],
};
