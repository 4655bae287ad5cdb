/**
 * Request targets for one generated server (nginx-conf.md §4.6): its probes (hits and near
 * misses) percent-encoded at random — `%2F` slashes, `%2e` dots, either hex case, raw or
 * escaped non-ASCII bytes — then mutated with case flips, `//`, dot segments (raw and
 * encoded), climbs above the root, `%00` and bad escapes, `%25`/`%3F`/`%23` data bytes, query
 * strings and fragments. Targets never hold raw spaces or control bytes: how the request
 * line is split is the wire fuzz's business, not this test's.
 */
import type { GeneratedServer } from "./location-conf.js";
import type { SeededRandom } from "./seeded-random.js";

/** Targets every server is asked for: the root, and the §4.6 edge cases around it. */
const FIXED_TARGETS = ["/", "//", "/.", "/..", "/%2e", "/%2E%2E", "/%00", "/%", "/?", "/#x", "/?a=1#b", "/.%2e/", "/a/..", "/a/../", "*", "a/b"];

function hex(byte: number, rng: SeededRandom): string {
  const h = byte.toString(16).padStart(2, "0");
  return `%${rng.chance(0.5) ? h.toUpperCase() : h}`;
}

/** A decoded path as a request target: what must be escaped is, the rest sometimes. */
export function encodePath(path: string, rng: SeededRandom): string {
  let out = "";
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    const ch = path[i]!;
    if (ch === "%" || ch === "?" || ch === "#" || c <= 0x20 || c === 0x7f) out += hex(c, rng);
    else if (c >= 0x80) out += rng.chance(0.5) ? ch : hex(c, rng);
    // The leading slash stays: `%2F…` is not an origin-form target, just another 400.
    else out += i > 0 && rng.chance(0.06) ? hex(c, rng) : ch;
  }
  return out;
}

type Mutation = (target: string, rng: SeededRandom) => string;

/** Where the raw `/` bytes of a target are: its segment starts. */
function slashes(target: string): number[] {
  const at: number[] = [];
  for (let i = 0; i < target.length; i++) if (target[i] === "/") at.push(i);
  return at;
}

function insertAfterSlash(target: string, rng: SeededRandom, text: string): string {
  const at = slashes(target);
  if (at.length === 0) return target + text;
  const i = rng.pick(at) + 1;
  return target.slice(0, i) + text + target.slice(i);
}

/** Mutations with weights: the ones that make nginx answer 400 are rarer, or they would
 * drown the cases that reach location matching. */
const MUTATIONS: readonly (readonly [number, Mutation])[] = [
  // Case: prefixes are case-sensitive, `~*` is not.
  [4, (t, rng) => t.replace(/[A-Za-z]/g, (c) => (rng.chance(0.5) ? (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) : c))],
  [4, (t) => (t.endsWith("/") && t.length > 1 ? t.slice(0, -1) : `${t}/`)],
  [3, (t, rng) => `${t}${t.endsWith("/") ? "" : "/"}${rng.pick(["x", "a", "b/", "A", "12", "i.php"])}`],
  [3, (t) => (t.length > 1 ? t.slice(0, -1) : t)],
  [3, (t, rng) => insertAfterSlash(t, rng, rng.pick(["/", "//"]))],
  [3, (t, rng) => insertAfterSlash(t, rng, rng.pick(["./", "zz/../", "%2e/", "%2E%2e/", "z/%2e%2E/", ".%2e/"]))],
  [2, (t, rng) => `${t}${rng.pick(["/.", "/..", "/%2e", "/%2E%2E", "/./", "/../"])}`],
  [1, (t, rng) => `${rng.pick(["/..", "/%2e%2e", "/a/../..", "/%2E%2E/%2e%2e"])}${t}`],
  [1, (t, rng) => `${t}${rng.pick(["%zz", "%4", "%", "%00", "%0g", "%%", "%g0"])}`],
  [1, (t, rng) => insertAfterSlash(t, rng, rng.pick(["%00", "%zz/", "%2"]))],
  [3, (t, rng) => `${t}${rng.pick(["?a=1", "?", "?x=%20&y", "#frag", "?a#b", "?a=/..//b", "?%00", "?a=%zz"])}`],
  [3, (t, rng) => insertAfterSlash(t, rng, rng.pick(["%25", "%3F", "%3f", "%23", "+", "%2B", "%20", "%7E", "%2F"]))],
  [
    3,
    (t, rng) => {
      const at = slashes(t).filter((i) => i > 0);
      if (at.length === 0) return t;
      const i = rng.pick(at);
      return `${t.slice(0, i)}${rng.pick(["%2F", "%2f"])}${t.slice(i + 1)}`;
    },
  ],
  [2, (t, rng) => insertAfterSlash(t, rng, rng.pick(['"', "<", ">", "\\", "^", "`", "{", "|", "}", "\u00ff", "\u0080", "'", "!", "$", "&", "(", "*", ":", ";", "=", "@", "[", "]"]))],
];

const TOTAL_WEIGHT = MUTATIONS.reduce((sum, [w]) => sum + w, 0);

function pickMutation(rng: SeededRandom): Mutation {
  let roll = rng.int(TOTAL_WEIGHT);
  for (const [weight, mutation] of MUTATIONS) {
    if (roll < weight) return mutation;
    roll -= weight;
  }
  throw new Error("unreachable");
}

/** About `count` distinct targets for `server` (fewer if the generator runs dry). */
export function generateTargets(server: GeneratedServer, rng: SeededRandom, count: number): string[] {
  const seen = new Set<string>(FIXED_TARGETS);
  const targets = [...FIXED_TARGETS];
  for (let attempts = 0; targets.length < count && attempts < count * 10; attempts++) {
    let t = encodePath(rng.pick(server.probes), rng);
    const mutations = rng.pick([0, 0, 1, 1, 1, 2, 3]);
    for (let i = 0; i < mutations; i++) t = pickMutation(rng)(t, rng);
    if (t === "" || seen.has(t)) continue;
    seen.add(t);
    targets.push(t);
  }
  return targets;
}

/** The request for a target: absolute-form now and then, which names the server itself. */
export function requestFor(target: string, host: string, rng: SeededRandom): Buffer {
  const line = target.startsWith("/") && rng.chance(0.03) ? `http://${host}${target}` : target;
  return Buffer.from(`GET ${line} HTTP/1.1\r\nHost: ${host}\r\n\r\n`, "latin1");
}
