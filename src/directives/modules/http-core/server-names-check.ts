/**
 * The server-name check nginx runs per address when the http block is done
 * (`ngx_http_server_names` → `ngx_hash_add_key`): among the servers of one address:port, a
 * name given twice is `[warn] conflicting server name "x" on addr, ignored` (the first server
 * keeps it), and a malformed wildcard is fatal. `.example.com` claims both `example.com` and
 * `*.example.com`. Only addresses with several servers are checked (or whose default server
 * has a regex name with captures), as in nginx; regex names are never compared.
 */
import { ConfError } from "../../errors.js";
import type { ConfLoader } from "../../loader.js";
import type { ListenAddress } from "./types.js";

type AddResult = "ok" | "busy" | "declined";

class NameKeys {
  private readonly exact = new Set<string>();
  private readonly head = new Set<string>();
  private readonly tail = new Set<string>();

  add(name: string): AddResult {
    if ((name.match(/\*/g)?.length ?? 0) > 1 || name.includes("..") || name.includes("\0")) return "declined";
    if (name.length > 1 && name.startsWith(".")) {
      const base = name.slice(1);
      if (this.exact.has(base)) return "busy";
      this.exact.add(base);
      return this.claim(this.head, base);
    }
    if (name.length > 2 && name.startsWith("*.")) return this.claim(this.head, name.slice(2));
    if (name.length > 2 && name.endsWith(".*")) return this.claim(this.tail, name.slice(0, -1));
    if (name.includes("*")) return "declined";
    return this.claim(this.exact, name);
  }

  private claim(set: Set<string>, key: string): AddResult {
    if (set.has(key)) return "busy";
    set.add(key);
    return "ok";
  }
}

export function checkServerNames(addr: ListenAddress, loader: ConfLoader): void {
  if (addr.servers.length < 2 && !addr.defaultServer.regexCaptures) return;
  const keys = new NameKeys();
  for (const server of addr.servers) {
    for (const n of server.names) {
      if (n.kind === "regex") continue;
      const r = keys.add(n.name);
      if (r === "declined") {
        throw new ConfError(`invalid server name or wildcard "${n.name}" on ${addr.spec.addrText}`, {
          code: "TSR_CONF_INVALID_VALUE",
          place: null,
        });
      }
      if (r === "busy") loader.warn(`conflicting server name "${n.name}" on ${addr.spec.addrText}, ignored`, null);
    }
  }
}
