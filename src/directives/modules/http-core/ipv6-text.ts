/**
 * IPv6 addresses printed as nginx prints them in messages (`ngx_inet6_ntop`): lower-case hex
 * without leading zeros, the first longest run of two or more zero groups shortened to `::`,
 * and the IPv4-mapped/compatible forms (`::ffff:1.2.3.4`, `::1.2.3.4`) in dotted notation.
 */

function wordsOf(v: bigint): number[] {
  const words: number[] = [];
  for (let i = 7; i >= 0; i--) words.push(Number((v >> BigInt(i * 16)) & 0xffffn));
  return words;
}

export function formatIPv6(v: bigint): string {
  const w = wordsOf(v);
  let zero = -1;
  let max = 1;
  let run = 0;
  let runStart = -1;
  for (let i = 0; i < 8; i++) {
    if (w[i] !== 0) {
      if (max < run) {
        zero = runStart;
        max = run;
      }
      run = 0;
      continue;
    }
    if (run++ === 0) runStart = i;
  }
  if (max < run) {
    zero = runStart;
    max = run;
  }
  let words = 8;
  let out = "";
  if (zero === 0) {
    const b14 = w[7]! >> 8;
    const b15 = w[7]! & 0xff;
    if ((max === 5 && w[5] === 0xffff) || max === 6 || (max === 7 && b14 !== 0 && b15 !== 1)) words = 6;
    out += ":";
  }
  for (let i = 0; i < words; i++) {
    if (i === zero) {
      out += ":";
      i += max - 1;
      continue;
    }
    out += w[i]!.toString(16);
    if (i < 7) out += ":";
  }
  if (words === 6) out += `${w[6]! >> 8}.${w[6]! & 0xff}.${w[7]! >> 8}.${w[7]! & 0xff}`;
  return out;
}
