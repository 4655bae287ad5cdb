/**
 * `proxy_redirect`: the rules that rewrite the `Location` header of a proxied response (and
 * the `url=` part of `Refresh`). The first rule that matches wins: a text rule replaces the
 * prefix it matches (case-sensitive), a regex rule replaces the whole value with its
 * replacement, which may use the regex's captures.
 */
import { defaultRedirectRule, type ProxyRedirectRule, type ProxyRedirectSetting, type ProxySpec } from "../../directives/modules/proxy.js";
import { PROXY_REDIRECT_SLOT } from "../../directives/modules/proxy.js";
import type { Request } from "../context.js";
import type { LocationPlan } from "../plan/location-plan.js";
import { applyMatch } from "../phases/rewrite-script.js";
import { evaluate } from "../variables/evaluate.js";

const rulesByLocation = new WeakMap<LocationPlan, readonly ProxyRedirectRule[]>();

/**
 * The rules in force: the nearest level's `proxy_redirect`, else `proxy_redirect default`
 * for a `proxy_pass` without variables (nginx's merge), else none.
 */
export function redirectRules(loc: LocationPlan, spec: ProxySpec): readonly ProxyRedirectRule[] {
  let rules = rulesByLocation.get(loc);
  if (rules === undefined) {
    const setting = loc.settings[PROXY_REDIRECT_SLOT] as ProxyRedirectSetting | undefined;
    if (setting !== undefined) rules = setting.off ? [] : setting.rules;
    else {
      const rule = defaultRedirectRule(spec);
      rules = rule === null ? [] : [rule];
    }
    rulesByLocation.set(loc, rules);
  }
  return rules;
}

/**
 * Rewrites `value` from offset `from` on (0 for Location; after `url=` for Refresh). `null`
 * when no rule matched: the header then goes out unchanged.
 */
export function rewriteRedirect(r: Request, rules: readonly ProxyRedirectRule[], value: string, from: number): string | null {
  const head = value.slice(0, from);
  const subject = value.slice(from);
  for (const rule of rules) {
    if (rule.kind === "prefix") {
      const prefix = evaluate(rule.from, r);
      if (!subject.startsWith(prefix)) continue;
      return head + evaluate(rule.to, r) + subject.slice(prefix.length);
    }
    const m = rule.regex.exec(subject);
    if (m === null) continue;
    applyMatch(r, m, rule.regex.names);
    return head + evaluate(rule.to, r);
  }
  return null;
}
