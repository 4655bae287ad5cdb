// What the client sends for a block: `request` (one connection per request), `pipelined_requests`
// (one keep-alive connection) or `raw_request` (bytes as written, possibly in several packets).

import type { ResolvedSection } from "./block-resolver.js";
import { toBytes } from "./section-value.js";
import type { SectionName } from "./section-names.js";
import {
  buildRequest,
  parseHeaderLines,
  parseRequestText,
  RequestSyntaxError,
  type HttpRequestSpec,
} from "./http-request-builder.js";

/** One client connection: what to write, and what the response parser needs to know. */
export interface ConnectionPlan {
  readonly packets: readonly Buffer[];
  /** Method of each request on the connection, in order (HEAD responses have no body). */
  readonly methods: readonly string[];
  /** How many responses to expect before the exchange may end without a close; undefined: unknown. */
  readonly expectedResponses: number | undefined;
}

type Getter = (name: SectionName) => ResolvedSection | undefined;
type Fail = (name: SectionName, why: string) => never;

export function planConnections(get: Getter, fail: Fail): { connections: ConnectionPlan[]; requestCount: number } {
  const given = (["request", "pipelined_requests", "raw_request"] as const).filter((n) => get(n));
  if (given.length > 1) fail(given[1]!, `cannot be combined with "${given[0]}"`);

  const moreHeaders = (): [string, string][] => {
    const r = get("more_headers");
    if (!r) return [];
    const lines =
      r.value.kind === "lines" ? r.value.lines : r.value.kind === "text" ? r.value.text.split("\n").filter((l) => l.trim() !== "") : fail("more_headers", "wants Name: value lines");
    try {
      return parseHeaderLines(lines);
    } catch (e) {
      return fail("more_headers", (e as Error).message);
    }
  };
  const parse = (name: SectionName, raw: string | Buffer, fromSection: boolean): HttpRequestSpec => {
    try {
      return parseRequestText(raw, fromSection);
    } catch (e) {
      if (e instanceof RequestSyntaxError) fail(name, e.message);
      throw e;
    }
  };
  const build = (spec: HttpRequestSpec, keepAlive: boolean, headers: [string, string][]): Buffer =>
    buildRequest(spec, { moreHeaders: headers, keepAlive, host: "localhost" });

  const request = get("request");
  if (request) {
    const headers = moreHeaders();
    const v = request.value;
    let specs: HttpRequestSpec[];
    if (v.kind === "json" && Array.isArray(v.value)) {
      specs = v.value.map((r) => (typeof r === "string" ? parse("request", r, false) : fail("request", "json array entries must be strings")));
    } else if (v.kind === "json" && typeof v.value === "string") specs = [parse("request", v.value, false)];
    else if (v.kind === "text") specs = [parse("request", v.text, true)];
    else if (v.kind === "bytes") specs = [parse("request", v.bytes, true)];
    else return fail("request", `wants text or a json string/array, got a ${v.kind} value`);
    if (specs.length === 0) fail("request", "the json array is empty");
    return {
      connections: specs.map((s) => ({ packets: [build(s, false, headers)], methods: [s.method], expectedResponses: 1 })),
      requestCount: specs.length,
    };
  }

  const pipelined = get("pipelined_requests");
  if (pipelined) {
    const v = pipelined.value;
    if (v.kind !== "json" || !Array.isArray(v.value) || v.value.length === 0 || !v.value.every((r) => typeof r === "string")) {
      return fail("pipelined_requests", 'wants a non-empty json array of request strings (use "--- pipelined_requests json")');
    }
    const headers = moreHeaders();
    const specs = (v.value as string[]).map((r) => parse("pipelined_requests", r, false));
    const packet = Buffer.concat(specs.map((s, i) => build(s, i < specs.length - 1, headers)));
    return {
      connections: [{ packets: [packet], methods: specs.map((s) => s.method), expectedResponses: specs.length }],
      requestCount: specs.length,
    };
  }

  const raw = get("raw_request");
  if (raw) {
    if (get("more_headers")) fail("more_headers", "does not apply to raw_request (write the headers into it)");
    const v = raw.value;
    let packets: Buffer[];
    if (v.kind === "json" && Array.isArray(v.value)) {
      packets = v.value.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : fail("raw_request", "json array entries must be strings")));
    } else {
      packets = [toBytes(v) ?? fail("raw_request", `wants text, bytes or a json array, got a ${v.kind} value`)];
    }
    // The first word tells whether the (first) response has a body; later pipelined requests
    // inside raw bytes are taken as non-HEAD.
    const method = /^[A-Z]+/.exec(Buffer.concat(packets).subarray(0, 16).toString("latin1"))?.[0] ?? "GET";
    return { connections: [{ packets, methods: [method], expectedResponses: undefined }], requestCount: 1 };
  }

  if (get("more_headers")) fail("more_headers", "needs a request or pipelined_requests section");
  return { connections: [], requestCount: 0 };
}
