/**
 * `server_name name …` (server): exact names, `*.example.com` / `.example.com` /
 * `www.example.*` wildcards and `~regex` names, appended in order (a second `server_name` adds
 * to the list). Exact and wildcard names are lower-cased (ASCII only, as nginx); a regex is
 * caseless when it has an upper-case letter, and its named captures become variables.
 * Conflicts between servers are only known when the http block ends (server-names-check.ts).
 */
import { hostname } from "node:os";
import { ConfError } from "../../errors.js";
import { compileConfRegex } from "../../regex/nginx-regex.js";
import type { DirectiveCall } from "../../types.js";
import { defineRegexCaptures } from "../../variables.js";
import { serverInfoOf } from "./server.js";
import type { ServerName } from "./types.js";

export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

function classify(name: string): ServerName {
  if (name.length > 1 && name.startsWith(".")) {
    return { kind: "prefixWildcard", name, suffix: name, matchesBare: true };
  }
  if (name.length > 2 && name.startsWith("*.")) {
    return { kind: "prefixWildcard", name, suffix: name.slice(1), matchesBare: false };
  }
  if (name.length > 2 && name.endsWith(".*")) return { kind: "suffixWildcard", name, prefix: name.slice(0, -1) };
  return { kind: "exact", name };
}

export function serverName(call: DirectiveCall): void {
  const info = serverInfoOf(call.level);
  for (const arg of call.args) {
    const ch = arg[0];
    if ((ch === "*" && (arg.length < 3 || arg[1] !== ".")) || (ch === "." && arg.length < 2)) {
      throw new ConfError(`server name "${arg}" is invalid`, { code: "TSR_CONF_INVALID_VALUE" });
    }
    if (arg.includes("/")) call.loader.warn(`server name "${arg}" has suspicious symbols`, call.directive);
    if (ch !== "~") {
      const name = arg.toLowerCase() === "$hostname" ? hostname() : arg;
      info.names.push(classify(asciiLower(name)));
      continue;
    }
    if (arg.length === 1) {
      throw new ConfError(`empty regex in server name "${arg}"`, { code: "TSR_CONF_REGEX" });
    }
    const pattern = arg.slice(1);
    const regex = compileConfRegex(pattern, { caseless: /[A-Z]/.test(pattern) });
    defineRegexCaptures(call.loader, regex.names);
    info.names.push({ kind: "regex", name: pattern, regex });
    info.regexCaptures = regex.captureCount > 0;
  }
}
