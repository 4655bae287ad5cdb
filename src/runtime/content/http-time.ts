/**
 * Parsing the dates of If-Modified-Since, If-Unmodified-Since and If-Range the way nginx's
 * `ngx_parse_http_time` does, leniency included (all verified against nginx 1.22):
 *
 *   RFC 1123  `Sun, 06 Nov 1994 08:49:37 GMT`   the weekday is skipped unread, anything after
 *   RFC 850   `Sunday, 06-Nov-94 08:49:37 GMT`  the seconds is ignored (`GMTxxx`, nothing);
 *   asctime   `Sun Nov  6 08:49:37 1994`        two-digit years < 70 are 20xx.
 *
 * Months are recognised by as few letters as nginx reads (`Jxx` is July); a bad day of the
 * month, hour > 23, minute or second > 59, or a missing digit makes the date invalid.
 */

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0x30 && c <= 0x39 ? c - 0x30 : -1;
}

/** Two (or four) digits at `i`, or -1. */
function digits(s: string, i: number, n: 2 | 4): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = digit(s, i + k);
    if (d < 0) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** nginx tells months apart by the letters that differ (0 = January). */
function monthAt(s: string, i: number): number {
  switch (s[i]) {
    case "J":
      return s[i + 1] === "a" ? 0 : s[i + 2] === "n" ? 5 : 6;
    case "F":
      return 1;
    case "M":
      return s[i + 2] === "r" ? 2 : 4;
    case "A":
      return s[i + 1] === "p" ? 3 : 7;
    case "S":
      return 8;
    case "O":
      return 9;
    case "N":
      return 10;
    case "D":
      return 11;
    default:
      return -1;
  }
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Seconds since the epoch, or `null` when nginx would find the date invalid. */
export function parseHttpTime(value: string): number | null {
  const end = value.length;
  // The weekday is skipped: up to a comma (RFC 1123/850) or a space (asctime).
  let p = 0;
  let asctime = false;
  for (; p < end; p++) {
    if (value[p] === ",") break;
    if (value[p] === " ") {
      asctime = true;
      break;
    }
  }
  p++;
  while (p < end && value[p] === " ") p++;
  if (end - p < 18) return null;

  let day = 0;
  let rfc850 = false;
  if (!asctime) {
    day = digits(value, p, 2);
    if (day < 0) return null;
    p += 2;
    if (value[p] === " ") {
      if (end - p < 18) return null;
    } else if (value[p] === "-") {
      rfc850 = true;
    } else {
      return null;
    }
    p++;
  }

  const month = monthAt(value, p);
  if (month < 0) return null;
  p += 3;

  let year = 0;
  if (!asctime) {
    if (value[p] !== (rfc850 ? "-" : " ")) return null;
    p++;
    if (rfc850) {
      year = digits(value, p, 2);
      if (year < 0) return null;
      year += year < 70 ? 2000 : 1900;
      p += 2;
    } else {
      year = digits(value, p, 4);
      if (year < 0) return null;
      p += 4;
    }
  } else {
    p++;
    if (value[p] === " ") p++;
    const d1 = digit(value, p);
    if (d1 < 0) return null;
    day = d1;
    p++;
    if (value[p] !== " ") {
      const d2 = digit(value, p);
      if (d2 < 0) return null;
      day = day * 10 + d2;
      p++;
    }
    if (end - p < 14) return null;
  }

  if (value[p] !== " ") return null;
  p++;
  const hour = digits(value, p, 2);
  if (hour < 0 || value[p + 2] !== ":") return null;
  p += 3;
  const min = digits(value, p, 2);
  if (min < 0 || value[p + 2] !== ":") return null;
  p += 3;
  const sec = digits(value, p, 2);
  if (sec < 0) return null;
  if (asctime) {
    p += 2;
    if (value[p] !== " ") return null;
    year = digits(value, p + 1, 4);
    if (year < 0) return null;
  }

  if (hour > 23 || min > 59 || sec > 59) return null;
  if (month === 1 && day === 29) {
    if (!isLeap(year)) return null;
  } else if (day > DAYS_IN_MONTH[month]!) {
    return null;
  }
  // Day 0 is accepted and means the last day of the previous month, as in nginx.
  // (Date.UTC would read years 0-99 as 19xx; setUTCFullYear takes them as written.)
  const t = new Date(0);
  t.setUTCFullYear(year, month, day);
  t.setUTCHours(hour, min, sec, 0);
  return t.getTime() / 1000;
}
