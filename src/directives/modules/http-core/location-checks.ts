/**
 * The location check nginx runs when the http block has been read
 * (`ngx_http_init_static_location_trees` → `ngx_http_join_exact_locations`): at every level,
 * static locations are sorted by name and two with the same name in the same class — exact
 * (`=`), or inclusive (plain and `^~`) — are `duplicate location "/x"`, reported at the second
 * one's `{`. Nested levels are checked before their parent's, in sorted order; locations
 * nested in a regex location are never checked (nginx builds no static tree for them), and
 * regex and named duplicates are allowed.
 */
import { ConfError } from "../../errors.js";
import type { ConfLevel } from "../../level.js";
import { locationInfoOf } from "./location.js";
import type { LocationInfo } from "./types.js";

/** `ngx_filename_cmp` (Linux): bytewise, with `/` sorting below every other byte. */
export function filenameCompare(a: string, b: string, n: number): number {
  for (let i = 0; i < n; i++) {
    let c1 = i < a.length ? a.charCodeAt(i) : 0;
    let c2 = i < b.length ? b.charCodeAt(i) : 0;
    if (c1 === c2) {
      if (c1 === 0) return 0;
      continue;
    }
    if (c1 === 0 || c2 === 0) return c1 - c2;
    if (c1 === 0x2f) c1 = 0;
    if (c2 === 0x2f) c2 = 0;
    return c1 - c2;
  }
  return 0;
}

/** nginx's order of static locations: by name, an exact one before an inclusive one of its name. */
export function compareStaticLocations(a: LocationInfo, b: LocationInfo): number {
  const rc = filenameCompare(a.name, b.name, Math.min(a.name.length, b.name.length) + 1);
  if (rc === 0 && !a.exact && b.exact) return 1;
  return rc;
}

/**
 * The order `ngx_queue_sort` (a stable insertion sort with compareStaticLocations) gives, in
 * O(n log n): that comparator only moves an exact location before an inclusive one of its
 * name, so a stable sort by name with exact ones first among equals is the same order.
 */
export function sortStaticLocations(list: readonly LocationInfo[]): LocationInfo[] {
  return list.slice().sort((a, b) => {
    const rc = filenameCompare(a.name, b.name, Math.min(a.name.length, b.name.length) + 1);
    if (rc !== 0 || a.exact === b.exact) return rc;
    return a.exact ? -1 : 1;
  });
}

function childLocations(level: ConfLevel): LocationInfo[] {
  const out: LocationInfo[] = [];
  for (const c of level.children) {
    const info = locationInfoOf(c);
    if (info !== undefined) out.push(info);
  }
  return out;
}

function checkLevel(level: ConfLevel): void {
  const sorted = sortStaticLocations(childLocations(level).filter((l) => l.regex === null && !l.named));
  for (const l of sorted) checkLevel(l.level);
  // After sorting, same-named locations are neighbours; an exact one joins an inclusive one.
  let exact = false;
  let inclusive = false;
  for (let i = 0; i < sorted.length; i++) {
    const l = sorted[i]!;
    if (i === 0 || l.name !== sorted[i - 1]!.name) {
      exact = l.exact;
      inclusive = !l.exact;
      continue;
    }
    if ((l.exact && exact) || (!l.exact && inclusive)) {
      throw new ConfError(`duplicate location "${l.name}"`, {
        code: "TSR_CONF_LOCATION",
        place: { file: l.file, line: l.line },
      });
    }
    if (l.exact) exact = true;
    else inclusive = true;
  }
}

/**
 * Whether checkLevel would find a duplicate under `level`: one set insertion per static
 * location instead of a sort. Duplicates are same-named locations of one class, and the sort
 * makes same-named locations neighbours, so checkLevel finds one only where this does; when
 * this finds one, checkLevel runs to report the one nginx reports first.
 */
function hasDuplicateLocation(level: ConfLevel): boolean {
  // A name already in its class's set leaves the set's size unchanged.
  let exact: Set<string> | undefined;
  let inclusive: Set<string> | undefined;
  const children = level.children;
  for (let i = 0; i < children.length; i++) {
    const l = locationInfoOf(children[i]!);
    if (l === undefined || l.regex !== null || l.named) continue;
    if (l.level.children.length !== 0 && hasDuplicateLocation(l.level)) return true;
    const names = l.exact ? (exact ??= new Set()) : (inclusive ??= new Set());
    const size = names.size;
    if (names.add(l.name).size === size) return true;
  }
  return false;
}

/** Checks every server of the http level, in config order. */
export function checkDuplicateLocations(http: ConfLevel): void {
  for (const server of http.children) {
    if (server.kind === "server" && hasDuplicateLocation(server)) checkLevel(server);
  }
}
