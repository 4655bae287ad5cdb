/**
 * Seeded generator of location confs for the differential test (nginx-conf.md §4): mixes of
 * `=`, `^~`, plain prefix, `~`, `~*`, nested locations (prefix in prefix, regex in prefix,
 * `^~` nested, static children of regexes), named locations reached by `error_page` and
 * `try_files`, inherited `internal`, trailing-slash auto-redirects (`proxy_pass`),
 * `location ""`, and `merge_slashes off` servers.
 *
 * Names come from a small per-server vocabulary so that they share prefixes, collide in case
 * only, and hold bytes that need escaping. Every conf it makes must load in nginx: nesting
 * follows §4.2 (children extend their parent's name, nothing inside `=` or `@`), and no level
 * has two static locations of the same name and class.
 */
import type { GeneratedLocation, GeneratedServer, LocationContent, LocationModifier } from "./location-conf.js";
import { randomRegex, swapAsciiCase } from "./regex-forms.js";
import type { SeededRandom } from "./seeded-random.js";

/** Segment words: case pairs, dots, `%` (a data byte once decoded), space, `+`, UTF-8 é, latin1 é. */
const SEGMENTS = ["a", "b", "c", "ab", "abc", "A", "B", "x.y", "1", "12", "\u00c3\u00a9", "\u00e9", "s p", "%", "+", "~", "-", "a.", "d"];

const MAX_DEPTH = 3;

interface ServerState {
  readonly rng: SeededRandom;
  readonly server: string;
  readonly vocabulary: readonly string[];
  readonly named: string[];
  readonly probes: string[];
  /** Static names made of plain bytes, usable as unquoted error_page targets. */
  readonly plainTargets: string[];
  nextId: number;
  emptyNameUsed: boolean;
}

/** One level's static names by class (§4.2: `=` vs `^~`/plain). */
interface LevelNames {
  readonly exact: Set<string>;
  readonly inclusive: Set<string>;
}

type Parent = { readonly modifier: LocationModifier; readonly name: string } | null;

export function generateServers(rng: SeededRandom, count: number): GeneratedServer[] {
  const servers: GeneratedServer[] = [];
  for (let i = 0; i < count; i++) servers.push(generateServer(rng.fork(), `s${i}`));
  return servers;
}

function generateServer(rng: SeededRandom, name: string): GeneratedServer {
  const vocabulary: string[] = [];
  const size = rng.between(4, 6);
  while (vocabulary.length < size) {
    const w = rng.pick(SEGMENTS);
    if (!vocabulary.includes(w)) vocabulary.push(w);
  }
  const st: ServerState = { rng, server: name, vocabulary, named: [], probes: [], plainTargets: [], nextId: 0, emptyNameUsed: false };
  const namedCount = rng.between(0, 3);
  for (let i = 0; i < namedCount; i++) st.named.push(`@n${i}`);

  // Now and then a wide server: many siblings sharing prefixes make deep nginx search trees.
  const locations = generateLevel(st, null, 0, rng.chance(0.15) ? rng.between(20, 30) : rng.between(5, 11));
  // Named locations go anywhere among the others; a repeated name is legal and the first wins.
  for (const n of st.named) insertAt(rng, locations, namedLocation(st, n));
  if (st.named.length > 0 && rng.chance(0.25)) locations.push(namedLocation(st, st.named[0]!));

  for (let i = 0; i < 4; i++) st.probes.push(randomPath(rng, vocabulary));
  // Names that do not start with `/` are only ever matched by a request nginx rejects first.
  // Repeats stay: a probe added twice (the form an auto-redirect answers) is drawn more often.
  const probes = st.probes.filter((p) => p.startsWith("/"));
  return { name, mergeSlashes: !rng.chance(0.3), locations, probes };
}

function insertAt<T>(rng: SeededRandom, list: T[], item: T): void {
  list.splice(rng.int(list.length + 1), 0, item);
}

function newId(st: ServerState): string {
  return `${st.server}L${st.nextId++}`;
}

function namedLocation(st: ServerState, name: string): GeneratedLocation {
  const id = newId(st);
  return { id, modifier: "named", name, glued: false, internal: false, content: { kind: "return", body: `${id} ${name} $uri` }, children: [] };
}

