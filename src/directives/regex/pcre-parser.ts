/**
 * A PCRE2 pattern reader for the patterns nginx compiles (8-bit, non-UTF, default tables):
 * it builds a small tree and refuses what `pcre2_compile()` refuses, with PCRE2's message and
 * error offset, so `tsresty -t` prints nginx's `pcre2_compile() failed: … at "…"` lines.
 * Constructs JavaScript cannot run (recursion, conditionals, most verbs) are reported as
 * unsupported instead of being silently approximated.
 */
import { ALL_BUT_LF, ALL_BYTES, literalNode, type GroupKind, type PcreNode } from "./pcre-ast.js";
import { charEscape, property, type PatternReader } from "./pcre-byte-escape.js";
import { bracket, posixEnd } from "./pcre-class.js";
import { PCRE_ERRORS as E, PcreSyntaxError, PcreUnsupportedError } from "./pcre-errors.js";
import { CLASS_ESCAPES, isDigit, isWordChar } from "./pcre-escapes.js";
import { sequenceLength } from "./pcre-length.js";

export { PcreSyntaxError, PcreUnsupportedError } from "./pcre-errors.js";

export interface ParsedPcre {
  readonly alts: PcreNode[][];
  /** Number of capturing groups (PCRE2's capture count). */
  readonly captureCount: number;
  /** Named groups in the order they appear. */
  readonly names: readonly { readonly name: string; readonly index: number }[];
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
  xx: boolean;
  n: boolean;
  U: boolean;
  J: boolean;
}

const MAX_NAME = 32;
const MAX_REPEAT = 65535;

/** Start-of-pattern settings that change nothing tsresty runs (limits, optimisations). */
const HARMLESS_START_VERBS = /^(NO_JIT|NO_START_OPT|NO_AUTO_POSSESS|NO_DOTSTAR_ANCHOR|NOTEMPTY|NOTEMPTY_ATSTART|LIMIT_(MATCH|DEPTH|HEAP|RECURSION)=\d+)$/;
const START_VERBS = /^(UTF|UCP|CR|LF|CRLF|ANYCRLF|ANY|NUL|BSR_ANYCRLF|BSR_UNICODE)$/;
const VERBS = /^(ACCEPT|COMMIT|PRUNE|SKIP|THEN|MARK)$/;
const ALPHA_ASSERTIONS: ReadonlyMap<string, GroupKind | null> = new Map([
  ["pla", "ahead"],
  ["positive_lookahead", "ahead"],
  ["nla", "notAhead"],
  ["negative_lookahead", "notAhead"],
  ["plb", "behind"],
  ["positive_lookbehind", "behind"],
  ["nlb", "notBehind"],
  ["negative_lookbehind", "notBehind"],
  ["atomic", "atomic"],
  ["napla", null],
  ["naplb", null],
  ["non_atomic_positive_lookahead", null],
  ["non_atomic_positive_lookbehind", null],
  ["sr", null],
  ["asr", null],
  ["script_run", null],
  ["atomic_script_run", null],
]);

interface PendingRef {
  readonly group: number | string;
  readonly pos: number;
  readonly recursion: boolean;
}

interface Lookbehind {
  readonly node: PcreNode & { t: "group" };
}

class Parser implements PatternReader {
  p = 0;
  private captures = 0;
  inQuote = false;
  private readonly names: { name: string; index: number }[] = [];
  private readonly refs: PendingRef[] = [];
  private readonly lookbehinds: Lookbehind[] = [];
  private readonly groupNodes = new Map<number, PcreNode>();

  constructor(readonly src: string) {}

  parse(caseless: boolean): ParsedPcre {
    const flags: Flags = { i: caseless, m: false, s: false, x: false, xx: false, n: false, U: false, J: false };
    this.startVerbs();
    const alts = this.alternatives(flags);
    if (this.p < this.src.length) throw new PcreSyntaxError(E.unmatchedParen, this.p);
    this.checkReferences();
    return { alts, captureCount: this.captures, names: this.names };
  }

  // ---- structure ----------------------------------------------------------------------

