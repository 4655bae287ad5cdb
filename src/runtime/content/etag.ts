/**
 * Entity tags of static files and the If-Match / If-None-Match lists, as nginx writes and
 * compares them (`ngx_http_set_etag`, `ngx_http_test_if_match`).
 */

/**
 * `"<mtime hex>-<size hex>"`, lower-case hex of the modification time in seconds and of the
 * size. nginx prints the time as an unsigned 64-bit number, so a time before 1970 wraps.
 */
export function staticEtag(mtimeSeconds: number, size: number): string {
  const time = BigInt.asUintN(64, BigInt(mtimeSeconds)).toString(16);
  return `"${time}-${size.toString(16)}"`;
}

function skipSpaces(s: string, i: number): number {
  while (i < s.length && (s[i] === " " || s[i] === "\t")) i++;
  return i;
}

/**
 * Whether a comma-separated list names `etag`: `*` alone matches anything, even a response
 * without an ETag. Entries are compared byte for byte (no unquoting); `weak` (If-None-Match)
 * lets `W/"…"` match the strong tag, while If-Match needs the tag exactly.
 */
export function etagListMatches(list: string, etag: string | null, weak: boolean): boolean {
  if (list === "*") return true;
  if (etag === null) return false;
  let i = 0;
  const end = list.length;
  while (i < end) {
    if (weak && end - i > 2 && list[i] === "W" && list[i + 1] === "/") i += 2;
    if (etag.length > end - i) return false;
    if (list.startsWith(etag, i)) {
      const after = skipSpaces(list, i + etag.length);
      if (after === end || list[after] === ",") return true;
    }
    // Not this one: on to the entry after the next comma.
    while (i < end && list[i] !== ",") i++;
    while (i < end && (list[i] === " " || list[i] === "\t" || list[i] === ",")) i++;
  }
  return false;
}
