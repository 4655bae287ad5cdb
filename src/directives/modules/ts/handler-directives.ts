/**
 * The handler directives `<phase>_by_ts_file` and `<phase>_by_ts_block`, OpenResty's
 * `<phase>_by_lua_*` with TypeScript handlers. Each phase's two forms share one slot per level,
 * so a second handler for a phase at the same level is a duplicate whichever forms are mixed.
 * The messages follow lua-nginx-module: a file form second prints
 * `"<name>" directive is duplicate` at its `;`; a block form prints its errors at the block's
 * closing `}` and, because OpenResty's block parser drops the directive name, a bare
 * `is duplicate`.
 */
import { ConfError } from "../../errors.js";
import { compileComplexValue, defineChangeableVariable } from "../../variables.js";
import type { ContextName, DirectiveCall, DirectiveSpec, MergeRule } from "../../types.js";
import { REWRITE_SCRIPT_SLOT } from "../rewrite/script.js";
import {
  utf8,
  type BlockHandlerSpec,
  type FileHandlerSpec,
  type HandlerSpec,
  type SetBySpec,
  type TsPhase,
} from "./handler-spec.js";

interface PhaseRow {
  readonly phase: Exclude<TsPhase, "set">;
  readonly contexts: readonly ContextName[];
  /** OpenResty refuses empty code for every phase but init_worker and exit_worker. */
  readonly refusesEmpty: boolean;
  /** Request phases compile the file path as a value with variables; process phases do not. */
  readonly variablePath: boolean;
  readonly merge: MergeRule;
}

const HTTP_ONLY: readonly ContextName[] = ["http"];
const ANY_LEVEL: readonly ContextName[] = ["http", "server", "location", "lif"];
const LOCATION_ONLY: readonly ContextName[] = ["location", "lif"];

/**
 * lua-nginx-module's contexts. Process handlers live in the http level only. Request handlers
 * inherit down to nested locations and `if` blocks, as OpenResty merges them. (The content
 * handler is merged the same way, but nginx only runs it in the location that names it and in
 * that location's `if` blocks: read it with `contentHandlerOf`.)
 */
const PHASES: readonly PhaseRow[] = [
  { phase: "init", contexts: HTTP_ONLY, refusesEmpty: true, variablePath: false, merge: "none" },
  { phase: "init_worker", contexts: HTTP_ONLY, refusesEmpty: false, variablePath: false, merge: "none" },
  { phase: "exit_worker", contexts: HTTP_ONLY, refusesEmpty: false, variablePath: false, merge: "none" },
  { phase: "rewrite", contexts: ANY_LEVEL, refusesEmpty: true, variablePath: true, merge: "inherit" },
  { phase: "access", contexts: ANY_LEVEL, refusesEmpty: true, variablePath: true, merge: "inherit" },
  { phase: "content", contexts: LOCATION_ONLY, refusesEmpty: true, variablePath: true, merge: "inherit" },
  { phase: "header_filter", contexts: ANY_LEVEL, refusesEmpty: true, variablePath: true, merge: "inherit" },
  { phase: "body_filter", contexts: ANY_LEVEL, refusesEmpty: true, variablePath: true, merge: "inherit" },
  { phase: "log", contexts: ANY_LEVEL, refusesEmpty: true, variablePath: true, merge: "inherit" },
];

/** The slot of a phase's handler: `content_by_ts` holds a HandlerSpec. */
export function handlerSlot(phase: Exclude<TsPhase, "set">): string {
  return `${phase}_by_ts`;
}

/** The list slot of `set_by_ts_*` entries (SetBySpec[], per level, not inherited). */
export const SET_BY_SLOT = "set_by_ts";

/** nginx logs this one at level `error` (not `emerg`), and it is still fatal. */
function noRunnableCode(): ConfError {
  return new ConfError("invalid location config: no runnable TS code", { code: "TSR_CONF_INVALID", level: "error" });
}

/** Block-form errors are placed at the closing `}`, where OpenResty's block parser stands. */
function atBlockEnd(call: DirectiveCall, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfError && e.place === undefined) {
      e.place = { file: call.directive.file, line: call.directive.tsBody?.endLine ?? call.directive.line };
    }
    throw e;
  }
}

function confPlace(call: DirectiveCall): { file: string; line: number } {
  return { file: utf8(call.directive.file), line: call.directive.line };
}

