// tcp_query / udp_query: the mock backend must have received exactly these bytes.

import type { ResolvedSection } from "./block-resolver.js";
import { toBytes } from "./section-value.js";
import type { CheckFailure } from "./check-failure.js";
import { show } from "./check-failure.js";

export function checkQuery(
  check: "tcp_query" | "udp_query",
  query: ResolvedSection | undefined,
  received: readonly Buffer[],
  repeat: number,
): CheckFailure[] {
  if (!query) return [];
  const place = query.section.place;
  const expected = toBytes(query.value);
  if (!expected) return [{ place, check, message: `wants text or bytes, got a ${query.value.kind} value`, repeat }];
  const first = received[0];
  if (first === undefined) {
    return [{ place, check, message: `the mock backend received no ${check === "tcp_query" ? "connection" : "datagram"}`, expected: show(expected), repeat }];
  }
  if (first.equals(expected)) return [];
  return [{ place, check, message: "the mock backend received other bytes", expected: show(expected), actual: show(first), repeat }];
}
