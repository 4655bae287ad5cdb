import { describe, expect, test } from "vitest";
import { evaluateConditionals } from "../../src/runtime/content/conditional.js";
import { etagListMatches, staticEtag } from "../../src/runtime/content/etag.js";
import { parseHttpTime } from "../../src/runtime/content/http-time.js";

// The file nginx 1.22.1 answered these for: mtime Tue, 02 Jan 2024 03:04:05 GMT, 11 bytes.
const MTIME = 1704164645;
const ETAG = '"65937d25-b"';

describe("staticEtag", () => {
  test("mtime and size in lower-case hex", () => {
    expect(staticEtag(MTIME, 11)).toBe(ETAG);
    expect(staticEtag(0, 0)).toBe('"0-0"');
  });
  test("a time before 1970 wraps like nginx's unsigned print", () => {
    expect(staticEtag(-1, 5)).toBe('"ffffffffffffffff-5"');
  });
});

describe("parseHttpTime", () => {
  const valid: [string, number][] = [
    ["Tue, 02 Jan 2024 03:04:05 GMT", MTIME],
    ["Tuesday, 02-Jan-24 03:04:05 GMT", MTIME],
    ["Tue Jan  2 03:04:05 2024", MTIME],
    ["Tue Jan 2 03:04:05 2024", MTIME],
    ["Tue Jan 02 03:04:05 2024", MTIME],
    // nginx does not read the weekday nor anything after the seconds.
    ["Xyz, 02 Jan 2024 03:04:05 XYZ", MTIME],
    ["Tue, 02 Jan 2024 03:04:05", MTIME],
    ["Tue, 02 Jan 2024 03:04:05 GMTxxxxxxxx", MTIME],
    [", 02 Jan 2024 03:04:05 GMT", MTIME],
    ["Tue,02 Jan 2024 03:04:05 GMT", MTIME],
    ["Tue,    02 Jan 2024 03:04:05 GMT", MTIME],
    ["Thu, 01 Jan 1970 00:00:00 GMT", 0],
    ["Sunday, 06-Nov-94 08:49:37 GMT", 784111777],
    ["Sunday, 06-Nov-50 08:49:37 GMT", Date.UTC(2050, 10, 6, 8, 49, 37) / 1000],
    ["Thu, 29 Feb 2024 00:00:00 GMT", 1709164800],
    // Day 0 is the last day of the month before.
    ["Mon, 00 Jan 2024 00:00:00 GMT", 1703980800],
    // Months are told apart by as few letters as nginx looks at.
    ["Tue, 02 Jxx 2024 00:00:00 GMT", Date.UTC(2024, 6, 2) / 1000],
    ["Tue, 02 Max 2024 00:00:00 GMT", Date.UTC(2024, 4, 2) / 1000],
  ];
  for (const [text, want] of valid) test(`${text} → ${want}`, () => expect(parseHttpTime(text)).toBe(want));

  const invalid = [
    "",
    "garbage",
    "02 Jan 2024 03:04:05 GMT",
    "Tue, 2 Jan 2024 03:04:05 GMT",
    "Tue, 01 Jan 2024 27:04:05 GMT",
    "Tue, 01 Jan 2024 23:60:05 GMT",
    "Tue, 01 Jan 2024 23:59:60 GMT",
    "Tue, 02 Xyz 2024 03:04:05 GMT",
    "Tuesday, 02-Jan-2024 03:04:05 GMT",
    "Fri, 29 Feb 2099 00:00:00 GMT",
    "Fri, 29 Feb 2100 00:00:00 GMT",
    "Fri, 31 Apr 2096 00:00:00 GMT",
    "Tue, 02 Jan 2024 03:04",
    "Tue Jan  2 03:04:05 24",
    "Tue, 02-Jan 2024 03:04:05 GMT",
    "Tue, 02 Jan-2024 03:04:05 GMT",
    "Tue, 02 Jan 2024 03-04-05 GMT",
  ];
  for (const text of invalid) test(`${JSON.stringify(text)} is invalid`, () => expect(parseHttpTime(text)).toBeNull());
});

