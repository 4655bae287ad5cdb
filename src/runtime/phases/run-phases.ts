/**
 * The phase runner: nginx's phases in order for one request — server rewrite, location search,
 * rewrite (searching again after `rewrite … last`), access, try_files, content — and the
 * restarts that internal redirects, named locations and error pages cause (at most 10 URI
 * changes, then 500 "rewrite or internal redirection cycle").
 */
import { checkAccess } from "../../directives/modules/access.js";
import type { Request, Runtime } from "../context.js";
import { escapeUri } from "../escape-uri.js";
import type { LocationPlan } from "../plan/location-plan.js";
import { contentPhase } from "./content.js";
import { sendResponse } from "./respond.js";
import { NEXT, status, type PhaseResult } from "./result.js";
import { runScript, type ScriptOutcome } from "./rewrite-script.js";
import { specialResponse } from "./special-response.js";
import { tryFilesPhase } from "./try-files.js";

type Start = { readonly at: "server-rewrite" } | { readonly at: "find-config" } | { readonly at: "named"; readonly loc: LocationPlan };

/** Turns a script outcome into the next step; `null` means "go on in this location". */
async function afterScript(rt: Runtime, r: Request, out: ScriptOutcome): Promise<PhaseResult | "search" | null> {
  switch (out.kind) {
    case "end":
      return out.uriChanged ? "search" : null;
    case "last":
      return "search";
    case "break":
      return null;
    case "status":
      return status(out.status);
    case "body":
      await sendResponse(rt, r, { status: out.status, body: out.body });
      return { kind: "done" };
  }
}

/** Location search: sets `r.loc` (and captures); a result when it answers by itself. */
function findConfig(r: Request): PhaseResult | null {
  const found = r.server.tree.find(r.uri);
  r.validLocation = true;
  if (found.kind === "none") {
    r.loc = r.server.conf;
  } else {
    r.loc = found.node.conf;
    if (found.kind === "found" && found.captures !== null) {
      r.captures = Array.from(found.captures);
      const names = found.node.conf.info?.regex?.names ?? [];
      for (const { name, index } of names) r.vars.set(name.toLowerCase(), found.captures[index] ?? "");
    }
  }
  r.ex.setTimeouts(r.loc.clientBodyTimeoutMs, r.loc.sendTimeoutMs);
  // nginx answers 404 without a log line for an external request to an internal location.
  if (r.loc.internal && !r.internal) return status(404);
  const length = r.ex.bodyLength;
  if (length > 0 && r.loc.clientMaxBodySize > 0 && length > r.loc.clientMaxBodySize) {
    r.log("error", `client intended to send too large body: ${length} bytes`);
    return status(413);
  }
  if (found.kind === "redirect") {
    r.location = escapeUri(found.node.name) + (r.args !== "" ? `?${r.args}` : "");
    return status(301);
  }
  return null;
}

async function accessPhase(r: Request): Promise<PhaseResult> {
  if (r.loc.accessRules.length === 0) return NEXT;
  const c = r.ex.connection;
  const verdict = checkAccess(r.loc.accessRules, c.unixPath !== null ? { unix: true } : { address: c.remoteAddr });
  if (verdict === "deny") {
    r.log("error", `access forbidden by rule`);
    return status(403);
  }
  return NEXT;
}

/** Runs from `start` until the response is done or a result restarts the request. */
async function runFrom(rt: Runtime, r: Request, start: Start): Promise<PhaseResult> {
  let at: Start["at"] = start.at;
  if (at === "server-rewrite") {
    r.loc = r.server.conf;
    const out = await runScript(rt, r, r.server.conf.script);
    const next = await afterScript(rt, r, out);
    if (next !== null && next !== "search") return next;
    at = "find-config";
  }
  let matched = at === "named";
  if (start.at === "named") r.loc = start.loc;
  for (;;) {
    if (!matched) {
      const early = findConfig(r);
      if (early !== null) return early;
      matched = true;
      // Requests no location took run with the server conf, whose script already ran.
      if (r.loc === r.server.conf) break;
    }
    const out = await runScript(rt, r, r.loc.script);
    const next = await afterScript(rt, r, out);
    if (next === null) break;
    if (next !== "search") return next;
    if (--r.uriChanges === 0) {
      r.log("error", `rewrite or internal redirection cycle while processing "${r.uri}"`);
      return status(500);
    }
    matched = false;
  }
  const access = await accessPhase(r);
  if (access.kind !== "next") return access;
  if (r.loc.tryFiles !== null) {
    const tf = await tryFilesPhase(rt, r);
    if (tf.kind !== "next") return tf;
  }
  return contentPhase(rt, r);
}

/**
 * Serves a request from its first phase, following redirects and error pages. With `first`,
 * the request starts from that result instead (a status found before any phase ran, which
 * an error_page may still redirect).
 */
export async function runPhases(rt: Runtime, r: Request, first?: PhaseResult): Promise<void> {
  let start: Start = { at: "server-rewrite" };
  let pending = first;
  for (;;) {
    let result = pending ?? (await runFrom(rt, r, start));
    pending = undefined;
    while (result.kind === "status") result = await specialResponse(rt, r, result.status);
    if (result.kind === "done" || result.kind === "next") return;
    if (--r.uriChanges === 0) {
      r.log("error", `rewrite or internal redirection cycle while internally redirecting to "${result.kind === "named" ? result.name : result.uri}"`);
      start = { at: "server-rewrite" };
      r.errStatus = 0;
      const end = await specialResponse(rt, r, 500);
      if (end.kind === "done") return;
      continue;
    }
    if (result.kind === "named") {
      const loc = r.server.tree.findNamed(result.name);
      if (loc === undefined) {
        r.log("error", `could not find named location "${result.name}"`);
        r.errStatus = 0;
        const end = await specialResponse(rt, r, 500);
        if (end.kind === "done") return;
        continue;
      }
      r.internal = true;
      start = { at: "named", loc: loc.conf };
      continue;
    }
    r.uri = result.uri;
    r.args = result.args;
    r.internal = true;
    r.captures = null;
    start = { at: "server-rewrite" };
  }
}
