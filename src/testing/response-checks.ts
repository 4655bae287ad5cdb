// Response checks (spec-format.md §4): error_code, response_body(_like/_unlike),
// response_headers(_like), raw_response_headers_like.

import type { ResolvedBlock } from "./block-resolver.js";
import type { CheckFailure } from "./check-failure.js";
import { show } from "./check-failure.js";
import type { SectionName } from "./section-names.js";
import type { HttpResponse } from "./http-response-parser.js";
import { headerValue } from "./http-response-parser.js";
import {
  entryFor,
  exactOrPatterns,
  ExpectationError,
  headerLines,
  patterns,
} from "./expectations.js";
import type { SectionValue } from "./section-value.js";

type Check = (value: SectionValue, response: HttpResponse) => Omit<CheckFailure, "place" | "check"> | undefined;

const CHECKS: readonly (readonly [SectionName, Check])[] = [
  ["error_code", checkStatus],
  ["response_headers", checkHeaders],
  ["response_headers_like", checkHeadersLike],
  ["raw_response_headers_like", checkRawHeadersLike],
  ["response_body", checkBody],
  ["response_body_like", (v, r) => checkBodyLike(v, r, true)],
  ["response_body_unlike", (v, r) => checkBodyLike(v, r, false)],
];

/**
 * Checks the responses of one repeat. `responses[i]` belongs to request i (undefined when none
 * came back). The status check defaults to 200 unless the block ignores its response.
 */
export function checkResponses(
  block: ResolvedBlock,
  responses: readonly (HttpResponse | undefined)[],
  repeat: number,
  clientGaveUp: boolean,
): CheckFailure[] {
  if (block.get("ignore_response")) return [];
  const failures: CheckFailure[] = [];
  const count = block.requestCount;
  for (let request = 0; request < count; request++) {
    const index = count > 1 ? request : repeat;
    const response = responses[request];
    for (const [name, check] of CHECKS) {
      const section = block.get(name);
      // Without an error_code section, 200 is asserted — except when the test expects the
      // client to give up (abort) and nothing came back.
      if (!section && !(name === "error_code" && !(clientGaveUp && block.abort))) continue;
      const place = section?.section.place ?? block.block.place;
      if (!response) {
        failures.push({ place, check: name, message: "no response was received", repeat, request, requests: count });
        break;
      }
      try {
        const value = section ? entryFor(section, index) : ({ kind: "text", text: "200" } as const);
        const failure = check(value, response);
        if (failure) failures.push({ place, check: name, repeat, request, requests: count, ...failure });
      } catch (e) {
        if (!(e instanceof ExpectationError)) throw e;
        failures.push({ place, check: name, message: e.message, repeat, request, requests: count });
      }
    }
    if (response?.truncated && !block.abort) {
      failures.push({
        place: block.block.place,
        check: "client",
        message: `truncated response: ${response.truncated}`,
        actual: show(response.rawHeaders + response.body.toString("utf8")),
        repeat,
        request,
        requests: count,
      });
    }
  }
  return failures;
}

function checkStatus(v: SectionValue, r: HttpResponse): ReturnType<Check> {
  const raw = v.kind === "text" ? v.text.trim() : v.kind === "json" ? String(v.value) : undefined;
  if (raw === undefined || !/^\d{3}$/.test(raw)) throw new ExpectationError(`wants a 3-digit status, got ${raw ?? v.kind}`);
  if (r.status === Number(raw)) return undefined;
  return { message: "wrong status", expected: raw, actual: `${r.status} (${show(r.rawHeaders.split(/\r?\n/)[0] ?? "")})` };
}

function checkBody(v: SectionValue, r: HttpResponse): ReturnType<Check> {
  const expected = exactOrPatterns(v, "s");
  if ("exact" in expected) {
    if (expected.exact.equals(r.body)) return undefined;
    return { message: "body differs", expected: show(expected.exact), actual: show(r.body) };
  }
  return firstMismatch(expected.patterns, r.body.toString("utf8"), true);
}

function checkBodyLike(v: SectionValue, r: HttpResponse, like: boolean): ReturnType<Check> {
  return firstMismatch(patterns(v, "s"), r.body.toString("utf8"), like);
}

function firstMismatch(list: readonly RegExp[], text: string, like: boolean): ReturnType<Check> {
  for (const re of list) {
    if (bodyMatches(re, text) !== like) {
      return { message: like ? "body does not match" : "body matches but must not", expected: `${like ? "" : "not "}${re}`, actual: show(text) };
    }
  }
  return undefined;
}

/**
 * Body regexes see a final newline the way Perl's `$` does (Test::Nginx is Perl): `^ok$` matches
 * "ok\n" as well as "ok", so `ngx.say` output checks port unchanged. JavaScript's `$` alone only
 * matches at the very end, hence the second try without the final newline.
 */
function bodyMatches(re: RegExp, text: string): boolean {
  return re.test(text) || (text.endsWith("\n") && re.test(text.slice(0, -1)));
}

function checkHeaders(v: SectionValue, r: HttpResponse): ReturnType<Check> {
  for (const line of headerLines(v)) {
    if (line.startsWith("!")) {
      const name = line.slice(1).trim();
      const actual = headerValue(r.headers, name);
      if (actual !== undefined) return { message: `header ${name} must be absent`, expected: "absent", actual: show(`${name}: ${actual}`) };
      continue;
    }
    const [name, value] = splitHeaderLine(line);
    const actual = headerValue(r.headers, name);
    // "Name:" with nothing after it means absent or empty, as in Test::Nginx.
    if (value === "" ? actual === undefined || actual === "" : actual === value) continue;
    return { message: `header ${name} differs`, expected: show(value), actual: actual === undefined ? "absent" : show(actual) };
  }
  return undefined;
}

function checkHeadersLike(v: SectionValue, r: HttpResponse): ReturnType<Check> {
  for (const line of headerLines(v)) {
    const [name, source] = splitHeaderLine(line);
    const actual = headerValue(r.headers, name);
    const re = new RegExp(source);
    if (actual !== undefined && re.test(actual)) continue;
    return { message: `header ${name} does not match`, expected: String(re), actual: actual === undefined ? "absent" : show(actual) };
  }
  return undefined;
}

function checkRawHeadersLike(v: SectionValue, r: HttpResponse): ReturnType<Check> {
  for (const re of patterns(v, "")) {
    if (!re.test(r.rawHeaders)) return { message: "raw headers do not match", expected: String(re), actual: show(r.rawHeaders) };
  }
  return undefined;
}

function splitHeaderLine(line: string): [string, string] {
  const colon = line.indexOf(":");
  if (colon <= 0) throw new ExpectationError(`header line "${line}" is not "Name: value"`);
  return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
}

