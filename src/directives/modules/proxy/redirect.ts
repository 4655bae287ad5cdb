/**
 * `proxy_redirect default | off | from to`: rewrites of the `Location` and `Refresh` headers
 * of proxied responses. Rules append per level; `off` excludes any rule at the same level.
 * `default` is resolved at once from the level's `proxy_pass` (which must come first), so the
 * stored rules never refer to another level.
 */
import { ConfError } from "../../errors.js";
import { compileConfRegex } from "../../regex/nginx-regex.js";
import { compileComplexValue, defineRegexCaptures, type ComplexValue } from "../../variables.js";
import type { DirectiveCall } from "../../types.js";
import { PROXY_PASS_SLOT } from "./pass.js";
import type { ProxyRedirectRule, ProxyRedirectSetting, ProxySpec } from "./types.js";

export const PROXY_REDIRECT_SLOT = "proxy_redirect";

function text(value: string): ComplexValue {
  return { raw: value, parts: value === "" ? [] : [{ text: value }], constant: true };
}

/**
 * The rule `proxy_redirect default` stands for, also used when no level sets `proxy_redirect`:
 * the proxied URL becomes the location's name (`proxy_pass http://b/two/` in `location /one/`
 * maps `http://b/two/` to `/one/`); without a URI part, `http://b/` becomes `/`. `null` for a
 * `proxy_pass` with variables.
 */
export function defaultRedirectRule(proxy: ProxySpec): ProxyRedirectRule | null {
  if (proxy.url === null) return null;
  if (proxy.url.uri !== "") return { kind: "prefix", from: text(proxy.raw), to: text(proxy.location) };
  return { kind: "prefix", from: text(proxy.raw + "/"), to: text("/") };
}

interface MutableRedirectSetting {
  off: boolean;
  rules: ProxyRedirectRule[];
}

function fail(message: string): never {
  throw new ConfError(message, { code: "TSR_CONF_INVALID_VALUE" });
}

export function proxyRedirect(call: DirectiveCall): string | void {
  const level = call.level;
  const current = level.get<MutableRedirectSetting>(PROXY_REDIRECT_SLOT);
  if (current?.off === true) return "is duplicate";
  const [from, to] = call.args as [string, string | undefined];
  if (to === undefined) {
    if (from === "off") {
      if (current !== undefined) return "is duplicate";
      const off: ProxyRedirectSetting = { off: true, rules: [] };
      level.set(PROXY_REDIRECT_SLOT, off, call.directive);
      return;
    }
    if (from !== "default") fail(`invalid parameter "${from}"`);
  }
  let setting = current;
  if (setting === undefined) {
    setting = { off: false, rules: [] };
    level.set(PROXY_REDIRECT_SLOT, setting, call.directive);
  }

  if (to === undefined) {
    const proxy = level.get<ProxySpec>(PROXY_PASS_SLOT);
    if (proxy?.variables != null) fail('"proxy_redirect default" cannot be used with "proxy_pass" directive with variables');
    if (proxy === undefined) fail('"proxy_redirect default" should be placed after the "proxy_pass" directive');
    setting.rules.push(defaultRedirectRule(proxy)!);
    return;
  }

  let rule: ProxyRedirectRule;
  if (from.startsWith("~")) {
    const caseless = from.startsWith("~*");
    const regex = compileConfRegex(from.slice(caseless ? 2 : 1), { caseless });
    defineRegexCaptures(call.loader, regex.names);
    rule = { kind: "regex", regex, to: compileComplexValue(to, call.loader) };
  } else {
    const pattern = compileComplexValue(from, call.loader);
    rule = { kind: "prefix", from: pattern, to: compileComplexValue(to, call.loader) };
  }
  setting.rules.push(rule);
}
