/**
 * Regex locations for the generator: PCRE sources built around a path the conf already uses,
 * each with probes (decoded paths the regex should match, or nearly) so requests actually
 * exercise it. Only constructs nginx's PCRE2 and tsresty both run are used: anchors, classes,
 * alternation, `(?i)`, numbered and named captures.
 */
import type { SeededRandom } from "./seeded-random.js";

export interface RegexForm {
  readonly source: string;
  /** `~*`: the whole regex is caseless. */
  readonly caseless: boolean;
  readonly probes: readonly string[];
  /** A capture reference for the `return` body (`$1`, `$cap`), when the regex has one. */
  readonly capture: string | null;
}

function escapeRegex(s: string): string {
  return s.replace(/[.+*?()[\]{}|^$\\]/g, "\\$&");
}

/** ASCII letters swapped, which caseless regexes must not care about. */
export function swapAsciiCase(s: string): string {
  return s.replace(/[A-Za-z]/g, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()));
}

/** latin1 letters swapped (é ↔ É as single bytes): PCRE without UTF folds ASCII only. */
function swapLatin1Case(s: string): string {
  return s.replace(/[\u00c0-\u00de\u00e0-\u00fe]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0xd7 || code === 0xf7) return c;
    return String.fromCharCode(code ^ 0x20);
  });
}

const PLAIN_PATH = /^\/[A-Za-z0-9/_-]*$/;

/** `path` is a decoded path from the conf's vocabulary; `segments` its segment words. */
export function randomRegex(rng: SeededRandom, path: string, segments: readonly string[]): RegexForm {
  const base = path.length > 1 ? path.replace(/\/$/, "") : path;
  const e = escapeRegex(base);
  const seg = rng.pick(segments);
  const other = rng.pick(segments);
  const caseless = rng.chance(0.3);
  const withCaseVariants = (probes: string[]): string[] =>
    caseless ? [...probes, ...probes.map(swapAsciiCase), ...probes.map(swapLatin1Case)] : [...probes, swapAsciiCase(probes[0]!)];
  const form = (source: string, probes: string[], capture: string | null = null): RegexForm => ({
    source,
    caseless,
    probes: withCaseVariants(probes),
    capture,
  });
  switch (rng.int(12)) {
    case 0:
      return form(`^${e}`, [base, `${base}x`, base.slice(0, -1)]);
    case 1:
      return form(`^${e}$`, [base, `${base}/`]);
    case 2:
      return form(`${e}$`, [`/q${base}`, base, `${base}/`]);
    case 3:
      return form(escapeRegex(seg), [`/${seg}`, `/z/${seg}/w`, `/${seg.slice(1)}`]);
    case 4: {
      const ext = /^[A-Za-z0-9]+$/.test(seg) ? seg : "php";
      return form(`\\.${ext}$`, [`/f.${ext}`, `${base}/i.${ext}`, `/f.${ext}x`]);
    }
    case 5:
      return form(`^/(${escapeRegex(seg)}|${escapeRegex(other)})/`, [`/${seg}/`, `/${other}/z`, `/${seg}`]);
    case 6:
      return form(`^${e}/[0-9]+$`, [`${base}/12`, `${base}/1a`, `${base}/`]);
    case 7: {
      // An inline flag: caseless through the pattern itself, for plain `~`.
      const probes = [base, swapAsciiCase(base), swapLatin1Case(base)];
      return { source: `(?i)^${e}`, caseless: false, probes, capture: null };
    }
    case 8:
      return form(`^${e}/(?<cap>[^/]+)`, [`${base}/v`, `${base}/v/w`, `${base}/`], "$cap");
    case 9:
      return form(`/$`, [`/z/`, `${base}/`]);
    case 10:
      return form(`^${e}(.*)$`, [base, `${base}/tail`], "$1");
    default: {
      // A literal path as the whole source: static children may then extend it (and are dead).
      const source = PLAIN_PATH.test(base) ? base : `/${seg.replace(/[^A-Za-z0-9]/g, "") || "t"}`;
      return form(source, [source, `${source}/u`, `/x${source}`]);
    }
  }
}
