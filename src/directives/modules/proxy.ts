/**
 * The proxy module: `proxy_pass` and the directives that shape a proxied request and its
 * response. Plain settings are slots (merged downwards as usual; timeouts in ms, sizes in
 * bytes); `proxy_set_header`, `proxy_hide_header`, `proxy_pass_header` and `proxy_redirect`
 * append per level and are inherited as a whole by levels without their own. `proxy_pass`
 * itself is not inherited by nested locations, only by the location's `if` and `limit_except`
 * blocks (see proxy/merge-checks.ts).
 */
import { bitmaskSlot, enumSlot, flagSlot, msecSlot, numSlot, offSlot, sizeSlot, strSlot } from "../slots.js";
import { parseNumber, parseSize } from "../values.js";
import { compileComplexValue } from "../variables.js";
import type { ConfModule, ContextName, DirectiveCall, DirectiveSpec } from "../types.js";
import {
  DEFAULT_MAX_TEMP_FILE_SIZE,
  DEFAULT_PROXY_BUFFERS,
  PAGE_SIZE,
  PROXY_SET_BODY_SLOT,
  PROXY_SET_HEADER_SLOT,
  proxyMergeChecks,
  type RawProxyHeader,
} from "./proxy/merge-checks.js";
import { PROXY_PASS_SLOT, proxyPass } from "./proxy/pass.js";
import { PROXY_REDIRECT_SLOT, proxyRedirect } from "./proxy/redirect.js";
import type { ProxyBuffers, ProxyTempPath } from "./proxy/types.js";

export type {
  ProxyBuffers,
  ProxyHeader,
  ProxyRedirectRule,
  ProxyRedirectSetting,
  ProxySpec,
  ProxyTempPath,
  ProxyUrl,
} from "./proxy/types.js";
export { parseProxyUrl } from "./proxy/pass.js";
export { defaultRedirectRule } from "./proxy/redirect.js";
export { PROXY_PASS_SLOT, PROXY_REDIRECT_SLOT, PROXY_SET_BODY_SLOT, PROXY_SET_HEADER_SLOT };

/** `proxy_next_upstream` words; `off` alone disables retries. */
export const NEXT_UPSTREAM_VALUES = [
  "error", "timeout", "invalid_header", "http_500", "http_502", "http_503", "http_504", "http_403", "http_404",
  "http_429", "updating", "non_idempotent", "off",
] as const;

/** `proxy_ignore_headers` names. */
export const IGNORE_HEADER_VALUES = [
  "X-Accel-Redirect", "X-Accel-Expires", "X-Accel-Limit-Rate", "X-Accel-Buffering", "X-Accel-Charset", "Expires",
  "Cache-Control", "Set-Cookie", "Vary",
] as const;

const MSL = ["http", "server", "location"] as const satisfies readonly ContextName[];

function setHeader(call: DirectiveCall): void {
  const h: RawProxyHeader = { name: call.args[0]!, raw: call.args[1]! };
  call.level.push(PROXY_SET_HEADER_SLOT, h, call.directive);
}

/** `proxy_hide_header` / `proxy_pass_header`: one name per directive, appended. */
function headerName(call: DirectiveCall): void {
  call.level.push(call.spec.name, call.args[0]!, call.directive);
}

/** `proxy_buffers number size` (ngx_conf_set_bufs_slot). */
function proxyBuffers(call: DirectiveCall): string | void {
  if (call.level.has("proxy_buffers")) return "is duplicate";
  const number = parseNumber(call.args[0]!);
  const size = parseSize(call.args[1]!);
  if (number === null || number === 0 || size === null || size === 0) return "invalid value";
  const bufs: ProxyBuffers = { number, size };
  call.level.set("proxy_buffers", bufs, call.directive);
}

/** `proxy_method`: a value that may hold variables. */
function proxyMethod(call: DirectiveCall): string | void {
  if (call.level.has("proxy_method")) return "is duplicate";
  call.level.set("proxy_method", compileComplexValue(call.args[0]!, call.loader), call.directive);
}

