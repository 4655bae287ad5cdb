/**
 * What two engines' answers are compared on: status, body and `Location`. Only what differs
 * by design is normalised: the server signature in built-in error pages (`server_tokens off`
 * makes it the bare product name) and the engine's own port in `Location`.
 */
import { headerValue } from "../../src/testing/http-response-parser.js";
import type { Answer } from "./keepalive-client.js";

export interface AnswerView {
  /** The status code, or `no response: <why>`. */
  readonly status: string;
  readonly location: string | null;
  /** latin1 text of the body. */
  readonly body: string;
}

const SIGNATURE = /<hr><center>(?:nginx|tsresty)<\/center>/g;

export function viewOf(answer: Answer, port: number): AnswerView {
  if (answer.kind === "failure") {
    return { status: `no response: ${answer.why}`, location: null, body: answer.partial.toString("latin1") };
  }
  const r = answer.response;
  const location = headerValue(r.headers, "location") ?? null;
  return {
    status: String(r.status),
    location: location === null ? null : withoutPort(location, port),
    body: r.body.toString("latin1").replace(SIGNATURE, "<hr><center>SERVER</center>"),
  };
}

/** `http://host:<port>/…` → `http://host:PORT/…`; only the authority's port is replaced. */
function withoutPort(location: string, port: number): string {
  return location.replace(new RegExp(`^([a-z]+://[^/?#]*):${port}(?=[/?#]|$)`, "i"), "$1:PORT");
}

export function sameView(a: AnswerView, b: AnswerView): boolean {
  return a.status === b.status && a.location === b.location && a.body === b.body;
}

/** One line per answer, bytes shown as JSON string escapes so control bytes stay visible. */
export function showView(v: AnswerView): string {
  const location = v.location === null ? "" : ` Location: ${JSON.stringify(v.location)}`;
  const body = v.body.length > 200 ? `${JSON.stringify(v.body.slice(0, 200))}…` : JSON.stringify(v.body);
  return `${v.status}${location} body ${body}`;
}
