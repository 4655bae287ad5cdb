/**
 * The condition of `if (…)`, read from the directive's words as nginx's
 * `ngx_http_rewrite_if_condition` reads them. The parentheses are not tokens: the first word
 * must start with `(` and the last end with `)`, and each may stand alone or be glued to its
 * neighbour (`($uri` … `"/x")` — the lexer makes a `)` after a closing quote a word of its own).
 * The forms: `$var`, `$var =|!= string`, `$var ~|~*|!~|!~* regex`, `-f|-d|-e|-x path` and their
 * `!-` negations. Anything else is `invalid condition "<word>"` or, for a bad operator,
 * `unexpected "<op>" in condition`.
 */
import { ConfError } from "../../errors.js";
import type { ConfLoader } from "../../loader.js";
import { compileConfRegex } from "../../regex/nginx-regex.js";
import { compileComplexValue, defineRegexCaptures, useVariable } from "../../variables.js";
import type { FileTest, IfCondition } from "./script.js";

const FILE_TESTS: Readonly<Record<string, FileTest>> = { f: "file", d: "dir", e: "exists", x: "exec" };

function invalidCondition(word: string): ConfError {
  return new ConfError(`invalid condition "${word}"`, { code: "TSR_CONF_INVALID_VALUE" });
}

export function compileIfCondition(args: readonly string[], loader: ConfLoader): IfCondition {
  const words = args.slice();
  const first = words[0]!;
  if (!first.startsWith("(")) throw invalidCondition(first);
  let cur = 0;
  if (first.length === 1) cur = 1;
  else words[0] = first.slice(1);

  let last = words.length - 1;
  const lastWord = words[last]!;
  if (!lastWord.endsWith(")")) throw invalidCondition(lastWord);
  if (lastWord.length === 1) last--;
  else words[last] = lastWord.slice(0, -1);

  const word = words[cur]!;
  if (word.length > 1 && word.startsWith("$")) return variableCondition(words, cur, last, loader);
  if ((word.length === 2 && word[0] === "-") || (word.length === 3 && word.startsWith("!-"))) {
    if (cur + 1 !== last) throw invalidCondition(word);
    const path = compileComplexValue(words[last]!, loader);
    const test = FILE_TESTS[word[word.length - 1]!];
    if (test === undefined) throw invalidCondition(word);
    return { kind: "file", test, negate: word[0] === "!", path };
  }
  throw invalidCondition(word);
}

/** `$var`, `$var op value`: the name is everything after `$`, as written (`${uri}` is "{uri}"). */
function variableCondition(words: readonly string[], cur: number, last: number, loader: ConfLoader): IfCondition {
  const word = words[cur]!;
  if (cur !== last && cur + 2 !== last) throw invalidCondition(word);
  const written = word.slice(1);
  useVariable(loader, written);
  const name = written.toLowerCase();
  if (cur === last) return { kind: "variable", name };

  const op = words[cur + 1]!;
  const operand = words[last]!;
  if (op === "=" || op === "!=") {
    return { kind: "compare", name, negate: op === "!=", value: compileComplexValue(operand, loader) };
  }
  if (op === "~" || op === "~*" || op === "!~" || op === "!~*") {
    const regex = compileConfRegex(operand, { caseless: op.endsWith("*") });
    defineRegexCaptures(loader, regex.names);
    return { kind: "match", name, negate: op.startsWith("!"), regex };
  }
  throw new ConfError(`unexpected "${op}" in condition`, { code: "TSR_CONF_INVALID_VALUE" });
}
