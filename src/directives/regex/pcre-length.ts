/**
 * PCRE2's lookbehind rule: every branch of a lookbehind must match a fixed number of bytes
 * (branches may differ; a group inside must have branches of one length).
 */
import type { PcreNode } from "./pcre-ast.js";

export type GroupResolver = (ref: number | string) => PcreNode | undefined;

/**
 * The fixed length a sequence matches, or `null` when it varies (PCRE2's lookbehind rule; a
 * back reference counts as its group's length when that is fixed).
 */
export function sequenceLength(items: readonly PcreNode[], groupOf: GroupResolver, depth: number): number | null {
  let total = 0;
  for (const n of items) {
    const len = nodeLength(n, groupOf, depth);
    if (len === null) return null;
    total += len;
  }
  return total;
}

function nodeLength(n: PcreNode, groupOf: GroupResolver, depth: number): number | null {
  switch (n.t) {
    case "set":
      return 1;
    case "assert":
    case "fail":
      return 0;
    case "newline":
      return null;
    case "backref": {
      const g = groupOf(n.group);
      return g === undefined || depth > 8 ? null : nodeLength(g, groupOf, depth + 1);
    }
    case "repeat": {
      if (n.min !== n.max) return null;
      const inner = nodeLength(n.node, groupOf, depth);
      return inner === null ? null : inner * n.min;
    }
    case "group": {
      if (n.kind === "ahead" || n.kind === "notAhead" || n.kind === "behind" || n.kind === "notBehind") return 0;
      let len: number | null = null;
      for (const alt of n.alts) {
        const l = sequenceLength(alt, groupOf, depth);
        if (l === null || (len !== null && l !== len)) return null;
        len = l;
      }
      return len ?? 0;
    }
  }
}
