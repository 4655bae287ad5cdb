/** The time formats of `$time_local`, `$time_iso8601`, `$msec` and the `Date` header. */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function p2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function offset(d: Date, colon: boolean): string {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? "+" : "-";
  const a = Math.abs(off);
  return `${sign}${p2(Math.floor(a / 60))}${colon ? ":" : ""}${p2(a % 60)}`;
}

/** `23/Nov/2026:18:43:59 +0000` */
export function timeLocal(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getDate())}/${MONTHS[d.getMonth()]}/${d.getFullYear()}:${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())} ${offset(d, false)}`;
}

/** `2026-11-23T18:43:59+00:00` */
export function timeIso8601(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}T${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}${offset(d, true)}`;
}

/** `1795459439.123` */
export function msec(ms: number): string {
  return (ms / 1000).toFixed(3);
}

let httpDateSecond = -1;
let httpDateText = "";

/** `Mon, 23 Nov 2026 18:43:59 GMT`, cached per second (every response carries one). */
export function httpDate(ms: number = Date.now()): string {
  const sec = Math.floor(ms / 1000);
  if (sec === httpDateSecond) return httpDateText;
  httpDateSecond = sec;
  httpDateText = formatHttpDate(sec * 1000);
  return httpDateText;
}

export function formatHttpDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`;
}

let logSecond = -1;
let logStamp = "";

/** `YYYY/MM/DD HH:MM:SS` in local time: the stamp of error-log lines, cached per second. */
export function errorLogTime(now: number = Date.now()): string {
  const sec = Math.floor(now / 1000);
  if (sec !== logSecond) {
    const d = new Date(sec * 1000);
    logStamp = `${d.getFullYear()}/${p2(d.getMonth() + 1)}/${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}`;
    logSecond = sec;
  }
  return logStamp;
}