function fileSpec(call: DirectiveCall, phase: TsPhase, raw: string, variablePath: boolean): FileHandlerSpec {
  const base = { phase, directive: call.spec.name, conf: confPlace(call), prefix: utf8(call.loader.prefix) };
  const value = variablePath ? compileComplexValue(raw, call.loader) : null;
  if (value !== null && !value.constant) return { ...base, kind: "file", path: null, pathValue: value };
  return { ...base, kind: "file", path: utf8(call.loader.prefixPath(raw)), pathValue: null };
}

function blockSpec(call: DirectiveCall, phase: TsPhase): BlockHandlerSpec {
  const body = call.directive.tsBody;
  return {
    phase,
    directive: call.spec.name,
    conf: confPlace(call),
    kind: "block",
    code: utf8(body?.text ?? ""),
    codeLine: body?.line ?? call.directive.line,
  };
}

function fileForm(row: PhaseRow) {
  return (call: DirectiveCall): string | void => {
    const slot = handlerSlot(row.phase);
    if (call.level.has(slot)) return "is duplicate";
    const raw = call.args[0]!;
    if (row.refusesEmpty && raw === "") throw noRunnableCode();
    call.level.set(slot, fileSpec(call, row.phase, raw, row.variablePath), call.directive);
  };
}

function blockForm(row: PhaseRow) {
  return (call: DirectiveCall): void =>
    atBlockEnd(call, () => {
      const slot = handlerSlot(row.phase);
      if (call.level.has(slot)) throw new ConfError("is duplicate", { code: "TSR_CONF_DUPLICATE" });
      if (row.refusesEmpty && (call.directive.tsBody?.text ?? "") === "") throw noRunnableCode();
      call.level.set(slot, blockSpec(call, row.phase), call.directive);
    });
}

/** `$name` → `name`, declared as a variable the conf assigns (NDK's ndk_set_var_name). */
function setTarget(call: DirectiveCall): string {
  const target = call.args[0]!;
  if (!target.startsWith("$")) {
    throw new ConfError(`invalid variable name "${target}"`, { code: "TSR_CONF_INVALID_VALUE" });
  }
  const name = target.slice(1);
  if (name === "") throw new ConfError('invalid variable name "$"', { code: "TSR_CONF_INVALID_VALUE" });
  defineChangeableVariable(call.loader, name);
  return name;
}

function pushSetBy(call: DirectiveCall, variable: string, handler: HandlerSpec, args: readonly string[]): void {
  const spec: SetBySpec = {
    variable,
    handler,
    args: args.map((a) => compileComplexValue(a, call.loader)),
    scriptIndex: call.level.get<readonly unknown[]>(REWRITE_SCRIPT_SLOT)?.length ?? 0,
  };
  call.level.push(SET_BY_SLOT, spec, call.directive);
}

function setByFile(call: DirectiveCall): void {
  const variable = setTarget(call);
  pushSetBy(call, variable, fileSpec(call, "set", call.args[1]!, true), call.args.slice(2));
}

function setByBlock(call: DirectiveCall): void {
  atBlockEnd(call, () => pushSetBy(call, setTarget(call), blockSpec(call, "set"), []));
}

const SET_CONTEXTS: readonly ContextName[] = ["server", "sif", "location", "lif"];

export const handlerDirectives: readonly DirectiveSpec[] = [
  ...PHASES.flatMap((row): DirectiveSpec[] => [
    {
      name: `${row.phase}_by_ts_file`,
      contexts: row.contexts,
      args: [1],
      set: fileForm(row),
      slot: handlerSlot(row.phase),
      merge: row.merge,
      doc: `runs the default export of a TypeScript module in the ${row.phase} phase`,
    },
    {
      name: `${row.phase}_by_ts_block`,
      contexts: row.contexts,
      args: [0],
      block: true,
      set: blockForm(row),
      slot: handlerSlot(row.phase),
      merge: row.merge,
      doc: `runs inline TypeScript in the ${row.phase} phase`,
    },
  ]),
  {
    name: "set_by_ts_file",
    contexts: SET_CONTEXTS,
    args: "2more",
    set: setByFile,
    slot: SET_BY_SLOT,
    merge: "none",
    doc: "sets $var to what a TypeScript module returns, inline with `set` in the rewrite phase",
  },
  {
    name: "set_by_ts_block",
    contexts: SET_CONTEXTS,
    args: [1],
    block: true,
    set: setByBlock,
    slot: SET_BY_SLOT,
    merge: "none",
    doc: "sets $var to what inline TypeScript returns, inline with `set` in the rewrite phase",
  },
];
