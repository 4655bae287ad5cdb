/**
 * What the request engine reads of one configuration level (a location, a server, or an `if`
 * block), computed once at start-up from the frozen merged settings: the phases then read
 * plain fields and never walk parent levels.
 */
import { realpathSync } from "node:fs";
import type { ConfLevel } from "../../directives/level.js";
import { HTTP_CORE_KEYS, type ErrorPage, type KeepaliveTimeout, type LocationInfo, type RootSpec, type TryFiles } from "../../directives/modules/http-core/types.js";
import { rewriteScriptOf, type RewriteScript } from "../../directives/modules/rewrite/script.js";
import { ADD_HEADER_SLOT, type AddedHeader } from "../../directives/modules/headers.js";
import { ACCESS_RULES_SLOT, type AccessRule } from "../../directives/modules/access.js";
import { ACCESS_LOG_SLOT, type AccessLogSetting } from "../../directives/modules/log.js";
import { tsLocationConf, type TsLocationConf } from "../../directives/modules/ts/settings.js";
import type { ComplexValue } from "../../directives/variables.js";
import { errnoText } from "../content/errno-text.js";

/** A root's realpath(), or the crit line nginx writes when it fails. */
export type ResolvedRoot = { readonly path: string } | { readonly failure: string };

export interface LocationPlan {
  readonly level: ConfLevel;
  readonly settings: Readonly<Record<string, unknown>>;
  /** The `location` this plan belongs to (an `if` block's enclosing one); null at server level. */
  readonly info: LocationInfo | null;
  readonly script: RewriteScript;
  readonly internal: boolean;
  readonly root: RootSpec;
  readonly index: readonly ComplexValue[];
  readonly tryFiles: TryFiles | null;
  readonly errorPages: ReadonlyMap<number, ErrorPage>;
  readonly recursiveErrorPages: boolean;
  readonly addHeaders: readonly AddedHeader[];
  readonly accessRules: readonly AccessRule[];
  readonly defaultType: string;
  /** Extension (lower case) → MIME type. */
  readonly types: ReadonlyMap<string, string>;
  readonly keepaliveTimeoutMs: number;
  /** `keepalive_timeout`'s second parameter (the `Keep-Alive: timeout=` header), or null. */
  readonly keepaliveHeaderSeconds: number | null;
  readonly clientBodyTimeoutMs: number;
  readonly sendTimeoutMs: number;
  readonly rewriteLog: boolean;
  readonly accessLog: AccessLogSetting | undefined;
  readonly keepaliveRequests: number;
  readonly clientMaxBodySize: number;
  readonly serverTokens: "on" | "off" | "build";
  readonly absoluteRedirect: boolean;
  readonly portInRedirect: boolean;
  readonly serverNameInRedirect: boolean;
  readonly logNotFound: boolean;
  readonly etag: boolean;
  readonly ifModifiedSince: "off" | "exact" | "before";
  readonly ts: TsLocationConf;
  /** proxy_pass & co. (their module stores a spec under "proxy_pass"). */
  readonly proxyPass: unknown;
  /**
   * `$realpath_root` of a root without variables, resolved once at start-up (a realpath per
   * request would be a file-system call on the request path); `null` for roots with variables.
   */
  readonly realpathRoot: ResolvedRoot | null;
}

function realpathOf(root: RootSpec | undefined, prefix: string): ResolvedRoot | null {
  if (root === undefined || !root.path.constant) return null;
  const path = root.path.raw.startsWith("/") ? root.path.raw : prefix + root.path.raw;
  try {
    return { path: realpathSync(Buffer.from(path, "latin1"), { encoding: "latin1" }) as unknown as string };
  } catch (e) {
    return { failure: `realpath() "${path}" failed (${errnoText(e)})` };
  }
}

function num(s: Readonly<Record<string, unknown>>, key: string, fallback: number): number {
  const v = s[key];
  return typeof v === "number" ? v : fallback;
}

function typesMap(v: unknown): ReadonlyMap<string, string> {
  if (v instanceof Map) return v as Map<string, string>;
  const m = new Map<string, string>();
  if (v !== null && typeof v === "object") {
    for (const [ext, type] of Object.entries(v as Record<string, string>)) m.set(ext.toLowerCase(), type);
  }
  return m;
}

function errorPageMap(v: unknown): ReadonlyMap<number, ErrorPage> {
  const m = new Map<number, ErrorPage>();
  if (Array.isArray(v)) for (const p of v as ErrorPage[]) if (!m.has(p.status)) m.set(p.status, p);
  return m;
}

/** The location info of a level, or of the location an `if` block sits in. */
function enclosingLocation(level: ConfLevel): LocationInfo | null {
  for (let l: ConfLevel | null = level; l !== null; l = l.parent) {
    if (l.kind === "location") return (l.data.get(HTTP_CORE_KEYS.location) as LocationInfo | undefined) ?? null;
    if (l.kind !== "if") return null;
  }
  return null;
}

export function planLevel(level: ConfLevel, prefix = "/"): LocationPlan {
  const s = level.settings;
  const info = enclosingLocation(level);
  return {
    level,
    settings: s,
    info,
    script: rewriteScriptOf(level),
    internal: s["internal"] === true,
    root: s["root"] as RootSpec,
    index: (s["index"] as ComplexValue[] | undefined) ?? [],
    tryFiles: level.kind === "if" ? null : ((s["try_files"] as TryFiles | undefined) ?? null),
    errorPages: errorPageMap(s["error_page"]),
    recursiveErrorPages: s["recursive_error_pages"] === true,
    addHeaders: (s[ADD_HEADER_SLOT] as AddedHeader[] | undefined) ?? [],
    accessRules: (s[ACCESS_RULES_SLOT] as AccessRule[] | undefined) ?? [],
    defaultType: (s["default_type"] as string | undefined) ?? "text/plain",
    types: typesMap(s["types"]),
    keepaliveTimeoutMs: (s["keepalive_timeout"] as KeepaliveTimeout | undefined)?.timeoutMs ?? 75_000,
    keepaliveHeaderSeconds: (s["keepalive_timeout"] as KeepaliveTimeout | undefined)?.headerSeconds ?? null,
    clientBodyTimeoutMs: num(s, "client_body_timeout", 60_000),
    sendTimeoutMs: num(s, "send_timeout", 60_000),
    rewriteLog: s["rewrite_log"] === true,
    accessLog: s[ACCESS_LOG_SLOT] as AccessLogSetting | undefined,
    keepaliveRequests: num(s, "keepalive_requests", 1000),
    clientMaxBodySize: num(s, "client_max_body_size", 1024 * 1024),
    serverTokens: (s["server_tokens"] as "on" | "off" | "build" | undefined) ?? "on",
    absoluteRedirect: s["absolute_redirect"] !== false,
    portInRedirect: s["port_in_redirect"] !== false,
    serverNameInRedirect: s["server_name_in_redirect"] === true,
    logNotFound: s["log_not_found"] !== false,
    etag: s["etag"] !== false,
    ifModifiedSince: (s["if_modified_since"] as "off" | "exact" | "before" | undefined) ?? "exact",
    ts: tsLocationConf(level),
    proxyPass: s["proxy_pass"] ?? null,
    realpathRoot: realpathOf(s["root"] as RootSpec | undefined, prefix),
  };
}
