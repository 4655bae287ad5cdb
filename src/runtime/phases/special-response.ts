/**
 * Finishing a request with a status (nginx's ngx_http_special_response_handler): `error_page`
 * redirects (internal, named, or to a URL), nginx's built-in pages, 444 (close without a
 * response) and the empty responses of codes that have no page.
 */
import type { Request, Runtime } from "../context.js";
import { defaultPage, hasDefaultPage } from "../http/status.js";
import { evaluate } from "../variables/evaluate.js";
import { sendResponse, serverSignature } from "./respond.js";
import { discardBody } from "./discard-body.js";
import { DONE, type PhaseResult } from "./result.js";

const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);

/**
 * Decides what a status turns into: an error_page redirect (returned for the phase runner to
 * follow), or a response sent here (then `done`).
 */
export async function specialResponse(rt: Runtime, r: Request, status: number): Promise<PhaseResult> {
  if (r.ex.headSent) return DONE;
  if (status === 444) {
    r.status = 444;
    r.ex.destroy();
    return DONE;
  }
  // A status an earlier error_page imposed does not stick to this new response.
  r.errStatus = 0;
  const page = status >= 300 ? r.loc.errorPages.get(status) : undefined;
  if (page !== undefined && (r.errorPageDepth === 0 || r.loc.recursiveErrorPages)) {
    r.errorPageDepth++;
    const target = evaluate(page.target, r);
    if (page.overwrite > 0) r.errStatus = page.overwrite;
    else if (page.overwrite < 0) r.errStatus = status;
    else r.errStatus = 0;
    if (target.startsWith("@")) {
      if (r.method !== "HEAD") r.methodOverride = "GET";
      return { kind: "named", name: target };
    }
    if (target.startsWith("/")) {
      if (r.method !== "HEAD") r.methodOverride = "GET";
      const q = target.indexOf("?");
      const uri = q === -1 ? target : target.slice(0, q);
      const args = q === -1 ? page.args : target.slice(q + 1);
      return { kind: "redirect", uri, args };
    }
    r.location = target;
    const code = REDIRECT_CODES.has(page.overwrite) ? page.overwrite : 302;
    r.errStatus = 0;
    return sendPage(rt, r, code);
  }
  // nginx drops an unread body here, after the error_page check: a broken one is logged, and
  // the status stands (the connection closes after it).
  discardBody(r);
  return sendPage(rt, r, status);
}

async function sendPage(rt: Runtime, r: Request, status: number): Promise<PhaseResult> {
  if (status < 300 && status !== 204) {
    await sendResponse(rt, r, { status, body: "" });
  } else if (status === 204 || !hasDefaultPage(r.errStatus > 0 ? r.errStatus : status)) {
    await sendResponse(rt, r, { status, body: status === 204 ? null : "", contentType: null });
  } else {
    // 494 ("Request Header Or Cookie Too Large") is sent as 400 with its own page.
    const code = r.errStatus > 0 ? r.errStatus : status;
    const shown = status === 494 ? 400 : status;
    await sendResponse(rt, r, { status: shown, body: defaultPage(code, serverSignature(r)), contentType: "text/html" });
  }
  return DONE;
}
