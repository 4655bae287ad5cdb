/**
 * The headers module: `add_header`, `add_trailer` and `expires`. Header lists append per level;
 * a level with none of its own inherits its parent's whole list (nginx's array merge), which is
 * why one `add_header` in a location hides every `add_header` of the server.
 */
import { ConfError } from "../errors.js";
import { parseTime } from "../values.js";
import { compileComplexValue, type ComplexValue } from "../variables.js";
import type { ConfModule, DirectiveCall } from "../types.js";

/** One `add_header`/`add_trailer`: added to responses with a status in nginx's list, or to all when `always`. */
export interface AddedHeader {
  readonly name: string;
  /** An empty value means the header is not added. */
  readonly value: ComplexValue;
  readonly always: boolean;
}

/**
 * `expires`: how the `Expires` and `Cache-Control` headers are set.
 * `seconds` is relative to the request time (`access`) or the file's mtime (`modified`), and may
 * be negative; `daily` is a time of day in seconds (`@15h30m`); `variable` is parsed per request
 * with {@link parseExpires}.
 */
export type ExpiresSpec =
  | { readonly kind: "off" | "epoch" | "max" }
  | { readonly kind: "access" | "modified"; readonly seconds: number }
  | { readonly kind: "daily"; readonly seconds: number }
  | { readonly kind: "variable"; readonly modified: boolean; readonly value: ComplexValue };

export const ADD_HEADER_SLOT = "add_header";
export const ADD_TRAILER_SLOT = "add_trailer";
export const EXPIRES_SLOT = "expires";

/**
 * Parses an `expires` time as nginx does, for the conf and for values with variables at run
 * time. Returns nginx's reason string when the value is invalid.
 */
export function parseExpires(text: string, modified: boolean): ExpiresSpec | string {
  if (!modified) {
    if (text === "epoch" || text === "max" || text === "off") return { kind: text };
  }
  let daily = false;
  let minus = false;
  let t = text;
  if (t.startsWith("@")) {
    if (modified) return 'daily time cannot be used with "modified" parameter';
    daily = true;
    t = t.slice(1);
  } else if (t.startsWith("-")) {
    minus = true;
    t = t.slice(1);
  } else if (t.startsWith("+")) {
    t = t.slice(1);
  }
  const seconds = parseTime(t, true);
  if (seconds === null) return "invalid value";
  if (daily) {
    if (seconds > 24 * 60 * 60) return "daily time value must be less than 24 hours";
    return { kind: "daily", seconds };
  }
  return { kind: modified ? "modified" : "access", seconds: minus ? -seconds : seconds };
}

function expires(call: DirectiveCall): string | void {
  if (call.level.has(EXPIRES_SLOT)) return "is duplicate";
  let modified = false;
  let text = call.args[0]!;
  if (call.args.length === 2) {
    if (text !== "modified") return "invalid value";
    modified = true;
    text = call.args[1]!;
  }
  const cv = compileComplexValue(text, call.loader);
  const spec: ExpiresSpec | string = cv.constant ? parseExpires(text, modified) : { kind: "variable", modified, value: cv };
  if (typeof spec === "string") return spec;
  call.level.set(EXPIRES_SLOT, spec, call.directive);
}

function addHeader(slot: string) {
  return (call: DirectiveCall): void => {
    const [name, raw, flag] = call.args as [string, string, string | undefined];
    const value = compileComplexValue(raw, call.loader);
    if (flag !== undefined && flag !== "always") {
      throw new ConfError(`invalid parameter "${flag}"`, { code: "TSR_CONF_INVALID_VALUE" });
    }
    const h: AddedHeader = { name, value, always: flag !== undefined };
    call.level.push(slot, h, call.directive);
  };
}

const HEADER_CONTEXTS = ["http", "server", "location", "lif"] as const;

export const headersModule: ConfModule = {
  name: "headers",
  directives: [
    { name: "add_header", contexts: HEADER_CONTEXTS, args: [2, 3], set: addHeader(ADD_HEADER_SLOT) },
    { name: "add_trailer", contexts: HEADER_CONTEXTS, args: [2, 3], set: addHeader(ADD_TRAILER_SLOT) },
    {
      name: "expires",
      contexts: HEADER_CONTEXTS,
      args: [1, 2],
      set: expires,
      default: { kind: "off" } satisfies ExpiresSpec,
    },
  ],
};
