/**
 * The access module: `allow` and `deny`. Rules are kept in conf order in one list per level;
 * a level with no rules of its own inherits its parent's whole list (nginx's array merge).
 */
import { ConfError } from "../errors.js";
import type { ConfModule, DirectiveCall } from "../types.js";
import { parseCidr, parseIPv4, parseIPv6, type Cidr } from "./inet-address.js";

/** What a matching rule does. */
export type AccessAction = "allow" | "deny";

/**
 * One `allow`/`deny` rule. `all` applies to every client; `unix` (`allow unix:`) to clients on
 * unix-domain sockets; a CIDR to TCP clients of its family (IPv4-mapped IPv6 clients are
 * checked against the IPv4 rules, as in nginx).
 */
export type AccessRule =
  | { readonly action: AccessAction; readonly match: "all" }
  | { readonly action: AccessAction; readonly match: "unix" }
  | { readonly action: AccessAction; readonly match: "cidr"; readonly cidr: Cidr; readonly text: string };

/** The `allow`/`deny` rules of a level, in conf order. */
export const ACCESS_RULES_SLOT = "access.rules";

function rule(action: AccessAction) {
  return (call: DirectiveCall): void => {
    const value = call.args[0]!;
    let r: AccessRule;
    if (value === "all") {
      r = { action, match: "all" };
    } else if (value === "unix:") {
      r = { action, match: "unix" };
    } else {
      const parsed = parseCidr(value);
      if (parsed === null) throw new ConfError(`invalid parameter "${value}"`, { code: "TSR_CONF_INVALID_VALUE" });
      if (parsed.hostBitsSet) call.loader.warn(`low address bits of ${value} are meaningless`, call.directive);
      r = { action, match: "cidr", cidr: parsed.cidr, text: value };
    }
    call.level.push(ACCESS_RULES_SLOT, r, call.directive);
  };
}

/** A client as the access check sees it: a TCP peer address, or a unix-domain socket. */
export type AccessClient = { readonly address: string } | { readonly unix: true };

function clientCidrMatch(client: string, cidr: Cidr): boolean | null {
  const v4 = parseIPv4(client);
  if (v4 !== null) return cidr.family === "ipv4" ? ((v4 & cidr.mask) >>> 0) === cidr.address : null;
  const v6 = parseIPv6(client);
  if (v6 === null) return null;
  // An IPv4-mapped client (::ffff:a.b.c.d) is an IPv4 client.
  if (v6 >> 32n === 0xffffn) {
    const mapped = Number(v6 & 0xffffffffn);
    return cidr.family === "ipv4" ? ((mapped & cidr.mask) >>> 0) === cidr.address : null;
  }
  return cidr.family === "ipv6" ? (v6 & cidr.mask) === cidr.address : null;
}

function familyOf(client: AccessClient): "unix" | "ipv4" | "ipv6" | null {
  if ("unix" in client) return "unix";
  if (parseIPv4(client.address) !== null) return "ipv4";
  const v6 = parseIPv6(client.address);
  if (v6 === null) return null;
  return v6 >> 32n === 0xffffn ? "ipv4" : "ipv6";
}

/**
 * The first rule that applies to the client decides; `null` when none applies (the request is
 * allowed — nginx's NGX_DECLINED). Only rules of the client's family count: `all` counts for
 * every family.
 */
export function checkAccess(rules: readonly AccessRule[], client: AccessClient): AccessAction | null {
  const family = familyOf(client);
  for (const r of rules) {
    if (r.match === "all") return r.action;
    if (r.match === "unix") {
      if (family === "unix") return r.action;
      continue;
    }
    if ("address" in client && clientCidrMatch(client.address, r.cidr) === true) return r.action;
  }
  return null;
}

export const accessModule: ConfModule = {
  name: "access",
  directives: [
    { name: "allow", contexts: ["http", "server", "location", "limit_except"], args: [1], set: rule("allow"), slot: ACCESS_RULES_SLOT },
    { name: "deny", contexts: ["http", "server", "location", "limit_except"], args: [1], set: rule("deny"), slot: ACCESS_RULES_SLOT },
  ],
};