  private alternatives(flags: Flags): PcreNode[][] {
    const alts: PcreNode[][] = [this.sequence(flags)];
    while (this.src[this.p] === "|") {
      this.p++;
      alts.push(this.sequence(flags));
    }
    return alts;
  }

  private sequence(flags: Flags): PcreNode[] {
    const items: PcreNode[] = [];
    for (;;) {
      this.skipNoise(flags);
      if (this.p >= this.src.length) return items;
      const c = this.src[this.p]!;
      if (!this.inQuote && (c === "|" || c === ")")) return items;
      const atom = this.atom(flags);
      if (atom === null) continue;
      items.push(this.quantified(atom, flags));
    }
  }

  /** Skips what PCRE2 ignores between items: `\E`, `(?#…)`, callouts, and in `(?x)` white space and comments. */
  private skipNoise(flags: Flags): void {
    for (;;) {
      const s = this.src;
      if (this.inQuote) {
        if (s.startsWith("\\E", this.p)) {
          this.p += 2;
          this.inQuote = false;
          continue;
        }
        return;
      }
      const c = s[this.p];
      // Everything below starts with `\` or `(`, or is white space or `#` in `(?x)`.
      if (!flags.x && c !== "\\" && c !== "(") return;
      if (flags.x && c !== undefined && " \t\n\v\f\r".includes(c)) {
        this.p++;
        continue;
      }
      if (flags.x && c === "#") {
        while (this.p < s.length && s[this.p] !== "\n") this.p++;
        continue;
      }
      if (s.startsWith("\\E", this.p)) {
        this.p += 2;
        continue;
      }
      if (s.startsWith("\\Q", this.p)) {
        this.p += 2;
        this.inQuote = true;
        continue;
      }
      if (s.startsWith("(?#", this.p)) {
        const end = s.indexOf(")", this.p + 3);
        if (end === -1) throw new PcreSyntaxError(E.missingCommentEnd, s.length);
        this.p = end + 1;
        continue;
      }
      if (s.startsWith("(?C", this.p)) {
        // Callouts: nginx sets no callout function, so PCRE2 passes over them.
        const end = s.indexOf(")", this.p + 3);
        if (end === -1) throw new PcreSyntaxError(E.missingParen, s.length);
        this.p = end + 1;
        continue;
      }
      return;
    }
  }

  private atom(flags: Flags): PcreNode | null {
    const s = this.src;
    const c = s[this.p]!;
    if (this.inQuote) {
      this.p++;
      return this.literal(c.charCodeAt(0), flags);
    }
    switch (c) {
      case "(":
        return this.group(flags);
      case "[":
        return bracket(this, flags.i, flags.xx);
      case ".":
        this.p++;
        return { t: "set", bytes: flags.s ? ALL_BYTES : ALL_BUT_LF };
      case "^":
        this.p++;
        return { t: "assert", kind: flags.m ? "startLine" : "start" };
      case "$":
        this.p++;
        return { t: "assert", kind: flags.m ? "endLine" : "end" };
      case "\\":
        return this.escape(flags);
      case "*":
      case "+":
      case "?":
        throw new PcreSyntaxError(E.nothingToRepeat, this.p);
      case "{": {
        const q = this.braceQuantifier(this.p);
        if (q !== null) throw new PcreSyntaxError(E.nothingToRepeat, q.end - 1);
        this.p++;
        return this.literal(0x7b, flags);
      }
      default:
        this.p++;
        return this.literal(c.charCodeAt(0), flags);
    }
  }

  private literal(code: number, flags: Flags): PcreNode {
    return literalNode(code, flags.i);
  }

  private quantified(atom: PcreNode, flags: Flags): PcreNode {
    let node = atom;
    let repeated = false;
    for (;;) {
      this.skipNoise(flags);
      if (this.inQuote) return node;
      const at = this.p;
      const q = this.quantifier(at);
      if (q === null) return node;
      if (repeated || !isRepeatable(node)) {
        throw new PcreSyntaxError(E.nothingToRepeat, q.brace ? q.end - 1 : at);
      }
      this.p = q.end;
      let lazy = false;
      let possessive = false;
      if (this.src[this.p] === "?") {
        lazy = true;
        this.p++;
      } else if (this.src[this.p] === "+") {
        possessive = true;
        this.p++;
      }
      if (flags.U && !possessive) lazy = !lazy;
      node = { t: "repeat", node, min: q.min, max: q.max, lazy, possessive };
      repeated = true;
    }
  }