/** `/` + 0–3 vocabulary words, sometimes with a trailing slash. */
function randomPath(rng: SeededRandom, vocabulary: readonly string[]): string {
  const n = rng.int(4);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(rng.pick(vocabulary));
  const path = `/${words.join("/")}`;
  return n > 0 && rng.chance(0.3) ? `${path}/` : path;
}

/** What a child may add to its parent's name (it must start with the parent's name). */
function extension(rng: SeededRandom, vocabulary: readonly string[], allowEmpty: boolean): string {
  const w = rng.pick(vocabulary);
  const choices = [`/${w}`, `/${w}/`, w, `${w}/`, "/"];
  if (allowEmpty) choices.push("");
  return rng.pick(choices);
}

function pickModifier(st: ServerState, parent: Parent): LocationModifier | "empty" | "relative" {
  const roll = st.rng.next();
  const topOrEmptyParent = parent === null || (parent.modifier !== "regex" && parent.modifier !== "caselessRegex" && parent.name === "");
  if (roll < 0.03 && topOrEmptyParent && !st.emptyNameUsed) return "empty";
  if (roll < 0.05 && parent === null) return "relative";
  if (roll < 0.22) return "exact";
  if (roll < 0.37) return "noregex";
  if (roll < 0.67) return "prefix";
  if (roll < 0.9) return "regex";
  return "caselessRegex";
}

function staticName(st: ServerState, parent: Parent, siblings: readonly string[]): string {
  const { rng, vocabulary } = st;
  if (parent !== null) return parent.name + extension(rng, vocabulary, rng.chance(0.1));
  if (siblings.length > 0 && rng.chance(0.5)) return rng.pick(siblings) + extension(rng, vocabulary, false);
  return randomPath(rng, vocabulary);
}

/**
 * A path for a regex to be built around: inside the parent, near a sibling, or anywhere. Not
 * one holding a backslash (a child of a regex that has `\.`): escaped, it would become `\\`,
 * which the conf lexer turns back into one backslash.
 */
function regexBase(st: ServerState, parent: Parent, siblings: readonly string[]): string {
  const { rng, vocabulary } = st;
  let base = randomPath(rng, vocabulary);
  if (parent !== null && parent.name.startsWith("/") && rng.chance(0.6)) base = parent.name + extension(rng, vocabulary, true);
  else if (siblings.length > 0 && rng.chance(0.5)) base = rng.pick(siblings);
  return base.includes("\\") ? randomPath(rng, vocabulary) : base;
}

/** Paths near a static name: itself, with and without a trailing slash, one byte more or less. */
function nearStatic(name: string): string[] {
  const out = [name, `${name}/`, `${name}x`, swapAsciiCase(name)];
  if (name.length > 1) out.push(name.slice(0, -1));
  if (name.endsWith("/") && name.length > 1) out.push(name.slice(0, -1), `${name}y/z`);
  return out;
}

function generateLevel(st: ServerState, parent: Parent, depth: number, count: number): GeneratedLocation[] {
  const level: LevelNames = { exact: new Set(), inclusive: new Set() };
  const siblings: string[] = [];
  const out: GeneratedLocation[] = [];
  for (let i = 0; i < count; i++) {
    const l = generateLocation(st, parent, depth, level, siblings);
    if (l === null) continue;
    out.push(l);
    if (l.modifier !== "regex" && l.modifier !== "caselessRegex" && l.name.startsWith("/")) siblings.push(l.name);
  }
  return out;
}

