/**
 * Prints a parsed PCRE2 pattern as a JavaScript regex that matches the same byte strings
 * (latin1 JavaScript strings, no flags). What differs between the engines is spelled out:
 * `.`/`$`/`\s` use PCRE2's newline and space rules, caseless matching folds ASCII letters only
 * (the sets are already folded), and atomic groups and possessive quantifiers are emulated with
 * a lookahead and a back reference (`(?=(X))\N`), which adds JavaScript groups — hence the map
 * from PCRE2 group numbers to JavaScript ones.
 */
import type { AssertKind, ByteSet, PcreNode } from "./pcre-ast.js";
import type { ParsedPcre } from "./pcre-parser.js";

export interface JsPattern {
  readonly source: string;
  /** `jsGroup[n]` is the JavaScript group holding PCRE2 group `n` (`jsGroup[0] = 0`). */
  readonly jsGroup: readonly number[];
}

// The JavaScript regex has no flags, so its `^` and `$` are the subject's start and end.
export const ASSERTIONS: Record<AssertKind, string> = {
  start: "^",
  startLine: "(?<![^\\n])",
  // PCRE2's `$`: the very end, or before a newline that ends the subject.
  end: "(?=\\n?$)",
  endLine: "(?=\\n|$)",
  subjectStart: "^",
  subjectEnd: "$",
  wordBoundary: "\\b",
  notWordBoundary: "\\B",
};

const REF_OPEN = "\uE000";
const REF_CLOSE = "\uE001";

function hex(c: number): string {
  return "\\x" + c.toString(16).padStart(2, "0");
}

/** One byte as a regex atom: letters and digits as themselves, anything else escaped. */
const BYTE_ATOMS: readonly string[] = Array.from({ length: 256 }, (_, c) => {
  const ch = String.fromCharCode(c);
  return /[A-Za-z0-9_]/.test(ch) ? ch : hex(c);
});

export function byteAtom(c: number): string {
  return BYTE_ATOMS[c]!;
}

function classBody(bytes: ByteSet): string {
  let out = "";
  for (let c = 0; c < 256; c++) {
    if (bytes[c] !== 1) continue;
    let end = c;
    while (end < 255 && bytes[end + 1] === 1) end++;
    out += end === c ? byteAtom(c) : end === c + 1 ? byteAtom(c) + byteAtom(end) : `${byteAtom(c)}-${byteAtom(end)}`;
    c = end;
  }
  return out;
}

/** Sets are never changed once parsed, and shared ones (literals, `\d`) are printed often. */
const printedSets = new WeakMap<ByteSet, string>();

/** A set of bytes as one regex atom (a byte, or a class). */
export function setSource(bytes: ByteSet): string {
  let out = printedSets.get(bytes);
  if (out === undefined) printedSets.set(bytes, (out = printSet(bytes)));
  return out;
}

function printSet(bytes: ByteSet): string {
  let count = 0;
  let only = -1;
  for (let c = 0; c < 256; c++) {
    if (bytes[c] === 1) {
      count++;
      only = c;
    }
  }
  if (count === 1) return byteAtom(only);
  if (count === 256) return "[\\s\\S]";
  if (count > 128) {
    const inverse = new Uint8Array(256);
    for (let c = 0; c < 256; c++) inverse[c] = bytes[c] === 1 ? 0 : 1;
    return `[^${classBody(inverse)}]`;
  }
  return `[${classBody(bytes)}]`;
}

/** A greedy quantifier, in its shortest form. */
export function quantifierSource(min: number, max: number): string {
  if (min === 0 && max === Infinity) return "*";
  if (min === 1 && max === Infinity) return "+";
  if (min === 0 && max === 1) return "?";
  if (min === max) return `{${min}}`;
  return `{${min},${max === Infinity ? "" : String(max)}}`;
}

class Printer {
  private js = 0;
  readonly jsGroup: number[] = [0];

  alts(alts: readonly PcreNode[][]): string {
    let out = "";
    for (let a = 0; a < alts.length; a++) {
      if (a > 0) out += "|";
      for (const n of alts[a]!) out += this.node(n);
    }
    return out;
  }

  private node(n: PcreNode): string {
    switch (n.t) {
      case "set":
        return setSource(n.bytes);
      case "assert":
        return ASSERTIONS[n.kind];
      case "fail":
        return "(?!)";
      case "newline":
        return "(?:\\r\\n|[\\n\\v\\f\\r\\x85])";
      case "backref":
        return `(?:\\${REF_OPEN}${String(n.group)}${REF_CLOSE})`;
      case "group":
        return this.group(n);
      case "repeat":
        return this.repeat(n);
    }
  }

  private group(n: PcreNode & { t: "group" }): string {
    switch (n.kind) {
      case "capture": {
        this.jsGroup[n.capture] = ++this.js;
        return `(${this.alts(n.alts)})`;
      }
      case "plain":
        return `(?:${this.alts(n.alts)})`;
      case "atomic":
        return this.atomic(() => this.alts(n.alts));
      case "ahead":
        return `(?=${this.alts(n.alts)})`;
      case "notAhead":
        return `(?!${this.alts(n.alts)})`;
      case "behind":
        return `(?<=${this.alts(n.alts)})`;
      case "notBehind":
        return `(?<!${this.alts(n.alts)})`;
    }
  }

  /** Matches what `body` matches first and never gives any of it back. */
  private atomic(body: () => string): string {
    const index = ++this.js;
    return `(?:(?=(${body()}))\\${index})`;
  }

  private repeat(n: PcreNode & { t: "repeat" }): string {
    return n.possessive ? this.atomic(() => this.quantified(n)) : this.quantified(n);
  }

  private quantified(n: PcreNode & { t: "repeat" }): string {
    const inner = this.node(n.node);
    // Lookarounds and multi-atom pieces need a group of their own before a quantifier.
    const atom = n.node.t === "set" || (n.node.t === "group" && (n.node.kind === "capture" || n.node.kind === "plain")) ? inner : `(?:${inner})`;
    return atom + quantifierSource(n.min, n.max) + (n.lazy && !n.possessive ? "?" : "");
  }
}

export function toJsPattern(parsed: ParsedPcre): JsPattern {
  const printer = new Printer();
  const raw = printer.alts(parsed.alts);
  if (!raw.includes(REF_OPEN)) return { source: raw, jsGroup: printer.jsGroup };
  const byName = new Map(parsed.names.map((n) => [n.name, n.index]));
  const source = raw.replace(new RegExp(`${REF_OPEN}([^${REF_CLOSE}]*)${REF_CLOSE}`, "g"), (_m, ref: string) => {
    const pcre = /^\d+$/.test(ref) ? Number(ref) : byName.get(ref)!;
    return String(printer.jsGroup[pcre]);
  });
  return { source, jsGroup: printer.jsGroup };
}
