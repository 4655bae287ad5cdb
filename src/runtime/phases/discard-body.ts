/**
 * Dropping a request body nobody reads, as nginx's ngx_http_discard_request_body does before a
 * handler answers without it (`return` with a text or a code below 400, a static file, a special
 * response). What arrived of a chunked body so far is parsed then: broken framing is "client
 * sent invalid chunked body", logged at error — no client_max_body_size applies to a dropped
 * body. A body is read or dropped once, so the line is written once.
 */
import type { Request } from "../context.js";

/** False when the body's framing broke: the caller answers 400, or keeps its error status. */
export function discardBody(r: Request): boolean {
  const broken = r.ex.discardBody();
  if (broken === null) return true;
  r.log("error", broken.message);
  return false;
}