  private quantifier(at: number): { min: number; max: number; end: number; brace: boolean } | null {
    const c = this.src[at];
    if (c === "*") return { min: 0, max: Infinity, end: at + 1, brace: false };
    if (c === "+") return { min: 1, max: Infinity, end: at + 1, brace: false };
    if (c === "?") return { min: 0, max: 1, end: at + 1, brace: false };
    if (c === "{") {
      const q = this.braceQuantifier(at);
      return q === null ? null : { min: q.min, max: q.max, end: q.end, brace: true };
    }
    return null;
  }

  /** `{n}`, `{n,}`, `{n,m}` (PCRE2 10.42 reads `{,m}` as literal text). */
  private braceQuantifier(at: number): { min: number; max: number; end: number } | null {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(at, at + 64));
    if (m === null) return null;
    const min = Number(m[1]);
    if (min > MAX_REPEAT) throw new PcreSyntaxError(E.quantifierTooBig, at + 1 + m[1]!.length);
    let max = min;
    if (m[2] !== undefined) {
      max = m[3] === "" ? Infinity : Number(m[3]);
      if (max !== Infinity && max > MAX_REPEAT) {
        throw new PcreSyntaxError(E.quantifierTooBig, at + 2 + m[1]!.length + m[3]!.length);
      }
    }
    const end = at + m[0].length;
    if (max < min) throw new PcreSyntaxError(E.quantifierOrder, end - 1);
    return { min, max, end };
  }

  // ---- groups -------------------------------------------------------------------------

  private group(outer: Flags): PcreNode | null {
    const s = this.src;
    const start = this.p;
    this.p++;
    if (s[this.p] === "*" && (s[this.p + 1] === ":" || /[A-Za-z]/.test(s[this.p + 1] ?? ""))) {
      return this.verb(outer, start);
    }
    if (s[this.p] !== "?") {
      const capture = outer.n ? 0 : ++this.captures;
      return this.groupBody(outer, capture === 0 ? "plain" : "capture", capture, start);
    }
    this.p++;
    const c = s[this.p];
    if (c === undefined) throw new PcreSyntaxError(E.missingParen, s.length);
    switch (c) {
      case ":":
        this.p++;
        return this.groupBody(outer, "plain", 0, start);
      case "|":
        throw new PcreUnsupportedError("a branch reset group (?|...)");
      case ">":
        this.p++;
        return this.groupBody(outer, "atomic", 0, start);
      case "=":
        this.p++;
        return this.groupBody(outer, "ahead", 0, start);
      case "!":
        this.p++;
        return this.groupBody(outer, "notAhead", 0, start);
      case "<":
        if (s[this.p + 1] === "=" || s[this.p + 1] === "!") {
          const kind = s[this.p + 1] === "=" ? "behind" : "notBehind";
          this.p += 2;
          return this.groupBody(outer, kind, 0, start);
        }
        this.p++;
        return this.namedGroup(outer, ">", start);
      case "'":
        this.p++;
        return this.namedGroup(outer, "'", start);
      case "P":
        return this.pGroup(outer, start);
      case "&":
        this.p++;
        return this.recursionByName(")");
      case "(":
        throw new PcreUnsupportedError("a conditional group (?(...)...)");
      case "R":
        if (s[this.p + 1] !== ")") {
          if (this.p + 1 >= s.length) throw new PcreSyntaxError(E.recursionParen, s.length);
          throw new PcreSyntaxError(E.recursionParen, this.p + 1);
        }
        throw new PcreUnsupportedError("recursion (?R)");
      default:
        break;
    }
    if (isDigit(c) || ((c === "+" || c === "-") && isDigit(s[this.p + 1]))) return this.recursionByNumber();
    return this.optionSetting(outer, start);
  }

  private groupBody(outer: Flags, kind: GroupKind, capture: number, start: number): PcreNode {
    const inner: Flags = { ...outer };
    const alts = this.alternatives(inner);
    if (this.p >= this.src.length) throw new PcreSyntaxError(E.missingParen, this.src.length);
    this.p++;
    const node = { t: "group" as const, kind, capture, alts, pos: start };
    if (kind === "behind" || kind === "notBehind") this.lookbehinds.push({ node });
    if (capture > 0) this.groupNodes.set(capture, node);
    return node;
  }

  private namedGroup(outer: Flags, terminator: string, start: number): PcreNode {
    const name = this.readName(terminator);
    this.p++;
    if (!outer.J && this.names.some((n) => n.name === name)) throw new PcreSyntaxError(E.dupName, this.p);
    const capture = ++this.captures;
    this.names.push({ name, index: capture });
    return this.groupBody(outer, "capture", capture, start);
  }

  /** Reads a group name up to its terminator (left at `this.p`), with PCRE2's checks. */
  private readName(terminator: string): string {
    const s = this.src;
    const start = this.p;
    if (isDigit(s[start])) throw new PcreSyntaxError(E.nameDigit, start);
    while (isWordChar(s[this.p])) this.p++;
    const name = s.slice(start, this.p);
    if (name.length === 0) throw new PcreSyntaxError(E.nameExpected, this.p);
    if (name.length > MAX_NAME) throw new PcreSyntaxError(E.nameTooLong, this.p);
    if (s[this.p] !== terminator) throw new PcreSyntaxError(E.nameSyntax, this.p >= s.length ? s.length : this.p);
    return name;
  }

  private pGroup(outer: Flags, start: number): PcreNode | null {
    const s = this.src;
    this.p++;
    const c = s[this.p];
    if (c === undefined) throw new PcreSyntaxError(E.missingParen, s.length);
    if (c === "<") {
      this.p++;
      return this.namedGroup(outer, ">", start);
    }
    if (c === "=") {
      this.p++;
      const pos = this.p;
      const name = this.readName(")");
      this.p++;
      this.refs.push({ group: name, pos, recursion: false });
      return { t: "backref", group: name, pos, end: this.p };
    }
    if (c === ">") {
      this.p++;
      return this.recursionByName(")");
    }
    throw new PcreSyntaxError(E.badPChar, this.p);
  }

  private recursionByName(terminator: string): PcreNode | null {
    const pos = this.p;
    this.readName(terminator);
    this.p++;
    this.refs.push({ group: this.src.slice(pos, this.p - 1), pos, recursion: true });
    return null;
  }

  private recursionByNumber(): PcreNode | null {
    const s = this.src;
    const sign = s[this.p] === "+" || s[this.p] === "-" ? s[this.p]! : "";
    if (sign !== "") this.p++;
    const start = this.p;
    while (isDigit(s[this.p])) this.p++;
    let n = Number(s.slice(start, this.p));
    if (sign === "-") n = this.captures - n + 1;
    if (sign === "+") n = this.captures + n;
    if (s[this.p] !== ")") throw new PcreSyntaxError(this.p >= s.length ? E.missingParen : E.badGroupChar, this.p);
    this.refs.push({ group: n, pos: this.p, recursion: true });
    this.p++;
    return null;
  }

  /** `(?imnsxJU-imnsx)` for the rest of the group, or `(?i:…)` for a group of its own. */
  private optionSetting(outer: Flags, start: number): PcreNode | null {
    const s = this.src;
    const next: Flags = { ...outer };
    let on = true;
    let caret = false;
    if (s[this.p] === "^") {
      next.i = next.m = next.n = next.s = next.x = next.xx = false;
      caret = true;
      this.p++;
    }
    for (;;) {
      const c = s[this.p];
      if (c === undefined) throw new PcreSyntaxError(E.missingParen, s.length);
      if (c === ")" || c === ":") break;
      this.p++;
      switch (c) {
        case "-":
          if (!on || caret) throw new PcreSyntaxError(E.optionHyphen, this.p - 1);
          on = false;
          break;
        case "i":
        case "m":
        case "n":
        case "s":
        case "J":
        case "U":
          next[c] = on;
          break;
        case "x":
          if (on && s[this.p] === "x") {
            this.p++;
            next.xx = true;
          }
          next.x = on;
          if (!on) next.xx = false;
          break;
        default:
          throw new PcreSyntaxError(E.badGroupChar, this.p - 1);
      }
    }
    if (s[this.p] === ")") {
      this.p++;
      Object.assign(outer, next);
      return null;
    }
    this.p++;
    return this.groupBody(next, "plain", 0, start);
  }

  /** `(*VERB)` and `(*alpha_assertion:…)`. */
  private verb(flags: Flags, start: number): PcreNode | null {
    const s = this.src;
    this.p++;
    const nameStart = this.p;
    while (this.p < s.length && /[A-Za-z_0-9=]/.test(s[this.p]!)) this.p++;
    const name = s.slice(nameStart, this.p);
    const lower = /^[a-z]/.test(name);
    if (lower) {
      const kind = ALPHA_ASSERTIONS.get(name);
      if (kind === undefined || s[this.p] !== ":") throw new PcreSyntaxError(E.alphaAssertion, this.p);
      if (kind === null) throw new PcreUnsupportedError(`(*${name}:...)`);
      this.p++;
      return this.groupBody(flags, kind, 0, start);
    }
    if (s[this.p] === ":") throw new PcreUnsupportedError(`(*${name}:...)`);
    if (s[this.p] !== ")") throw new PcreSyntaxError(E.verb, this.p >= s.length ? s.length : this.p);
    this.p++;
    if (name === "FAIL" || name === "F") return { t: "fail" };
    if (VERBS.test(name)) throw new PcreUnsupportedError(`the verb (*${name})`);
    throw new PcreSyntaxError(E.verb, this.p - 1);
  }

  /** Settings such as `(*NO_JIT)` are only recognised at the start of a pattern. */
  private startVerbs(): void {
    const s = this.src;
    while (s.startsWith("(*", this.p)) {
      const m = /^\(\*([A-Z_]+(?:=\d+)?)\)/.exec(s.slice(this.p, this.p + 64));
      if (m === null) return;
      if (HARMLESS_START_VERBS.test(m[1]!)) {
        this.p += m[0].length;
        continue;
      }
      if (START_VERBS.test(m[1]!)) throw new PcreUnsupportedError(`the setting (*${m[1]})`);
      return;
    }
  }

  // ---- escapes ------------------------------------------------------------------------

  private escape(flags: Flags): PcreNode | null {
    const s = this.src;
    const at = this.p + 1;
    const c = s[at];
    if (c === undefined) throw new PcreSyntaxError(E.backslashAtEnd, s.length);
    this.p = at + 1;
    const set = CLASS_ESCAPES.get(c);
    if (set !== undefined) return { t: "set", bytes: set };
    switch (c) {
      case "b":
        return { t: "assert", kind: "wordBoundary" };
      case "B":
        return { t: "assert", kind: "notWordBoundary" };
      case "A":
      case "G":
        return { t: "assert", kind: "subjectStart" };
      case "z":
        return { t: "assert", kind: "subjectEnd" };
      case "Z":
        return { t: "assert", kind: "end" };
      case "K":
        throw new PcreUnsupportedError("\\K");
      case "R":
        return { t: "newline" };
      case "X":
        throw new PcreUnsupportedError("\\X");
      case "C":
        return { t: "set", bytes: ALL_BYTES };
      case "N":
        if (s.startsWith("{U+", this.p)) throw new PcreSyntaxError(E.nUnicode, this.p);
        if (s[this.p] === "{") throw new PcreSyntaxError(E.perlEscape, this.p);
        return { t: "set", bytes: ALL_BUT_LF };
      case "p":
      case "P":
        property(this);
        throw new PcreUnsupportedError(`\\${c} (Unicode properties)`);
      case "g":
        return this.gReference();
      case "k":
        return this.kReference();
      default:
        break;
    }
    if (c >= "1" && c <= "9") {
      const backref = this.numberedBackref(at);
      if (backref !== null) return backref;
    }
    const code = charEscape(this, c, at, false);
    return this.literal(code, flags);
  }

  /** `\1`…`\9` are back references; `\10` and up only when that many groups were opened. */
  private numberedBackref(at: number): PcreNode | null {
    const s = this.src;
    let end = at;
    while (isDigit(s[end])) end++;
    const n = Number(s.slice(at, end));
    if (n >= 10 && n > this.captures && s[at] !== "8" && s[at] !== "9") return null;
    this.p = end;
    this.refs.push({ group: n, pos: at, recursion: false });
    return { t: "backref", group: n, pos: at, end };
  }

  private gReference(): PcreNode {
    const s = this.src;
    const c = s[this.p];
    if (c === "<" || c === "'") throw new PcreUnsupportedError("a subroutine call \\g<...>");
    let m: RegExpExecArray | null;
    if (c === "{") {
      m = /^\{(-?\d+|[A-Za-z_]\w*)\}/.exec(s.slice(this.p));
    } else {
      m = /^(-?\d+)/.exec(s.slice(this.p));
    }
    if (m === null) throw new PcreSyntaxError(E.gSyntax, this.p >= s.length ? s.length : this.p);
    const pos = this.p;
    this.p += m[0].length;
    const ref = m[1]!;
    let group: number | string;
    if (/^-?\d+$/.test(ref)) {
      const n = Number(ref);
      group = n < 0 ? this.captures + n + 1 : n;
      if (n === 0) throw new PcreSyntaxError(E.noSuchGroup, this.p);
    } else {
      group = ref;
    }
    this.refs.push({ group, pos: c === "{" ? pos + 1 : pos, recursion: false });
    return { t: "backref", group, pos, end: this.p };
  }

  private kReference(): PcreNode {
    const s = this.src;
    const open = s[this.p];
    const close = open === "<" ? ">" : open === "'" ? "'" : open === "{" ? "}" : null;
    if (close === null) throw new PcreSyntaxError(E.kSyntax, this.p >= s.length ? s.length : this.p);
    this.p++;
    const pos = this.p;
    const name = this.readName(close);
    this.p++;
    this.refs.push({ group: name, pos, recursion: false });
    return { t: "backref", group: name, pos, end: this.p };
  }

  // ---- checks after parsing -----------------------------------------------------------

  private checkReferences(): void {
    if (this.refs.length === 0 && this.lookbehinds.length === 0) return;
    for (const r of this.refs) {
      if (typeof r.group === "number" && (r.group > this.captures || r.group <= 0)) {
        throw new PcreSyntaxError(E.noSuchGroup, r.pos);
      }
    }
    const groupOf = (ref: number | string): PcreNode | undefined => {
      const index = typeof ref === "number" ? ref : this.names.find((n) => n.name === ref)?.index;
      return index === undefined ? undefined : this.groupNodes.get(index);
    };
    for (const lb of this.lookbehinds) {
      for (const alt of lb.node.alts) {
        if (sequenceLength(alt, groupOf, 0) === null) throw new PcreSyntaxError(E.lookbehindLength, lb.node.pos);
      }
    }
    for (const r of this.refs) {
      if (typeof r.group === "string" && !this.names.some((n) => n.name === r.group)) {
        throw new PcreSyntaxError(E.noSuchGroup, r.pos);
      }
    }
    const recursion = this.refs.find((r) => r.recursion);
    if (recursion !== undefined) throw new PcreUnsupportedError("recursion (subroutine calls)");
  }
}

function isRepeatable(node: PcreNode): boolean {
  return node.t !== "assert";
}

/** Parses a PCRE2 pattern (a latin1 byte string) as `pcre2_compile()` would with nginx's options. */
export function parsePcre(pattern: string, caseless: boolean): ParsedPcre {
  return new Parser(pattern).parse(caseless);
}
