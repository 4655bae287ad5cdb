/**
 * `proxy_pass`: the content handler of a proxied location. It reads the client's body, finds
 * the servers, builds the upstream request, and tries servers until one answers or nginx's
 * proxy_next_upstream rules say stop: a failed connect, send or head read (`error`,
 * `timeout`, `invalid_header`) or a listed status (`http_502`, …) moves on to the next server
 * while tries are left. The answer is then relayed, or handed to error_page when
 * proxy_intercept_errors is on and a page exists for its status; when no server answered, the
 * request ends with 502 (504 after a time-out).
 */
import { isIP } from "node:net";
import type { ProxySpec } from "../../directives/modules/proxy.js";
import type { Request, Runtime } from "../context.js";
import { DONE, status, type PhaseResult } from "../phases/result.js";
import { evaluate } from "../variables/evaluate.js";
import { readClientBody } from "./client-body.js";
import { redirectRules } from "./proxy-redirect.js";
import { relayHttp09, relayResponse, type RelayContext } from "./proxy-response.js";
import { proxySettings, type ProxySettings } from "./proxy-settings.js";
import { proxyTarget, type ProxyTarget } from "./proxy-target.js";
import { clientHeaders, hiddenHeaders } from "./response-headers.js";
import { tryPeer, type TryContext, type UpstreamAnswer, type UpstreamFailure } from "./upstream-exchange.js";
import { logUpstream, type UpstreamTarget } from "./upstream-log.js";
import { PeerPicker, type Peer } from "./upstream-peers.js";
import { buildUpstreamRequest, upstreamUri, type UpstreamRequest } from "./upstream-request.js";
import type { TlsSettings } from "./upstream-socket.js";
import { beginProxyPass, beginTry, endTry, type ProxyRequestState, type UpstreamTry } from "./upstream-state.js";
// Registers $upstream_* and $proxy_* with the built-in variables.
import "./upstream-variables.js";

/** Statuses proxy_next_upstream can name; 403 and 404 do not count as a server failure. */
const NEXT_ON_STATUS: ReadonlyMap<number, string> = new Map([
  [500, "http_500"],
  [502, "http_502"],
  [503, "http_503"],
  [504, "http_504"],
  [403, "http_403"],
  [404, "http_404"],
  [429, "http_429"],
]);

/** Methods nginx does not repeat on another server once the request was sent, unless `non_idempotent`. */
const NON_IDEMPOTENT = new Set(["POST", "LOCK", "PATCH"]);

interface Attempts {
  readonly rt: Runtime;
  readonly r: Request;
  readonly settings: ProxySettings;
  readonly target: ProxyTarget;
  readonly request: UpstreamRequest;
  readonly state: ProxyRequestState;
  readonly picker: PeerPicker;
  /** When the first try started (proxy_next_upstream_timeout). */
  readonly started: number;
  readonly tls: TlsSettings | null;
}

/** Kept-alive connections are found by scheme and server: an https one is no http one. */
function poolKey(a: Attempts, peer: Peer): string {
  return `${a.target.url.scheme}://${peer.name}`;
}

/** TLS for `https://`: the server name is sent only with proxy_ssl_server_name on (the host of $proxy_host). */
function tlsSettings(target: ProxyTarget, settings: ProxySettings): TlsSettings | null {
  if (target.url.scheme !== "https") return null;
  if (!settings.sslServerName || target.url.family === "unix") return { servername: null };
  const host = target.url.host;
  return { servername: host.startsWith("[") || isIP(host) !== 0 ? null : host };
}

/** Whether another server may be tried after a failure of `kind` (nginx's ngx_http_upstream_next). */
function mayTryNext(a: Attempts, kind: string, requestSent: boolean): boolean {
  const s = a.settings;
  if (a.picker.tries === 0 || !s.nextUpstream.has(kind)) return false;
  // The client's method decides, whatever proxy_method sends.
  if (requestSent && NON_IDEMPOTENT.has(a.r.method) && !s.nextUpstream.has("non_idempotent")) return false;
  return !(s.nextUpstreamTimeout > 0 && Date.now() - a.started >= s.nextUpstreamTimeout);
}

function logTarget(a: Attempts, peer: Peer | null): UpstreamTarget {
  return {
    scheme: a.target.url.scheme,
    peer: peer?.name ?? a.picker.busyName,
    unix: peer?.endpoint.kind === "unix",
    uri: a.request.uri,
  };
}

/** The request body to send and the Content-Length nginx announces for it. */
function upstreamBody(r: Request, settings: ProxySettings, body: Buffer): { body: Buffer | null; length: string | undefined } {
  if (settings.setBody !== null) {
    const b = Buffer.from(evaluate(settings.setBody, r), "latin1");
    return { body: b, length: String(b.length) };
  }
  // The client's declared (or, once de-chunked, actual) length, even when the body is not passed.
  const hadBody = r.header("content-length") !== undefined || r.ex.bodyLength === -1;
  return { body: settings.passRequestBody && body.length > 0 ? body : null, length: hadBody ? String(body.length) : undefined };
}

