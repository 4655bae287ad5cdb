/**
 * mergeLevels: each level's frozen settings = its own slots over what its parent passes down
 * ("inherit" slots) over the defaults — and the shortcuts that keep it fast on 10,000
 * locations (shared objects for levels that set nothing) change none of that.
 */
import { describe, expect, test } from "vitest";
import type { ConfDirective } from "../../src/parser/ast.js";
import { ConfLevel } from "../../src/directives/level.js";
import { mergeLevels } from "../../src/directives/merge.js";
import type { DirectiveSpec } from "../../src/directives/types.js";

const d: ConfDirective = { kind: "directive", name: "x", args: [], file: "/t.conf", line: 1, startLine: 1 };
const noop = () => undefined;
const specs: DirectiveSpec[] = [
  { name: "timeout", contexts: ["any"], args: [1], set: noop, default: 60 },
  { name: "root", contexts: ["any"], args: [1], set: noop },
  { name: "listen", contexts: ["any"], args: [1], set: noop, merge: "none" },
  { name: "list", contexts: ["any"], args: [1], set: noop, default: [] },
];

function tree() {
  const main = new ConfLevel("main", "main", null, null);
  const http = new ConfLevel("http", "http", main, d);
  const server = new ConfLevel("server", "server", http, d);
  const a = new ConfLevel("location", "location", server, d);
  const b = new ConfLevel("location", "location", server, d);
  const nested = new ConfLevel("location", "location", a, d);
  return { main, http, server, a, b, nested };
}

describe("mergeLevels", () => {
  test("defaults, inheritance, overrides", () => {
    const t = tree();
    t.http.set("timeout", 10, d);
    t.server.set("listen", "127.0.0.1:80", d);
    t.server.set("root", "/srv", d);
    t.a.set("timeout", 5, d);
    t.b.set("list", ["x"], d);
    mergeLevels(t.main, specs);
    expect(t.main.settings.timeout).toBe(60);
    expect(t.http.settings.timeout).toBe(10);
    expect(t.server.settings).toMatchObject({ timeout: 10, root: "/srv", listen: "127.0.0.1:80" });
    expect(t.a.settings).toMatchObject({ timeout: 5, root: "/srv", list: [] });
    expect(t.nested.settings).toMatchObject({ timeout: 5, root: "/srv" });
    expect(t.b.settings).toMatchObject({ timeout: 10, list: ["x"] });
    expect(t.main.settings.root).toBeUndefined();
  });

  test("a merge: none slot stays on its level", () => {
    const t = tree();
    t.server.set("listen", "127.0.0.1:80", d);
    mergeLevels(t.main, specs);
    expect(t.server.settings.listen).toBe("127.0.0.1:80");
    expect(t.a.settings.listen).toBeUndefined();
    expect("listen" in t.a.settings).toBe(false);
  });

  test("everything is frozen, values included", () => {
    const t = tree();
    t.a.set("list", [{ k: 1 }], d);
    mergeLevels(t.main, specs);
    for (const level of Object.values(t)) expect(Object.isFrozen(level.settings)).toBe(true);
    const list = t.nested.settings.list as { k: number }[];
    expect(Object.isFrozen(list)).toBe(true);
    expect(Object.isFrozen(list[0])).toBe(true);
    expect(Object.isFrozen(t.main.settings.list)).toBe(true);
  });

  test("a level that sets nothing sees exactly its parent's values", () => {
    const t = tree();
    t.a.set("root", "/a", d);
    mergeLevels(t.main, specs);
    expect(t.nested.settings).toEqual(t.a.settings);
    expect(t.b.settings).toEqual(t.server.settings);
  });

  test("merging twice gives the same result", () => {
    const t = tree();
    t.a.set("timeout", 1, d);
    mergeLevels(t.main, specs);
    const first = { ...t.nested.settings };
    mergeLevels(t.main, specs);
    expect(t.nested.settings).toEqual(first);
  });
});
