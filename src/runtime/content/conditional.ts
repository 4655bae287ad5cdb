/**
 * Conditional requests on a 200 response (nginx's not_modified filter): If-Unmodified-Since
 * and If-Match can fail the request (412); If-Modified-Since and If-None-Match can turn it into
 * 304. Verified against nginx 1.22:
 *
 * - a date nginx cannot parse counts as -1: If-Unmodified-Since then fails, If-Modified-Since
 *   (`exact` or `before`) never matches;
 * - `if_modified_since exact` wants the same second, `before` also takes a later date, `off`
 *   ignores the header;
 * - with both If-Modified-Since and If-None-Match, both must say "not modified".
 */
import { etagListMatches } from "./etag.js";
import { parseHttpTime } from "./http-time.js";

export type ConditionalOutcome = "send" | "not-modified" | "precondition-failed";

export interface Validators {
  /** Modification time in seconds; `null` when the response has no Last-Modified. */
  readonly mtime: number | null;
  readonly etag: string | null;
}

/** Request header by lower-case name (the first one sent). */
export type HeaderLookup = (name: string) => string | undefined;

/** nginx's NGX_ERROR for an unparsable date. */
function timeOrMinusOne(value: string): number {
  return parseHttpTime(value) ?? -1;
}

function unmodifiedSince(value: string, mtime: number | null): boolean {
  return mtime !== null && timeOrMinusOne(value) >= mtime;
}

function modifiedSince(value: string, mtime: number | null, mode: "off" | "exact" | "before"): boolean {
  if (mtime === null || mode === "off") return true;
  const since = timeOrMinusOne(value);
  if (since === mtime) return false;
  return mode === "exact" || since < mtime;
}

export function evaluateConditionals(header: HeaderLookup, v: Validators, ifModifiedSince: "off" | "exact" | "before"): ConditionalOutcome {
  const ius = header("if-unmodified-since");
  if (ius !== undefined && !unmodifiedSince(ius, v.mtime)) return "precondition-failed";
  const im = header("if-match");
  if (im !== undefined && !etagListMatches(im, v.etag, false)) return "precondition-failed";

  const ims = header("if-modified-since");
  const inm = header("if-none-match");
  if (ims === undefined && inm === undefined) return "send";
  if (ims !== undefined && modifiedSince(ims, v.mtime, ifModifiedSince)) return "send";
  if (inm !== undefined && !etagListMatches(inm, v.etag, true)) return "send";
  return "not-modified";
}
