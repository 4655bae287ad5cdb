/**
 * Whether a client asked to keep its connection, read from its Connection lines as nginx reads
 * them: each line is searched (any case) for "close", else for "keep-alive", anywhere in its
 * value — `closed` and `close\t` close too — and the last line that holds either word decides.
 * Without one, HTTP/1.1 keeps the connection and HTTP/1.0 does not; HTTP/0.9 never does.
 */
import type { RequestHead } from "./types.js";

export function clientWantsKeepalive(head: RequestHead): boolean {
  if (head.version === 9) return false;
  let asked: "close" | "keep-alive" | null = null;
  for (const [name, value] of head.headers) {
    if (name.toLowerCase() !== "connection") continue;
    const v = value.toLowerCase();
    if (v.includes("close")) asked = "close";
    else if (v.includes("keep-alive")) asked = "keep-alive";
  }
  return asked === null ? head.version === 11 : asked === "keep-alive";
}