describe("etagListMatches", () => {
  test("exact entries in a list, with spaces and tabs", () => {
    expect(etagListMatches(ETAG, ETAG, false)).toBe(true);
    expect(etagListMatches(`"x", ${ETAG}`, ETAG, false)).toBe(true);
    expect(etagListMatches(`"x" ,\t${ETAG} `, ETAG, false)).toBe(true);
    expect(etagListMatches(`"x", "y"`, ETAG, false)).toBe(false);
    expect(etagListMatches(`${ETAG}x`, ETAG, false)).toBe(false);
    expect(etagListMatches(ETAG.slice(0, -1), ETAG, false)).toBe(false);
  });
  test("* alone matches anything, even no ETag", () => {
    expect(etagListMatches("*", null, false)).toBe(true);
    expect(etagListMatches("*, " + ETAG, null, false)).toBe(false);
  });
  test("W/ only for If-None-Match", () => {
    expect(etagListMatches(`W/${ETAG}`, ETAG, true)).toBe(true);
    expect(etagListMatches(`W/${ETAG}`, ETAG, false)).toBe(false);
  });
});

describe("evaluateConditionals", () => {
  const run = (h: Record<string, string>, mode: "off" | "exact" | "before" = "exact", etag: string | null = ETAG) =>
    evaluateConditionals((n) => h[n], { mtime: MTIME, etag }, mode);
  const LM = "Tue, 02 Jan 2024 03:04:05 GMT";
  const LATER = "Tue, 02 Jan 2024 03:04:06 GMT";
  const EARLIER = "Tue, 02 Jan 2024 03:04:04 GMT";

  test("no conditional headers", () => expect(run({})).toBe("send"));

  test("If-Modified-Since: exact, before, off", () => {
    expect(run({ "if-modified-since": LM })).toBe("not-modified");
    expect(run({ "if-modified-since": LATER })).toBe("send");
    expect(run({ "if-modified-since": EARLIER })).toBe("send");
    expect(run({ "if-modified-since": "garbage" })).toBe("send");
    expect(run({ "if-modified-since": LATER }, "before")).toBe("not-modified");
    expect(run({ "if-modified-since": EARLIER }, "before")).toBe("send");
    expect(run({ "if-modified-since": "garbage" }, "before")).toBe("send");
    expect(run({ "if-modified-since": LM }, "off")).toBe("send");
  });

  test("If-None-Match", () => {
    expect(run({ "if-none-match": ETAG })).toBe("not-modified");
    expect(run({ "if-none-match": `W/${ETAG}` })).toBe("not-modified");
    expect(run({ "if-none-match": "*" })).toBe("not-modified");
    expect(run({ "if-none-match": "*" }, "exact", null)).toBe("not-modified");
    expect(run({ "if-none-match": '"x"' })).toBe("send");
    expect(run({ "if-none-match": ETAG }, "exact", null)).toBe("send");
  });

  test("both validators must agree", () => {
    expect(run({ "if-none-match": '"x"', "if-modified-since": LM })).toBe("send");
    expect(run({ "if-none-match": ETAG, "if-modified-since": EARLIER })).toBe("send");
    expect(run({ "if-none-match": ETAG, "if-modified-since": LM })).toBe("not-modified");
  });

  test("If-Match and If-Unmodified-Since fail before anything else", () => {
    expect(run({ "if-match": ETAG })).toBe("send");
    expect(run({ "if-match": `W/${ETAG}` })).toBe("precondition-failed");
    expect(run({ "if-match": '"x"' })).toBe("precondition-failed");
    expect(run({ "if-match": "*" })).toBe("send");
    expect(run({ "if-match": '"x"', "if-none-match": "*" })).toBe("precondition-failed");
    expect(run({ "if-unmodified-since": LM })).toBe("send");
    expect(run({ "if-unmodified-since": LATER })).toBe("send");
    expect(run({ "if-unmodified-since": EARLIER })).toBe("precondition-failed");
    expect(run({ "if-unmodified-since": "junk" })).toBe("precondition-failed");
  });
});
