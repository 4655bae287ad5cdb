/**
 * nginx's value parsers (`ngx_parse_time`, `ngx_parse_size`, `ngx_parse_offset`, `ngx_atoi`),
 * with the same acceptance rules. They return `null` for invalid input; the caller picks the
 * message nginx uses for that directive.
 */

const MAX_INT = (1n << 63n) - 1n;

// ngx_parse_time's steps: each unit at most once, in decreasing order.
const Step = { Start: 0, Year: 1, Month: 2, Week: 3, Day: 4, Hour: 5, Min: 6, Sec: 7, Msec: 8 } as const;
type Step = (typeof Step)[keyof typeof Step];

const UNIT_SECONDS: Record<string, readonly [Step, bigint]> = {
  y: [Step.Year, 365n * 24n * 3600n],
  M: [Step.Month, 30n * 24n * 3600n],
  w: [Step.Week, 7n * 24n * 3600n],
  d: [Step.Day, 24n * 3600n],
  h: [Step.Hour, 3600n],
  m: [Step.Min, 60n],
  s: [Step.Sec, 1n],
};

/**
 * `ngx_parse_time(s, is_sec)`: `1h30m`, `500ms`, `10` (seconds). Returns milliseconds, or
 * seconds when `inSeconds`. As in nginx, millisecond values accept neither `y` nor `M`.
 */
export function parseTime(s: string, inSeconds: boolean): number | null {
  let value = 0n;
  let total = 0n;
  let valid = false;
  let step: Step = inSeconds ? Step.Start : Step.Month;
  let i = 0;
  while (i < s.length) {
    const c = s[i++]!;
    if (c >= "0" && c <= "9") {
      value = value * 10n + BigInt(c.charCodeAt(0) - 48);
      if (value > MAX_INT) return null;
      valid = true;
      continue;
    }
    let scale: bigint;
    if (c === "m" && s[i] === "s") {
      if (inSeconds || step >= Step.Msec) return null;
      i++;
      step = Step.Msec;
      scale = 1n;
    } else if (c in UNIT_SECONDS) {
      const [unitStep, seconds] = UNIT_SECONDS[c]!;
      if (step >= unitStep) return null;
      step = unitStep;
      scale = inSeconds ? seconds : seconds * 1000n;
    } else {
      return null;
    }
    value *= scale;
    if (value > MAX_INT || total > MAX_INT - value) return null;
    total += value;
    value = 0n;
    while (s[i] === " ") i++;
  }
  if (!valid) return null;
  if (!inSeconds) value *= 1000n;
  if (value > MAX_INT || total > MAX_INT - value) return null;
  return Number(total + value);
}

/** Digits only, at least one: what nginx's parsers accept before looking at the value. */
function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function parseScaled(s: string, units: Record<string, number>): number | null {
  if (s.length === 0) return null;
  const last = s[s.length - 1]!;
  let scale = 1;
  let digits = s;
  if (last in units) {
    scale = units[last]!;
    digits = s.slice(0, -1);
  }
  if (!isDigits(digits)) return null;
  // nginx's limit is the 64-bit ssize_t/off_t maximum, whatever the scale. Nine digits times
  // the largest scale (1024^3) stay below it: only longer numbers need the exact check.
  if (digits.length > 9 && BigInt(digits) * BigInt(scale) > MAX_INT) return null;
  return Number(digits) * scale;
}

/** `ngx_parse_size`: bytes with optional `k`/`K`, `m`/`M`. */
export function parseSize(s: string): number | null {
  return parseScaled(s, { k: 1024, K: 1024, m: 1024 * 1024, M: 1024 * 1024 });
}

/** `ngx_parse_offset`: like sizes, plus `g`/`G`. */
export function parseOffset(s: string): number | null {
  return parseScaled(s, { k: 1024, K: 1024, m: 1024 ** 2, M: 1024 ** 2, g: 1024 ** 3, G: 1024 ** 3 });
}

/** `ngx_atoi`: a non-negative decimal integer, up to the 64-bit ngx_int_t maximum. */
export function parseNumber(s: string): number | null {
  if (!isDigits(s)) return null;
  // Up to 15 digits is exact as a double and below the maximum: no BigInt for the usual case.
  if (s.length <= 15) return Number(s);
  return BigInt(s) <= MAX_INT ? Number(s) : null;
}

/** on/off, case-insensitive as `ngx_conf_set_flag_slot`. */
export function parseFlag(s: string): boolean | null {
  const l = s.toLowerCase();
  if (l === "on") return true;
  if (l === "off") return false;
  return null;
}