function generateLocation(
  st: ServerState,
  parent: Parent,
  depth: number,
  level: LevelNames,
  siblings: readonly string[],
): GeneratedLocation | null {
  const { rng, vocabulary } = st;
  const picked = pickModifier(st, parent);
  const id = newId(st);
  // Set on a few locations only: nginx passes it down to their children (§4.4 rule 8).
  const internal = rng.chance(0.08);
  let modifier: LocationModifier;
  let name: string;
  let capture: string | null = null;

  if (picked === "regex" || picked === "caselessRegex") {
    const form = randomRegex(rng, regexBase(st, parent, siblings), vocabulary);
    modifier = form.caseless || picked === "caselessRegex" ? "caselessRegex" : "regex";
    name = form.source;
    capture = form.capture;
    st.probes.push(...form.probes);
  } else {
    modifier = picked === "exact" || picked === "noregex" ? picked : "prefix";
    if (picked === "empty") {
      st.emptyNameUsed = true;
      name = "";
    } else if (picked === "relative") {
      // Legal, but a plain name without the leading slash matches nothing (§4.4 rule 10). Not
      // one starting with `~`: a one-word location reads that as its modifier, quoted or not.
      name = `${rng.pick(vocabulary).replace(/^~/, "t")}/${rng.pick(vocabulary)}`;
    } else {
      // Now and then the name of a sibling of the other class: `= /x` and `/x` (or `^~ /x`)
      // share one tree node in nginx, which decides between them per request.
      const otherClass = [...(modifier === "exact" ? level.inclusive : level.exact)];
      name = otherClass.length > 0 && rng.chance(0.2) ? rng.pick(otherClass) : "";
      for (let attempt = 0; attempt < 6 && (name === "" || (modifier === "exact" ? level.exact : level.inclusive).has(name)); attempt++) {
        name = staticName(st, parent, siblings);
      }
    }
    // A plain prefix is one word, and nginx reads a leading `=`, `^~`, `~` or `@` of that word
    // as a modifier (quoted or not): such a name (a child of regex `~`) can only be `^~`.
    if (modifier === "prefix" && /^(=|\^~|~|@)/.test(name)) modifier = "noregex";
    const taken = modifier === "exact" ? level.exact : level.inclusive;
    if (taken.has(name)) return null;
    taken.add(name);
    st.probes.push(...nearStatic(name));
    if (/^\/[A-Za-z0-9/._-]*$/.test(name)) st.plainTargets.push(name);
  }

  const content = chooseContent(st, id, modifier, name, capture);
  const canNest = modifier !== "exact" && depth < MAX_DEPTH;
  const children =
    canNest && rng.chance(0.6 / (depth + 1))
      ? generateLevel(st, { modifier, name }, depth + 1, rng.between(1, 3))
      : [];
  const glued = modifier !== "prefix" && /^[/A-Za-z0-9^$.-]+$/.test(name) && rng.chance(0.1);
  return { id, modifier, name, glued, internal, content, children };
}

function chooseContent(st: ServerState, id: string, modifier: LocationModifier, name: string, capture: string | null): LocationContent {
  const { rng } = st;
  const isStatic = modifier === "exact" || modifier === "noregex" || modifier === "prefix";
  // proxy_pass makes a name ending in `/` redirect its slash-less form (§4.5); a regex
  // location gets the flag too but is never in the static tree, so it must not redirect.
  if (name.endsWith("/") && rng.chance(isStatic ? 0.5 : 0.1)) {
    if (isStatic) st.probes.push(name.slice(0, -1), name.slice(0, -1));
    return { kind: "proxy", body: rng.chance(0.8) ? bodyFor(rng, id, capture) : null };
  }
  const roll = rng.next();
  if (roll < 0.1) return { kind: "errorPage", target: errorPageTarget(st), useTargetStatus: rng.chance(0.6) };
  if (roll < 0.16) return { kind: "tryFiles", target: namedTarget(st) };
  return { kind: "return", body: bodyFor(rng, id, capture) };
}

function bodyFor(rng: SeededRandom, id: string, capture: string | null): string {
  if (capture !== null && rng.chance(0.7)) return `${id} ${capture}`;
  return rng.chance(0.35) ? `${id} $uri` : id;
}

/** A named location of this server, now and then one that does not exist (500 in nginx). */
function namedTarget(st: ServerState): string {
  if (st.named.length === 0 || st.rng.chance(0.1)) return "@missing";
  return st.rng.pick(st.named);
}

function errorPageTarget(st: ServerState): string {
  if (st.plainTargets.length > 0 && st.rng.chance(0.3)) return st.rng.pick(st.plainTargets);
  return namedTarget(st);
}
