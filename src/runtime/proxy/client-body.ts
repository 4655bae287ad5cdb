/**
 * Reading the client's request body before proxying, as nginx does by default
 * (proxy_request_buffering on): the whole body first, de-chunked, within
 * client_max_body_size; then the upstream request carries it with a Content-Length.
 */
import type { Request } from "../context.js";
import { RequestBodyError } from "../http/connection.js";
import { DONE, status, type PhaseResult } from "../phases/result.js";

/** The body (empty without one), or how the request ends instead. */
export async function readClientBody(r: Request): Promise<Buffer | PhaseResult> {
  if (r.body !== null) return r.body;
  const limit = r.loc.clientMaxBodySize > 0 ? r.loc.clientMaxBodySize : Number.MAX_SAFE_INTEGER;
  let body: Buffer | "too-large";
  try {
    body = await r.ex.readBody(limit);
  } catch (e) {
    // A body the engine could not frame ("client sent invalid chunked body"): nginx answers 400.
    if (e instanceof RequestBodyError) {
      r.log("error", e.message);
      return status(e.status);
    }
    // The client went away or stopped sending (client_body_timeout): nothing can be answered.
    // nginx logs a close at info and nothing for a time-out; the access log says 400 or 408.
    const timedOut = /timed out/.test((e as Error).message);
    if (!timedOut) r.log("info", "client prematurely closed connection");
    r.status = timedOut ? 408 : 400;
    r.ex.destroy();
    return DONE;
  }
  if (body === "too-large") {
    r.log("error", tooLargeMessage(r, limit));
    return status(413);
  }
  r.body = body;
  return body;
}

/**
 * nginx names the chunk that would pass the limit: "5+5 bytes" is 5 bytes read, then a chunk of
 * 5. A body refused within the limit passed what tsresty keeps in memory (plan/body-memory.ts),
 * which nginx would have written to a temp file: the line says so after nginx's words.
 */
function tooLargeMessage(r: Request, limit: number): string {
  const d = r.ex.decoder;
  const crossing = d?.crossing(limit) ?? null;
  if (crossing !== null) return `client intended to send too large chunked body: ${crossing.before}+${crossing.size} bytes`;
  const size = r.ex.bodyLength > 0 ? r.ex.bodyLength : (d?.received ?? 0);
  const text = `client intended to send too large body: ${size} bytes`;
  if (d === null || size <= d.cap || size > limit) return text;
  return `${text} (tsresty keeps at most ${d.cap} bytes of a request body in memory)`;
}
