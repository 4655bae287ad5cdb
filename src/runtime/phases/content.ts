/**
 * The content phase: the location's content handler. A `proxy_pass` location goes to the
 * proxy (src/runtime/proxy). TypeScript handlers are built on this engine by later work; until
 * they exist such a location answers 500 and says why in the error log, rather than pretending.
 */
import type { Request, Runtime } from "../context.js";
import { staticContent } from "../content/static.js";
import { proxyContent } from "../proxy/proxy-handler.js";
import { status, type PhaseResult } from "./result.js";

export async function contentPhase(rt: Runtime, r: Request): Promise<PhaseResult> {
  const handler = r.loc.ts.handlers.content;
  if (handler !== undefined) {
    r.log("error", `${handler.directive} handlers are not available in this build`);
    return status(500);
  }
  if (r.loc.proxyPass !== null && r.loc.proxyPass !== undefined) return proxyContent(rt, r);
  return staticContent(rt, r);
}
