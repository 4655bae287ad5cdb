/**
 * `log_format` strings, compiled as nginx's log module compiles them: `$name` and `${name}`
 * become variable parts (names are letters, digits and `_`, so `$1` is a variable called "1",
 * not a regex capture), everything else is literal. The words of one `log_format` are joined
 * with nothing in between.
 */
import { ConfError } from "../../errors.js";
import type { ConfLoader } from "../../loader.js";
import { useVariable } from "../../variables.js";

/** How variable values are escaped when a line is written. */
export type LogEscape = "default" | "json" | "none";

export type LogFormatPart = { readonly text: string } | { readonly variable: string };

/** A compiled `log_format`. */
export interface LogFormat {
  readonly name: string;
  readonly escape: LogEscape;
  readonly parts: readonly LogFormatPart[];
}

/** nginx's predefined format. */
export const COMBINED_FORMAT_TEXT =
  '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"';

function isNameChar(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c === "_";
}

function invalid(rest: string): never {
  throw new ConfError(`invalid parameter "${rest}"`, { code: "TSR_CONF_INVALID_VALUE" });
}

/**
 * Compiles the words of a format. With a loader, every variable is recorded so unknown names
 * are reported when `http {}` ends; without one (the predefined format) nothing is recorded.
 */
export function compileLogFormat(name: string, escape: LogEscape, words: readonly string[], loader: ConfLoader | null): LogFormat {
  const parts: LogFormatPart[] = [];
  let text = "";
  for (const w of words) {
    let i = 0;
    while (i < w.length) {
      if (w[i] !== "$") {
        text += w[i++];
        continue;
      }
      const start = i;
      if (++i === w.length) invalid(w.slice(start));
      let bracket = false;
      if (w[i] === "{") {
        bracket = true;
        if (++i === w.length) invalid(w.slice(start));
      }
      const nameStart = i;
      while (i < w.length && isNameChar(w[i]!)) i++;
      const varName = w.slice(nameStart, i);
      if (bracket) {
        if (w[i] !== "}") {
          throw new ConfError(`the closing bracket in "${varName}" variable is missing`, { code: "TSR_CONF_INVALID_VALUE" });
        }
        i++;
      }
      if (varName === "") invalid(w.slice(start));
      if (text !== "") parts.push({ text });
      text = "";
      parts.push({ variable: varName.toLowerCase() });
      if (loader !== null) useVariable(loader, varName);
    }
  }
  if (text !== "") parts.push({ text });
  return { name, escape, parts };
}

export function combinedFormat(): LogFormat {
  return compileLogFormat("combined", "default", [COMBINED_FORMAT_TEXT], null);
}
