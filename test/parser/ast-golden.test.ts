/**
 * AST golden files: `test/golden/ast/<name>.conf` parsed, compared with `<name>.json` — the
 * statements nginx's lexer would hand to its directive handlers (name, args, the line of the
 * terminating `;`/`{`, the first word's line, the closing `}`'s line, nested blocks) and the
 * error statement a syntax error leaves in place. Most token values never show in `nginx -t`
 * output, so these were checked by hand against nginx-conf.md §1.3 (runtime-verified values).
 * `.conf` files are bytes: the JSON spells them as latin1 code points (`\u00e9` = byte 0xE9).
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import type { ConfStatement } from "../../src/parser/ast.js";
import { parseConfText } from "../../src/parser/parser.js";

const AST_DIR = new URL("../golden/ast/", import.meta.url).pathname;

type Projected =
  | { error: string; line: number }
  | {
      name: string;
      args: readonly string[];
      line: number;
      startLine: number;
      endLine?: number;
      block?: Projected[];
      tsBody?: { text: string; line: number; endLine: number };
    };

/** The AST without what the JSON cannot know (the absolute file path) or need not repeat. */
function project(statements: readonly ConfStatement[]): Projected[] {
  return statements.map((s): Projected => {
    if (s.kind === "error") return { error: s.message, line: s.line };
    const p: Projected = { name: s.name, args: s.args, line: s.line, startLine: s.startLine };
    if (s.block !== undefined) {
      if (s.endLine !== undefined) p.endLine = s.endLine;
      p.block = project(s.block);
    }
    if (s.tsBody !== undefined) p.tsBody = { ...s.tsBody };
    return p;
  });
}

function filesOf(statements: readonly ConfStatement[], out = new Set<string>()): Set<string> {
  for (const s of statements) {
    out.add(s.file);
    if (s.kind === "directive" && s.block !== undefined) filesOf(s.block, out);
  }
  return out;
}

const names = readdirSync(AST_DIR)
  .filter((f) => f.endsWith(".conf"))
  .map((f) => f.slice(0, -".conf".length))
  .sort();

describe("AST golden files", () => {
  test("the corpus is there", () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
  });

  for (const name of names) {
    test(name, () => {
      const file = `${AST_DIR}${name}.conf`;
      const parsed = parseConfText(readFileSync(file, "latin1"), file);
      const expected = JSON.parse(readFileSync(`${AST_DIR}${name}.json`, "utf8")) as unknown;
      expect(project(parsed.statements)).toEqual(expected);
      expect([...filesOf(parsed.statements)].every((f) => f === file)).toBe(true);
    });
  }
});
