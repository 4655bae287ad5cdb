/**
 * `location [=|^~|~|~*] name { … }` and `location @name { … }` (server, location). The
 * modifier may be glued to the name (`=/x`, `^~/x`, `~re`, `~*re`); regexes are compiled now
 * (PCRE2's messages; `~*` folds ASCII case only) and their named captures become variables.
 * Nesting is checked as nginx checks it; duplicates are only known once the http block is
 * read (location-checks.ts).
 */
import type { ConfDirective } from "../../../parser/ast.js";
import { ConfError } from "../../errors.js";
import { ConfLevel } from "../../level.js";
import { compileConfRegex, type NginxRegex } from "../../regex/nginx-regex.js";
import type { DirectiveCall } from "../../types.js";
import { defineRegexCaptures } from "../../variables.js";
import { HTTP_CORE_KEYS, type LocationInfo, type LocationKind } from "./types.js";

type Modifier = LocationInfo["modifier"];

/** A location as parsed; `internal` and `autoRedirect` are read from the level when asked. */
class ConfLocation implements LocationInfo {
  readonly exact: boolean;
  readonly noregex: boolean;
  readonly named: boolean;
  readonly depth: number;
  readonly file: string;
  readonly line: number;

  constructor(
    readonly kind: LocationKind,
    readonly modifier: Modifier,
    readonly name: string,
    readonly regex: NginxRegex | null,
    readonly parent: LocationInfo | null,
    readonly level: ConfLevel,
    opener: ConfDirective,
  ) {
    this.exact = kind === "exact";
    this.noregex = kind === "noregex";
    this.named = kind === "named";
    this.depth = parent === null ? 0 : parent.depth + 1;
    this.file = opener.file;
    this.line = opener.line;
  }

  get internal(): boolean {
    return this.level.settings["internal"] === true;
  }

  get autoRedirect(): boolean {
    return this.level.data.get(HTTP_CORE_KEYS.autoRedirect) === true;
  }
}

interface Match {
  readonly kind: LocationKind;
  readonly modifier: Modifier;
  readonly name: string;
  readonly regex: NginxRegex | null;
}

function regexMatch(source: string, caseless: boolean, call: DirectiveCall): Match {
  const regex = compileConfRegex(source, { caseless });
  defineRegexCaptures(call.loader, regex.names);
  return { kind: "regex", modifier: caseless ? "~*" : "~", name: source, regex };
}

/** The modifier and name, from `modifier name` or one word with the modifier glued on. */
function readMatch(call: DirectiveCall): Match {
  const args = call.args;
  if (args.length === 2) {
    const mod = args[0]!;
    const name = args[1]!;
    if (mod === "=") return { kind: "exact", modifier: "=", name, regex: null };
    if (mod === "^~") return { kind: "noregex", modifier: "^~", name, regex: null };
    if (mod === "~") return regexMatch(name, false, call);
    if (mod === "~*") return regexMatch(name, true, call);
    throw new ConfError(`invalid location modifier "${mod}"`, { code: "TSR_CONF_LOCATION" });
  }
  const word = args[0]!;
  if (word.startsWith("=")) return { kind: "exact", modifier: "=", name: word.slice(1), regex: null };
  if (word.startsWith("^~")) return { kind: "noregex", modifier: "^~", name: word.slice(2), regex: null };
  if (word.startsWith("~*")) return regexMatch(word.slice(2), true, call);
  if (word.startsWith("~")) return regexMatch(word.slice(1), false, call);
  if (word.startsWith("@")) return { kind: "named", modifier: "@", name: word, regex: null };
  return { kind: "prefix", modifier: "", name: word, regex: null };
}

function nestingError(message: string): ConfError {
  return new ConfError(message, { code: "TSR_CONF_LOCATION" });
}

/** nginx's rules for a location inside another one. */
function checkNesting(m: Match, parent: LocationInfo): void {
  if (parent.exact) throw nestingError(`location "${m.name}" cannot be inside the exact location "${parent.name}"`);
  if (parent.named) throw nestingError(`location "${m.name}" cannot be inside the named location "${parent.name}"`);
  if (m.kind === "named") throw nestingError(`named location "${m.name}" can be on the server level only`);
  if (m.regex === null && !m.name.startsWith(parent.name)) {
    throw nestingError(`location "${m.name}" is outside location "${parent.name}"`);
  }
}

/** The `LocationInfo` of a location level. */
export function locationInfoOf(level: ConfLevel): LocationInfo | undefined {
  return level.data.get(HTTP_CORE_KEYS.location) as LocationInfo | undefined;
}

export function location(call: DirectiveCall): void {
  const m = readMatch(call);
  const parent = call.level.kind === "location" ? locationInfoOf(call.level) ?? null : null;
  if (parent !== null) checkNesting(m, parent);
  const level = new ConfLevel("location", "location", call.level, call.directive);
  const info = new ConfLocation(m.kind, m.modifier, m.name, m.regex, parent, level, call.directive);
  level.data.set(HTTP_CORE_KEYS.location, info);
  call.loader.walk(call.directive.block ?? [], level);
}
