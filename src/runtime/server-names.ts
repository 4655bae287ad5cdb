/**
 * Virtual server selection by Host, with nginx's precedence: an exact name, then the longest
 * wildcard starting with `*`, then the longest wildcard ending with `*`, then the first
 * matching regex in config order, else the default server of the listen address.
 * `.example.org` stands for both `example.org` and `*.example.org`.
 */

/**
 * A `~` name, compiled: it must number its groups as PCRE does (the conf's `$1` is PCRE's group
 * 1 even where the JavaScript translation adds groups of its own) and know its named groups.
 */
export interface NameRegex {
  exec(subject: string): NameMatch | null;
}

export interface NameMatch {
  /** `[0]` the whole match, `[n]` PCRE group `n`. */
  readonly captures: readonly (string | undefined)[];
  /** Named groups by name (they become variables of the request). */
  readonly named: Readonly<Record<string, string | undefined>>;
}

export interface NamedServer<S> {
  /** Names as written (`*.a`, `a.*`, `.a`), or compiled regexes for `~` names. */
  readonly names: readonly (string | NameRegex)[];
  readonly server: S;
}

interface RegexName<S> {
  readonly regex: NameRegex;
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
        if (typeof raw !== "string") {
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
  find(host: string): { server: S; captures: readonly (string | undefined)[] | null; named: NameMatch["named"] | null } {
    const exact = this.exact.get(host);
    if (exact !== undefined) return { server: exact, captures: null, named: null };
    if (this.headWild.size > 0) {
      // Longest first: try every suffix that starts at a dot.
      for (let i = host.indexOf("."); i !== -1; i = host.indexOf(".", i + 1)) {
        const s = this.headWild.get(host.slice(i));
        if (s !== undefined) return { server: s, captures: null, named: null };
      }
    }
    if (this.tailWild.size > 0) {
      for (let i = host.lastIndexOf("."); i > 0; i = host.lastIndexOf(".", i - 1)) {
        const s = this.tailWild.get(host.slice(0, i + 1));
        if (s !== undefined) return { server: s, captures: null, named: null };
      }
    }
    for (const r of this.regexes) {
      const m = r.regex.exec(host);
      if (m !== null) return { server: r.server, captures: m.captures, named: m.named };
    }
    return { server: this.defaultServer, captures: null, named: null };
  }
}

/**
 * The validated Host: `undefined` when there is none (HTTP/1.0), `null` when it is invalid
 * (a Host that is there but empty is as invalid as a malformed one).
 */
export function hostOf(raw: string | undefined): string | null | undefined {
  if (raw === undefined) return undefined;
  return raw === "" ? null : validateHost(raw);
}

/**
 * nginx's Host validation: the whole value (port included) may not hold `..`, `/`, NUL, spaces,
 * control bytes or DEL; a backslash and a leading dot are fine (only `/` is a path separator on Unix).
 * The port is cut at the first `:` outside an IPv6 `[…]` literal, one trailing dot is dropped,
 * and the rest is lower-cased. `null` (400 "client sent invalid host header") when nothing is
 * left or a forbidden byte appears.
 */
export function validateHost(raw: string): string | null {
  // The caller passes "" when the request has no Host at all (HTTP/1.0): that is not an error.
  if (raw === "") return "";
  let end = raw.length;
  let inLiteral = false;
  let portSeen = false;
  let lastDot = -2;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x2e /* . */) {
      if (lastDot === i - 1) return null;
      lastDot = i;
    } else if (c === 0x3a /* : */) {
      if (!inLiteral && !portSeen) {
        end = i;
        portSeen = true;
      }
    } else if (c === 0x5b /* [ */) {
      if (i === 0) inLiteral = true;
    } else if (c === 0x5d /* ] */) {
      if (inLiteral) {
        end = i + 1;
        inLiteral = false;
        portSeen = true;
      }
    } else if (c === 0x2f /* / */ || c <= 0x20 || c === 0x7f) {
      return null;
    }
  }
  if (lastDot === end - 1) end--;
  if (end <= 0) return null;
  // ASCII only, as nginx: latin1 bytes above 0x7f keep their case.
  return raw.slice(0, end).replace(/[A-Z]+/g, (m) => m.toLowerCase());
}
