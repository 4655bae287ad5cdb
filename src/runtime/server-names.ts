/**
 * Virtual server selection by Host, with nginx's precedence: an exact name, then the longest
 * wildcard starting with `*`, then the longest wildcard ending with `*`, then the first
 * matching regex in config order, else the default server of the listen address.
 * `.example.org` stands for both `example.org` and `*.example.org`.
 */

export interface NamedServer<S> {
  /** Names as written (`*.a`, `a.*`, `.a`), or compiled regexes for `~` names. */
  readonly names: readonly (string | RegExp)[];
  readonly server: S;
}

interface RegexName<S> {
  readonly regex: RegExp;
  readonly server: S;
}

export class ServerNameTable<S> {
  private readonly exact = new Map<string, S>();
  private readonly headWild = new Map<string, S>(); // "*.a.b" stored as ".a.b"
  private readonly tailWild = new Map<string, S>(); // "a.*" stored as "a."
  private readonly regexes: RegexName<S>[] = [];

  /** `servers` in config order; the first server to claim a name keeps it (nginx warns). */
  constructor(servers: readonly NamedServer<S>[], readonly defaultServer: S) {
    for (const { names, server } of servers) {
      for (const raw of names) {
        if (raw instanceof RegExp) {
          this.regexes.push({ regex: raw, server });
          continue;
        }
        const n = raw.toLowerCase();
        if (n.startsWith("*.")) {
          if (!this.headWild.has(n.slice(1))) this.headWild.set(n.slice(1), server);
        } else if (n.startsWith(".")) {
          if (!this.exact.has(n.slice(1))) this.exact.set(n.slice(1), server);
          if (!this.headWild.has(n)) this.headWild.set(n, server);
        } else if (n.endsWith(".*")) {
          if (!this.tailWild.has(n.slice(0, -1))) this.tailWild.set(n.slice(0, -1), server);
        } else if (!this.exact.has(n)) {
          this.exact.set(n, server);
        }
      }
    }
  }

  /** `host` is the validated, lower-cased name without port. */
  find(host: string): { server: S; captures: RegExpExecArray | null } {
    const exact = this.exact.get(host);
    if (exact !== undefined) return { server: exact, captures: null };
    if (this.headWild.size > 0) {
      // Longest first: try every suffix that starts at a dot.
      for (let i = host.indexOf("."); i !== -1; i = host.indexOf(".", i + 1)) {
        const s = this.headWild.get(host.slice(i));
        if (s !== undefined) return { server: s, captures: null };
      }
    }
    if (this.tailWild.size > 0) {
      for (let i = host.lastIndexOf("."); i > 0; i = host.lastIndexOf(".", i - 1)) {
        const s = this.tailWild.get(host.slice(0, i + 1));
        if (s !== undefined) return { server: s, captures: null };
      }
    }
    for (const r of this.regexes) {
      const m = r.regex.exec(host);
      if (m !== null) return { server: r.server, captures: m };
    }
    return { server: this.defaultServer, captures: null };
  }
}

/**
 * nginx's host validation (`ngx_http_validate_host`): lower-cased, port and one trailing dot
 * removed; `null` (400) for `..`, `/`, `\`, NUL or a bad bracket.
 */
export function validateHost(raw: string): string | null {
  let host = raw.toLowerCase();
  if (host.startsWith("[")) {
    const close = host.indexOf("]");
    if (close === -1) return null;
    host = host.slice(0, close + 1);
  } else {
    const colon = host.indexOf(":");
    if (colon !== -1) host = host.slice(0, colon);
  }
  if (host.includes("..") || host.includes("/") || host.includes("\\") || host.includes("\0")) return null;
  if (host.startsWith(".")) return null;
  if (host.endsWith(".")) host = host.slice(0, -1);
  return host;
}