/** `proxy_temp_path path [l1 [l2 [l3]]]` (ngx_conf_set_path_slot): at most 10 hashed name characters. */
function tempPath(call: DirectiveCall): string | void {
  if (call.level.has("proxy_temp_path")) return "is duplicate";
  const levels: number[] = [];
  for (const word of call.args.slice(1)) {
    const n = parseNumber(word);
    if (n === null || n === 0) return "invalid value";
    levels.push(n);
  }
  if (levels.reduce((a, b) => a + b, 0) > 10) return "invalid value";
  const spec: ProxyTempPath = { path: call.loader.prefixPath(call.args[0]!), levels };
  call.level.set("proxy_temp_path", spec, call.directive);
}

const directives: DirectiveSpec[] = [
  { name: "proxy_pass", contexts: ["location", "lif", "limit_except"], args: [1], set: proxyPass, merge: "none" },
  { name: "proxy_connect_timeout", contexts: MSL, args: [1], set: msecSlot, default: 60_000 },
  { name: "proxy_send_timeout", contexts: MSL, args: [1], set: msecSlot, default: 60_000 },
  { name: "proxy_read_timeout", contexts: MSL, args: [1], set: msecSlot, default: 60_000 },
  { name: "proxy_set_header", contexts: MSL, args: [2], set: setHeader },
  { name: "proxy_http_version", contexts: MSL, args: [1], set: enumSlot(["1.0", "1.1"]), default: "1.0" },
  { name: "proxy_buffering", contexts: MSL, args: "flag", set: flagSlot, default: true },
  { name: "proxy_request_buffering", contexts: MSL, args: "flag", set: flagSlot, default: true },
  { name: "proxy_buffer_size", contexts: MSL, args: [1], set: sizeSlot, default: PAGE_SIZE },
  { name: "proxy_buffers", contexts: MSL, args: [2], set: proxyBuffers, default: DEFAULT_PROXY_BUFFERS },
  { name: "proxy_busy_buffers_size", contexts: MSL, args: [1], set: sizeSlot },
  { name: "proxy_temp_file_write_size", contexts: MSL, args: [1], set: sizeSlot },
  { name: "proxy_max_temp_file_size", contexts: MSL, args: [1], set: offSlot, default: DEFAULT_MAX_TEMP_FILE_SIZE },
  { name: "proxy_temp_path", contexts: MSL, args: [1, 2, 3, 4], set: tempPath },
  { name: "proxy_redirect", contexts: MSL, args: [1, 2], set: proxyRedirect, slot: PROXY_REDIRECT_SLOT },
  { name: "proxy_pass_request_headers", contexts: MSL, args: "flag", set: flagSlot, default: true },
  { name: "proxy_pass_request_body", contexts: MSL, args: "flag", set: flagSlot, default: true },
  { name: "proxy_hide_header", contexts: MSL, args: [1], set: headerName },
  { name: "proxy_pass_header", contexts: MSL, args: [1], set: headerName },
  { name: "proxy_ignore_headers", contexts: MSL, args: "1more", set: bitmaskSlot(IGNORE_HEADER_VALUES), default: [] },
  { name: "proxy_intercept_errors", contexts: MSL, args: "flag", set: flagSlot, default: false },
  {
    name: "proxy_next_upstream",
    contexts: MSL,
    args: "1more",
    set: bitmaskSlot(NEXT_UPSTREAM_VALUES),
    default: ["error", "timeout"],
  },
  { name: "proxy_next_upstream_tries", contexts: MSL, args: [1], set: numSlot, default: 0 },
  { name: "proxy_next_upstream_timeout", contexts: MSL, args: [1], set: msecSlot, default: 0 },
  { name: "proxy_method", contexts: MSL, args: [1], set: proxyMethod },
  { name: "proxy_set_body", contexts: MSL, args: [1], set: strSlot, slot: PROXY_SET_BODY_SLOT },
  { name: "proxy_ssl_server_name", contexts: MSL, args: "flag", set: flagSlot, default: false },
  { name: "proxy_ignore_client_abort", contexts: MSL, args: "flag", set: flagSlot, default: false },
];

export const proxyModule: ConfModule = {
  name: "proxy",
  directives,
  mergeHttp: proxyMergeChecks,
};
