/**
 * Byte-level rules of nginx's conf lexer (`ngx_conf_read_token`), shared by the conf lexer and
 * the buffer rule. See nginx-conf.md §1.2.
 */

/** nginx's NGX_CONF_BUFFER: a word must be shorter than this many bytes. */
export const CONF_BUFFER = 4096;

const SPACE = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0d, 0x0a]) SPACE[c] = 1;

/** Exactly space, TAB, CR and LF: form feed, VT and NBSP are word bytes in nginx. */
export function isConfSpace(code: number): boolean {
  return code < 256 && SPACE[code] === 1;
}

/** nginx translates only these six escapes; any other `\x` keeps both bytes. */
export function unescapeWord(raw: string): string {
  if (raw.indexOf("\\") === -1) return raw;
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === "\\" && i + 1 < raw.length) {
      const next = raw[i + 1];
      switch (next) {
        case '"':
        case "'":
        case "\\":
          out += next;
          i++;
          continue;
        case "t":
          out += "\t";
          i++;
          continue;
        case "r":
          out += "\r";
          i++;
          continue;
        case "n":
          out += "\n";
          i++;
          continue;
        default:
          out += ch + next;
          i++;
          continue;
      }
    }
    out += ch;
  }
  return out;
}

/** The line counter at byte `offset`: nginx counts LF only (CRLF files count once). */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  let i = text.indexOf("\n");
  while (i !== -1 && i < offset) {
    line++;
    i = text.indexOf("\n", i + 1);
  }
  return line;
}
