/**
 * nginx's "too long parameter" depends on where its 4096-byte read buffer happens to end
 * (src/parser/conf-buffer.ts). These confs put long words, quoted words, comments and runs of
 * spaces across the first and second buffer boundaries, and real nginx must print the same
 * first error for each (the golden cases lex_word_* and lex_buffer_* pin a few of them).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { parseConfText } from "../../src/parser/parser.js";
import { CONF_BUFFER } from "../../src/parser/lexer-rules.js";
import { run } from "../cli/cli-harness.js";
import { describeWithNginx } from "../testing/nginx-peer.js";
import { main } from "../../src/cli/main.js";
import type { Reporter } from "../../src/cli/report.js";

/** Confs around the boundaries: `env` arguments so that nginx accepts whatever is short enough. */
function boundaryConfs(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const head = "events {}\n";
  for (const pad of [0, 1, 5, 9, 10, 11, 40]) {
    const lead = head + "#".padEnd(pad, "-") + "\nenv ";
    for (const delta of [-2, -1, 0, 1]) {
      // The word runs up to (or just past) the first buffer end, counted from its own start.
      const len = CONF_BUFFER - lead.length + delta + 4;
      for (const [kind, open, close] of [
        ["unquoted", "", ""],
        ["double", '"', '"'],
        ["single", "'", "'"],
      ] as const) {
        for (const [tail, after] of [
          ["semicolon", ";\n"],
          ["space", " x;\n"],
          ["newline", "\n;\n"],
        ] as const) {
          const word = open + "w".repeat(Math.max(1, len)) + close;
          out.push({ name: `pad${pad} len${delta} ${kind} ${tail}`, text: lead + word + after + "pid x;\n".repeat(2) });
        }
      }
    }
    // Second refill: a word of ~4090 bytes that starts where the first refill kept bytes.
    out.push({ name: `pad${pad} second refill`, text: lead + "a".repeat(3000) + ";\nenv " + "b".repeat(4092) + " c;\n" });
    out.push({ name: `pad${pad} long comment`, text: head + "#".repeat(pad + 4090) + "\nfoo;\n" });
    out.push({ name: `pad${pad} spaces`, text: head + " ".repeat(pad + 5000) + "foo;\n" });
    // A problem inside a statement stops nginx's reader: a word too long for the buffer after
    // it is never read, one before it is met first.
    const long = "w".repeat(pad + 4200);
    for (const [what, bad] of [
      ["stray semicolon", ";\n"],
      ["stray brace", "{\n"],
      ["words cut by }", "env a }\n"],
      ["byte after quote", 'env "a"b;\n'],
    ] as const) {
      out.push({ name: `pad${pad} ${what} then long word`, text: lead + "x;\n" + bad + "env " + long + ";\n" });
      out.push({ name: `pad${pad} long word then ${what}`, text: lead + long + ";\n" + bad });
    }
  }
  return out;
}

const cases = boundaryConfs();

describe("the buffer rule in the parser", () => {
  test("a word that ends with ; right at the buffer end fits", () => {
    const text = "env " + "w".repeat(CONF_BUFFER - 1) + ";\nenv y;\n";
    const st = parseConfText(text, "/x.conf").statements;
    expect(st.map((s) => s.kind)).toEqual(["directive", "directive"]);
  });

  test("the same word followed by a space and more fails where the word started", () => {
    const text = "\nenv " + "w".repeat(CONF_BUFFER - 1) + " x;\n" + "env y;\n".repeat(600);
    const st = parseConfText(text, "/x.conf").statements;
    expect(st).toEqual([{ kind: "error", message: 'too long parameter "wwwwwwwwww..." started', file: "/x.conf", line: 2 }]);
  });

  test("-g strings have no buffer limit", async () => {
    const st = parseConfText("env " + "w".repeat(3 * CONF_BUFFER) + ";", "command line").statements;
    expect(st[0]).toMatchObject({ kind: "directive", name: "env" });
  });
});

const prefixes: string[] = [];
afterAll(() => {
  for (const p of prefixes) rmSync(p, { recursive: true, force: true });
});

function prefix(): string {
  const p = mkdtempSync(join(tmpdir(), "tsresty-buffer-"));
  mkdirSync(join(p, "conf"));
  mkdirSync(join(p, "logs"));
  prefixes.push(p);
  return p;
}

function firstError(text: string): string {
  const m = /^(?:nginx|tsresty): \[(?:emerg|alert|crit|error)\] .*$/m.exec(text);
  return m === null ? "ok" : m[0].replace(/^nginx: /, "tsresty: ");
}

describeWithNginx("nginx agrees at every buffer boundary", (nginx) => {
  test(`${cases.length} confs`, async () => {
    const ours = prefix();
    const theirs = prefix();
    const mismatches: string[] = [];
    for (const c of cases) {
      writeFileSync(join(theirs, "conf/nginx.conf"), c.text, "latin1");
      const n = await run(nginx, ["-t", "-p", `${theirs}/`, "-c", "conf/nginx.conf", "-e", "logs/error.log"], theirs);
      writeFileSync(join(ours, "conf/nginx.conf"), c.text, "latin1");
      const lines: string[] = [];
      const out: Reporter = { stderr: (l) => lines.push(l), stdout: () => undefined, log: (lv, m) => lines.push(`tsresty: [${lv}] ${m}`) };
      await main(["-t", "-p", `${ours}/`, "-c", "conf/nginx.conf"], out);
      const expected = firstError(n.stderr.split(theirs).join("<P>"));
      const got = firstError(lines.join("\n").split(ours).join("<P>"));
      if (got !== expected) mismatches.push(`${c.name}\n  nginx:   ${expected}\n  tsresty: ${got}`);
    }
    expect(mismatches).toEqual([]);
  }, 60_000);
});