/** Relays an answer to the client; the server is released when the body is done. */
async function relay(a: Attempts, peer: Peer, answer: UpstreamAnswer, t: UpstreamTry): Promise<void> {
  const { rt, r } = a;
  const ctx: RelayContext = {
    rt,
    r,
    socket: answer.socket,
    rest: answer.rest,
    t,
    log: logTarget(a, peer),
    readTimeout: a.settings.readTimeout,
    keepalive: a.target.pool !== null ? { pool: a.target.pool, peer: poolKey(a, peer) } : null,
  };
  try {
    if (answer.kind === "http09") {
      a.state.responseHeaders = [];
      await relayHttp09(ctx);
      return;
    }
    a.state.responseHeaders = answer.head.headers;
    const spec = r.loc.proxyPass as ProxySpec;
    const headers = clientHeaders(r, answer.head.headers, hiddenHeaders(r.loc), redirectRules(r.loc, spec));
    await relayResponse(ctx, answer.head, a.request.method, headers);
  } finally {
    a.picker.release(peer, "ok");
  }
}

/** After a failed try: `null` to try the next server, else the status the request ends with. */
function afterFailure(a: Attempts, peer: Peer, failed: UpstreamFailure, t: UpstreamTry, target: UpstreamTarget): PhaseResult | null {
  const code = failed.failure === "timeout" ? 504 : 502;
  endTry(t, code);
  if (a.picker.release(peer, "failed")) logUpstream(a.rt, a.r, "warn", "upstream server temporarily disabled", failed.action, target);
  // A kept-alive connection the server had closed: that try does not count.
  if (failed.cached && failed.failure === "error") a.picker.giveBackTry();
  return mayTryNext(a, failed.failure, failed.action !== "connecting to upstream") ? null : status(code);
}

/**
 * An error status from the server: `"next"` when proxy_next_upstream names it and a try is
 * left, the status itself when proxy_intercept_errors hands it to error_page, else `null`
 * (the answer is relayed).
 */
function afterErrorStatus(a: Attempts, peer: Peer, answer: UpstreamAnswer & { kind: "response" }, t: UpstreamTry, target: UpstreamTarget): PhaseResult | "next" | null {
  const code = answer.head.status;
  const next = NEXT_ON_STATUS.get(code);
  if (next !== undefined && a.picker.tries > 1 && mayTryNext(a, next, true)) {
    answer.socket.destroy();
    endTry(t);
    const outcome = code === 403 || code === 404 ? "next" : "failed";
    if (a.picker.release(peer, outcome)) logUpstream(a.rt, a.r, "warn", "upstream server temporarily disabled", "reading response header from upstream", target);
    return "next";
  }
  if (!a.settings.interceptErrors || !a.r.loc.errorPages.has(code)) return null;
  answer.socket.destroy();
  endTry(t);
  a.picker.release(peer, "ok");
  a.state.responseHeaders = answer.head.headers;
  // nginx keeps the upstream's challenge for an intercepted 401.
  if (code === 401) for (const h of answer.head.headers) if (h[0].toLowerCase() === "www-authenticate") a.r.headersOut.push(h);
  return status(code);
}

/** Tries servers until one answers; the phase result for the runner. */
async function attempt(a: Attempts): Promise<PhaseResult> {
  const { rt, r, picker, settings } = a;
  for (;;) {
    const peer = picker.pick();
    if (peer === null) {
      endTry(beginTry(a.state, picker.busyName), 502);
      logUpstream(rt, r, "error", "no live upstreams", "connecting to upstream", logTarget(a, null));
      return status(502);
    }
    const t = beginTry(a.state, peer.name);
    const target = logTarget(a, peer);
    const ctx: TryContext = {
      rt,
      r,
      request: a.request,
      log: target,
      pool: a.target.pool,
      connectTimeout: settings.connectTimeout,
      sendTimeout: settings.sendTimeout,
      readTimeout: settings.readTimeout,
      bufferSize: settings.bufferSize,
      tls: a.tls,
      poolKey: poolKey(a, peer),
    };
    const result = await tryPeer(ctx, peer, t);
    if (result.kind === "failed") {
      const end = afterFailure(a, peer, result, t, target);
      if (end === null) continue;
      return end;
    }
    t.status = result.kind === "response" ? result.head.status : 200;
    if (result.kind === "response" && result.head.status >= 300) {
      const end = afterErrorStatus(a, peer, result, t, target);
      if (end === "next") continue;
      if (end !== null) return end;
    }
    await relay(a, peer, result, t);
    return DONE;
  }
}

export async function proxyContent(rt: Runtime, r: Request): Promise<PhaseResult> {
  const spec = r.loc.proxyPass as ProxySpec;
  const settings = proxySettings(r.loc);
  const body = await readClientBody(r);
  if (!Buffer.isBuffer(body)) return body;
  const found = await proxyTarget(rt, r, spec);
  if ("status" in found) return status(found.status);
  const target = found.target;
  const state = beginProxyPass(r);
  state.proxyHost = target.url.hostHeader;
  state.proxyPort = target.url.portText;
  const out = upstreamBody(r, settings, body);
  state.internalBodyLength = out.length;
  const uri = upstreamUri(r, spec, target.url);
  if (uri === "") {
    r.log("error", "zero length URI to proxy");
    return status(500);
  }
  const request = buildUpstreamRequest(r, {
    spec,
    url: target.url,
    uri,
    method: settings.method !== null ? evaluate(settings.method, r) : r.method,
    httpVersion: settings.httpVersion,
    passRequestHeaders: settings.passRequestHeaders,
    bodyLength: out.length,
    body: out.body,
  });
  const picker = new PeerPicker(target.group, settings.nextUpstreamTries);
  return attempt({ rt, r, settings, target, request, state, picker, started: Date.now(), tls: tlsSettings(target, settings) });
}
