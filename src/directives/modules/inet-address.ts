/**
 * Address text as nginx reads it in `allow`/`deny` (`ngx_inet_addr`, `ngx_inet6_addr`,
 * `ngx_ptocidr`). The acceptance rules are nginx's, not the RFCs': empty IPv4 octets count as 0
 * (`1..2.3` is 1.0.2.3), leading zeros are decimal, and an IPv6 address may end in a dotted quad.
 */

/**
 * An IPv4 address as an unsigned 32-bit number, or null. 255.255.255.255 is null too: nginx
 * returns it as its INADDR_NONE failure value, so `allow 255.255.255.255` is an invalid parameter.
 */
export function parseIPv4(s: string): number | null {
  let addr = 0;
  let octet = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      octet = octet * 10 + (c - 48);
      if (octet > 255) return null;
      continue;
    }
    if (c === 46 && dots < 3) {
      addr = addr * 256 + octet;
      octet = 0;
      dots++;
      continue;
    }
    return null;
  }
  if (dots !== 3) return null;
  const v = addr * 256 + octet;
  return v === 0xffffffff ? null : v;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

/**
 * An IPv6 address as a 128-bit bigint, or null. One `::` may stand for any run of zero groups;
 * the last 32 bits may be written as a dotted quad after at least one group.
 */
export function parseIPv6(s: string): bigint | null {
  if (s.length === 0) return null;
  const words: number[] = [];
  let zeroAt = -1;
  let word = 0;
  let nibbles = 0;
  // Where the current group started: a dotted quad is re-read from there.
  let groupStart = -1;
  let i = s[0] === ":" ? 1 : 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 58) {
      if (nibbles > 0) {
        words.push(word);
        if (words.length === 8) return null;
        word = 0;
        nibbles = 0;
        groupStart = i + 1;
        continue;
      }
      if (zeroAt === -1) {
        zeroAt = words.length;
        groupStart = i + 1;
        continue;
      }
      return null;
    }
    if (c === 46 && nibbles > 0) {
      if (words.length > 6 || groupStart === -1) return null;
      const v4 = parseIPv4(s.slice(groupStart));
      if (v4 === null) return null;
      words.push(Math.floor(v4 / 65536));
      word = v4 & 0xffff;
      nibbles = 1;
      break;
    }
    if (++nibbles > 4) return null;
    const d = hexDigit(c);
    if (d < 0) return null;
    word = word * 16 + d;
  }
  if (nibbles === 0 && zeroAt === -1) return null;
  words.push(word);
  if (words.length === 8) {
    if (zeroAt !== -1) return null;
  } else {
    if (zeroAt === -1) return null;
    words.splice(zeroAt, 0, ...new Array<number>(8 - words.length).fill(0));
  }
  let v = 0n;
  for (const w of words) v = (v << 16n) | BigInt(w);
  return v;
}

/** A parsed `address[/bits]`: the network (host bits cleared) and its mask. */
export type Cidr =
  | { readonly family: "ipv4"; readonly address: number; readonly mask: number }
  | { readonly family: "ipv6"; readonly address: bigint; readonly mask: bigint };

export interface CidrResult {
  readonly cidr: Cidr;
  /** The address had bits set below the mask (nginx warns "low address bits … are meaningless"). */
  readonly hostBitsSet: boolean;
}

const ALL_V6 = (1n << 128n) - 1n;

/** `ngx_ptocidr`: null for anything nginx rejects. */
export function parseCidr(text: string): CidrResult | null {
  const slash = text.indexOf("/");
  const addrText = slash === -1 ? text : text.slice(0, slash);
  const bitsText = slash === -1 ? null : text.slice(slash + 1);
  const bits = bitsText === null ? null : /^[0-9]+$/.test(bitsText) ? Number(bitsText) : NaN;
  if (Number.isNaN(bits)) return null;

  const v4 = parseIPv4(addrText);
  if (v4 !== null) {
    if (bits === null) return { cidr: { family: "ipv4", address: v4, mask: 0xffffffff }, hostBitsSet: false };
    if (bits > 32) return null;
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    const net = (v4 & mask) >>> 0;
    return { cidr: { family: "ipv4", address: net, mask }, hostBitsSet: net !== v4 };
  }
  const v6 = parseIPv6(addrText);
  if (v6 === null) return null;
  if (bits === null) return { cidr: { family: "ipv6", address: v6, mask: ALL_V6 }, hostBitsSet: false };
  if (bits > 128) return null;
  const mask = bits === 0 ? 0n : (ALL_V6 << BigInt(128 - bits)) & ALL_V6;
  const net = v6 & mask;
  return { cidr: { family: "ipv6", address: net, mask }, hostBitsSet: net !== v6 };
}
