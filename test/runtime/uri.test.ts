import { describe, expect, test } from "vitest";
import { normalizeUri, splitTarget } from "../../src/runtime/uri.js";

// Expectations from nginx-conf.md §4.6 (each verified against nginx 1.22.1).
describe("normalizeUri", () => {
  const cases: [string, boolean, string | null][] = [
    ["/a/b", true, "/a/b"],
    ["/a%2Fb", true, "/a/b"],
    ["/a%2fb", true, "/a/b"],
    ["/%2F/", true, "/"],
    ["//a//b", true, "/a/b"],
    ["//a//b", false, "//a//b"],
    ["/a/./b", true, "/a/b"],
    ["/a/b/.", true, "/a/b/"],
    ["/a/b/..", true, "/a/"],
    ["/x/..", true, "/"],
    ["/a/../b", true, "/b"],
    ["/..", true, null],
    ["/../a", true, null],
    ["/a/../..", true, null],
    ["/%2e%2e", true, null],
    ["/a/...", true, "/a/..."],
    ["/a/.b", true, "/a/.b"],
    ["/a/b.", true, "/a/b."],
    ["/a%3Fb", true, "/a?b"],
    ["/a%23b", true, "/a#b"],
    ["/a%25b", true, "/a%b"],
    ["/a%00b", true, null],
    ["/a%zz", true, null],
    ["/a%4", true, null],
    ["/a%", true, null],
    ["/a/b+c", true, "/a/b+c"],
    ["/caf%C3%A9", true, "/caf\xc3\xa9"],
    ["/a//..", false, "/a/"],
    ["a", true, null],
  ];
  for (const [raw, merge, want] of cases) {
    test(`${raw} (merge_slashes ${merge ? "on" : "off"})`, () => {
      expect(normalizeUri(raw, merge)).toBe(want);
    });
  }
});

describe("splitTarget", () => {
  test("? ends the path, # ends path or args", () => {
    expect(splitTarget("/a?b=1")).toEqual({ path: "/a", args: "b=1", hasArgs: true });
    expect(splitTarget("/a#frag?x")).toEqual({ path: "/a", args: "", hasArgs: false });
    expect(splitTarget("/a?x=1#f")).toEqual({ path: "/a", args: "x=1", hasArgs: true });
    expect(splitTarget("/a?")).toEqual({ path: "/a", args: "", hasArgs: true });
  });
});
