import { describe, expect, test } from "vitest";
import { LocationTree, type LocationKind, type LocationNode } from "../../src/runtime/location-tree.js";

type L = LocationNode<string>;

function loc(kind: LocationKind, name: string, children: L[] = [], autoRedirect = false): L {
  const re = kind === "regex" ? new RegExp(name) : undefined;
  const regex = re && {
    exec: (subject: string) => {
      const m = re.exec(subject);
      return m === null ? null : { captures: [...m] };
    },
  };
  const id = `${kind === "exact" ? "= " : kind === "noregex" ? "^~ " : kind === "regex" ? "~ " : ""}${name}`;
  return { kind, name, regex, autoRedirect, children, conf: id };
}

function find(tree: LocationTree<string>, uri: string): string {
  const r = tree.find(uri);
  if (r.kind === "none") return "none";
  if (r.kind === "redirect") return `301 ${r.node.name}`;
  return r.node.conf;
}

// The rules of nginx-conf.md §4.4, each verified against real nginx.
describe("location search", () => {
  test("exact wins over everything", () => {
    const t = new LocationTree([loc("prefix", "/a"), loc("exact", "/a"), loc("regex", "^/a")]);
    expect(find(t, "/a")).toBe("= /a");
    expect(find(t, "/ab")).toBe("~ ^/a");
  });

  test("longest prefix regardless of order; regexes checked after", () => {
    const t = new LocationTree([loc("prefix", "/a/b"), loc("prefix", "/a"), loc("regex", "c$")]);
    expect(find(t, "/a/b/x")).toBe("/a/b");
    expect(find(t, "/a/x")).toBe("/a");
    expect(find(t, "/a/b/c")).toBe("~ c$");
  });

  test("^~ on the longest prefix skips regexes; a shorter ^~ does not", () => {
    const t = new LocationTree([loc("noregex", "/a"), loc("prefix", "/a/b"), loc("regex", "b")]);
    expect(find(t, "/a/b")).toBe("~ b");
    expect(find(t, "/a/c")).toBe("^~ /a");
  });

  test("first regex in config order wins", () => {
    const t = new LocationTree([loc("regex", "/a"), loc("regex", "^/a/b$")]);
    expect(find(t, "/a/b")).toBe("~ /a");
  });

  test("nested locations: nested regex before outer regexes; nested ^~ only blocks its own level", () => {
    const t = new LocationTree([
      loc("prefix", "/a/", [loc("noregex", "/a/b/"), loc("regex", "nested$")]),
      loc("regex", "/a/b/c"),
    ]);
    expect(find(t, "/a/b/c")).toBe("~ /a/b/c");
    expect(find(t, "/a/x/nested")).toBe("~ nested$");
    expect(find(t, "/a/b/x")).toBe("^~ /a/b/");
  });

  test("static children of a regex location never match", () => {
    const t = new LocationTree([loc("regex", "/r", [loc("exact", "/r/e"), loc("regex", "e$")])]);
    expect(find(t, "/r/e")).toBe("~ e$");
    expect(find(t, "/r/x")).toBe("~ /r");
  });

  test("auto-redirect beats regexes, not an exact or equal prefix", () => {
    const t = new LocationTree([
      loc("prefix", "/d/", [], true),
      loc("regex", "^/d$"),
      loc("exact", "/e"),
      loc("prefix", "/e/", [], true),
      loc("prefix", "/f"),
      loc("prefix", "/f/", [], true),
    ]);
    expect(find(t, "/d")).toBe("301 /d/");
    expect(find(t, "/e")).toBe("= /e");
    expect(find(t, "/f")).toBe("/f");
  });

  test('location "" matches every URI; no match is "none"', () => {
    expect(find(new LocationTree([loc("prefix", "")]), "/anything")).toBe("");
    expect(find(new LocationTree([loc("prefix", "/x")]), "/y")).toBe("none");
  });

  test("named locations never match a URI but are found by name", () => {
    const t = new LocationTree([loc("named", "@n")]);
    expect(find(t, "/@n")).toBe("none");
    expect(t.findNamed("@n")?.name).toBe("@n");
  });
});
