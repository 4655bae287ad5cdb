/**
 * nginx's location search (nginx-conf.md §4.3–4.5), built once at load.
 *
 * At each level (a server, or a location with nested locations): an exact `=` match of the
 * whole URI wins; otherwise the longest prefix (plain or `^~`) is taken and its nested
 * locations are searched; then, unless that prefix was `^~`, the level's regexes run in
 * config order and the first match wins (its own nested regexes are tried next). A static
 * location that asks for the trailing-slash redirect answers 301 for its name minus the slash.
 *
 * Exact names are a hash lookup and prefixes a byte trie, so a lookup costs O(URI length)
 * whatever the number of locations; regexes are a linear scan, as in nginx.
 */

export type LocationKind = "exact" | "prefix" | "noregex" | "regex" | "named";

/** What a regex location matches with: captures numbered as PCRE numbers them. */
export interface LocationRegex {
  exec(subject: string): { readonly captures: readonly (string | undefined)[] } | null;
}

export interface LocationNode<T> {
  readonly kind: LocationKind;
  /** The name as written (bytes); for regexes the source text. */
  readonly name: string;
  readonly regex?: LocationRegex;
  /** Set by proxy_pass & co. on a location whose name ends with `/`. */
  readonly autoRedirect: boolean;
  readonly children: readonly LocationNode<T>[];
  readonly conf: T;
}

export type LocationResult<T> =
  | { readonly kind: "found"; readonly node: LocationNode<T>; readonly captures: readonly (string | undefined)[] | null }
  | { readonly kind: "redirect"; readonly node: LocationNode<T> }
  | { readonly kind: "none" };

interface TrieNode<T> {
  readonly next: Map<number, TrieNode<T>>;
  inclusive: LocationNode<T> | null;
}

interface StaticHit<T> {
  rc: "ok" | "again" | "done" | "declined";
  node: LocationNode<T> | null;
}

class Level<T> {
  private readonly exact = new Map<string, LocationNode<T>>();
  private readonly inclusive = new Map<string, LocationNode<T>>();
  private readonly redirects = new Map<string, LocationNode<T>>();
  private readonly trie: TrieNode<T> = { next: new Map(), inclusive: null };
  readonly regexes: { node: LocationNode<T>; level: Level<T> }[] = [];
  readonly nested = new Map<LocationNode<T>, Level<T>>();

  constructor(children: readonly LocationNode<T>[], staticAllowed: boolean) {
    for (const c of children) {
      if (c.kind === "regex") {
        // Only a regex location's own regex children can ever match (no static tree for it).
        this.regexes.push({ node: c, level: new Level(c.children, false) });
        continue;
      }
      if (c.kind === "named" || !staticAllowed) continue;
      if (c.kind === "exact") this.exact.set(c.name, c);
      else {
        this.inclusive.set(c.name, c);
        this.insert(c);
        this.nested.set(c, new Level(c.children, true));
      }
      if (c.autoRedirect && c.name.endsWith("/")) this.redirects.set(c.name.slice(0, -1), c);
    }
    // nginx keeps `= /x/` and `/x/` in one tree node that redirects when either of them asks
    // to, and then answers with the exact one's conf even if only the inclusive one has
    // proxy_pass — so an `internal` exact location turns the redirect into a 404.
    for (const [key, c] of this.redirects) this.redirects.set(key, this.exact.get(c.name) ?? c);
  }

  private insert(c: LocationNode<T>): void {
    let t = this.trie;
    for (let i = 0; i < c.name.length; i++) {
      const code = c.name.charCodeAt(i);
      let n = t.next.get(code);
      if (n === undefined) {
        n = { next: new Map(), inclusive: null };
        t.next.set(code, n);
      }
      t = n;
    }
    t.inclusive = c;
  }

  private longestPrefix(uri: string): LocationNode<T> | null {
    let t = this.trie;
    let best = t.inclusive;
    for (let i = 0; i < uri.length; i++) {
      const n = t.next.get(uri.charCodeAt(i));
      if (n === undefined) break;
      t = n;
      if (t.inclusive !== null) best = t.inclusive;
    }
    return best;
  }

  findStatic(uri: string): StaticHit<T> {
    const exact = this.exact.get(uri);
    if (exact !== undefined) return { rc: "ok", node: exact };
    const same = this.inclusive.get(uri);
    if (same !== undefined) return { rc: "again", node: same };
    const redirect = this.redirects.get(uri);
    if (redirect !== undefined) return { rc: "done", node: redirect };
    const best = this.longestPrefix(uri);
    return best === null ? { rc: "declined", node: null } : { rc: "again", node: best };
  }
}

interface SearchState<T> {
  current: LocationNode<T> | null;
  captures: readonly (string | undefined)[] | null;
}

function findLocation<T>(uri: string, level: Level<T>, st: SearchState<T>): StaticHit<T>["rc"] {
  const hit = level.findStatic(uri);
  let rc = hit.rc;
  let noregex = false;
  if (hit.node !== null) st.current = hit.node;
  if (rc === "again") {
    noregex = hit.node!.kind === "noregex";
    const nested = level.nested.get(hit.node!);
    if (nested !== undefined) {
      const inner = findLocation(uri, nested, st);
      if (inner === "ok" || inner === "done") return inner;
      if (inner === "again") rc = "again";
    }
  }
  if (rc === "ok" || rc === "done") return rc;
  if (!noregex) {
    for (const r of level.regexes) {
      const m = r.node.regex!.exec(uri);
      if (m === null) continue;
      st.current = r.node;
      st.captures = m.captures;
      findLocation(uri, r.level, st);
      return "ok";
    }
  }
  return rc;
}

export class LocationTree<T> {
  private readonly root: Level<T>;
  private readonly named = new Map<string, LocationNode<T>>();

  constructor(serverLocations: readonly LocationNode<T>[]) {
    this.root = new Level(serverLocations, true);
    for (const l of serverLocations) {
      // The first of the same name wins, as nginx's stable sort keeps config order.
      if (l.kind === "named" && !this.named.has(l.name)) this.named.set(l.name, l);
    }
  }

  /** Finds the location for a normalised URI. */
  find(uri: string): LocationResult<T> {
    const st: SearchState<T> = { current: null, captures: null };
    const rc = findLocation(uri, this.root, st);
    if (st.current === null) return { kind: "none" };
    if (rc === "done") return { kind: "redirect", node: st.current };
    return { kind: "found", node: st.current, captures: st.captures };
  }

  /** A named location (`@name`), for error_page, try_files and ngx.exec. */
  findNamed(name: string): LocationNode<T> | undefined {
    return this.named.get(name);
  }
}
