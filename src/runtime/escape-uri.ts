/**
 * nginx's `ngx_escape_uri(…, NGX_ESCAPE_URI)`: the bytes a URI path may not carry as is become
 * `%XX` (upper-case hex): controls, space, `"`, `#`, `%`, `<`, `>`, `?`, `\`, `^`, backtick,
 * `{`, `|`, `}`, DEL and bytes above 0x7f.
 */
const ESCAPED = new Uint8Array(256);
for (let c = 0; c < 0x21; c++) ESCAPED[c] = 1;
for (let c = 0x7f; c < 0x100; c++) ESCAPED[c] = 1;
for (const ch of "\"#%<>?\\^`{|}") ESCAPED[ch.charCodeAt(0)] = 1;

export function escapeUri(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) & 0xff;
    out += ESCAPED[c] === 1 ? `%${c.toString(16).toUpperCase().padStart(2, "0")}` : s[i];
  }
  return out;
}
