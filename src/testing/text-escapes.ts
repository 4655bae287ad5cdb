// The `escape` modifier: `\r \n \t \0 \\ \xHH \u{H…}` (spec-format.md §3).
//
// `\xHH` stands for one byte, which a JS string cannot hold once HH >= 0x80 (UTF-8 would turn it
// into two). So the result is a string while every byte escape stays ASCII, and a Buffer — the
// literal text as UTF-8 with the escaped bytes spliced in — as soon as one does not. Malformed
// raw requests usually need only ASCII control bytes, so the string form is the common one.

const ESCAPE = /\\(?:x([0-9A-Fa-f]{2})|u\{([0-9A-Fa-f]{1,6})\}|(.)|$)/gs;

export class EscapeError extends Error {}

export function unescapeText(text: string): string | Buffer {
  const parts: (string | Buffer)[] = [];
  let binary = false;
  let last = 0;
  for (const m of text.matchAll(ESCAPE)) {
    parts.push(text.slice(last, m.index));
    last = m.index + m[0].length;
    const [, hex, codePoint, simple] = m;
    if (hex !== undefined) {
      const byte = parseInt(hex, 16);
      if (byte >= 0x80) binary = true;
      parts.push(byte >= 0x80 ? Buffer.from([byte]) : String.fromCharCode(byte));
    } else if (codePoint !== undefined) {
      const cp = parseInt(codePoint, 16);
      if (cp > 0x10ffff) throw new EscapeError(`\\u{${codePoint}} is beyond U+10FFFF`);
      parts.push(String.fromCodePoint(cp));
    } else if (simple !== undefined) {
      parts.push(simpleEscape(simple));
    } else {
      throw new EscapeError("a lone backslash ends the text");
    }
  }
  parts.push(text.slice(last));
  if (!binary) return parts.join("");
  return Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : p)));
}

function simpleEscape(c: string): string {
  switch (c) {
    case "r":
      return "\r";
    case "n":
      return "\n";
    case "t":
      return "\t";
    case "0":
      return "\0";
    case "\\":
      return "\\";
    default:
      throw new EscapeError(`unknown escape "\\${c}" (known: \\r \\n \\t \\0 \\\\ \\xHH \\u{H…})`);
  }
}
