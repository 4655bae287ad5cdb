// `skip_if`: each line names a condition; the block is skipped when any holds.
//
//   missing <command>   the command is not installed (not on PATH or in the sbin folders)
//   server <name>       the server under test is <name> ("nginx", "tsresty", …)
//   env <NAME>          the environment variable is set and not empty
//   no_env <NAME>       the environment variable is unset or empty

import { findExecutable } from "./server-command.js";
import { nonEmptyLines } from "./modifiers.js";

export class SkipConditionError extends Error {}

export function skipReason(text: string, serverName: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const line of nonEmptyLines(text)) {
    const m = /^\s*(missing|server|env|no_env)\s+(\S+)\s*$/.exec(line);
    if (!m) throw new SkipConditionError(`unknown skip_if condition "${line.trim()}" (known: missing CMD, server NAME, env NAME, no_env NAME)`);
    const [, kind, arg] = m as unknown as [string, string, string];
    const holds =
      kind === "missing"
        ? findExecutable(arg, env) === undefined
        : kind === "server"
          ? serverName === arg
          : kind === "env"
            ? (env[arg] ?? "") !== ""
            : (env[arg] ?? "") === "";
    if (holds) return `skip_if: ${line.trim()}`;
  }
  return undefined;
}
