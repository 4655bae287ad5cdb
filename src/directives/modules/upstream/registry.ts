/**
 * The upstream list of one load, as nginx's `ngx_http_upstream_add` keeps it: `upstream name {}`
 * blocks (explicit) and the targets of `proxy_pass` without variables (implicit) share one list,
 * in creation order. A `proxy_pass http://name` (no port) and an `upstream name` block are the
 * same entry whichever comes first; names compare case-insensitively. When `http {}` ends the
 * upstream module checks every entry in this order (no servers, host not found).
 */
import type { ConfDirective } from "../../../parser/ast.js";
import { ConfError } from "../../errors.js";
import type { ConfLoader } from "../../loader.js";
import type { UpstreamSpec } from "./types.js";

export interface UpstreamEntry {
  /** The name as first written (`upstream` argument, or the proxy_pass host). */
  readonly host: string;
  /** The port of an implicit entry (the scheme's default when none was written); 0 once explicit. */
  port: number;
  portGiven: boolean;
  explicit: boolean;
  /** An implicit entry for a unix socket (`host` is its path): nothing to resolve. */
  readonly unix: boolean;
  /** Where the entry was created: nginx's messages about it name this place. */
  readonly directive: ConfDirective;
  /** The block's servers and settings, once the `upstream {}` block is read. */
  spec: UpstreamSpec | null;
  /** The resolved addresses of an implicit entry (after `http {}`). */
  addresses: readonly string[];
  /** Called with the final entry when `http {}` ends (proxy_pass targets fill in their upstream). */
  readonly listeners: ((entry: UpstreamEntry) => void)[];
}

export interface UpstreamRequest {
  readonly host: string;
  readonly port: number;
  readonly portGiven: boolean;
  readonly explicit: boolean;
  readonly unix?: boolean;
}

const STATE_ENTRIES = "upstream.entries";

export function upstreamEntries(loader: ConfLoader): UpstreamEntry[] {
  let entries = loader.state.get(STATE_ENTRIES) as UpstreamEntry[] | undefined;
  if (entries === undefined) {
    entries = [];
    loader.state.set(STATE_ENTRIES, entries);
  }
  return entries;
}

function placeOf(d: ConfDirective): { file: string; line: number } {
  return { file: d.file, line: d.line };
}

/** Finds or creates the entry for a name, with nginx's checks and messages. */
export function addUpstream(loader: ConfLoader, req: UpstreamRequest, directive: ConfDirective): UpstreamEntry {
  const entries = upstreamEntries(loader);
  const key = req.host.toLowerCase();
  for (const e of entries) {
    if (e.host.toLowerCase() !== key) continue;
    if (req.explicit && e.explicit) {
      throw new ConfError(`duplicate upstream "${req.host}"`, { code: "TSR_CONF_DUPLICATE" });
    }
    if (e.explicit && req.portGiven) {
      throw new ConfError(`upstream "${req.host}" may not have port ${req.port}`, { code: "TSR_CONF_INVALID_VALUE" });
    }
    if (req.explicit && e.portGiven) {
      throw new ConfError(`upstream "${req.host}" may not have port ${e.port}`, {
        code: "TSR_CONF_INVALID_VALUE",
        place: placeOf(e.directive),
      });
    }
    if (e.port !== 0 && req.port !== 0 && e.port !== req.port) continue;
    if (req.explicit) {
      e.explicit = true;
      e.port = 0;
    }
    return e;
  }
  const entry: UpstreamEntry = {
    host: req.host,
    port: req.port,
    portGiven: req.portGiven,
    explicit: req.explicit,
    unix: req.unix ?? false,
    directive,
    spec: null,
    addresses: [],
    listeners: [],
  };
  entries.push(entry);
  return entry;
}
