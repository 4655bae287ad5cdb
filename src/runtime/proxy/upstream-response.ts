/**
 * Reading an upstream's status line and headers the way nginx's proxy module does: what it
 * accepts (bare LF line ends, headers without a colon, IIS's repeated status lines, any
 * status text), what makes it give up ("upstream sent invalid header"), and that a reply not
 * starting with a status line is an HTTP/0.9 body. The head is parsed again from the start
 * as bytes arrive: it is at most proxy_buffer_size bytes, so keeping state is not worth it.
 */
import type { HeaderList } from "../http/types.js";

export interface UpstreamResponseHead {
  /** nginx's version number: 1000 × major + minor (1001 is HTTP/1.1). */
  readonly version: number;
  readonly status: number;
  /** The status line from the code on (`200 OK`, `599`): nginx sends it to the client as is. */
  readonly statusLine: string;
  readonly headers: HeaderList;
}

export type HeadParse =
  | { readonly kind: "incomplete" }
  /** Not an HTTP/1.x status line: nginx passes the bytes on as an HTTP/0.9 response. */
  | { readonly kind: "no-status-line" }
  /** A header line nginx refuses; `shown` is its log text (`"Bad\x20..."`, quotes included). */
  | { readonly kind: "invalid-header"; readonly shown: string }
  | { readonly kind: "head"; readonly head: UpstreamResponseHead; readonly consumed: number };

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const INCOMPLETE: HeadParse = { kind: "incomplete" };
const NO_STATUS_LINE: HeadParse = { kind: "no-status-line" };

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Header name bytes nginx hashes: letters, digits, `-` and (for upstreams) `_`. */
function isNameByte(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x5f;
}

interface StatusLine {
  readonly version: number;
  readonly status: number;
  readonly text: string;
  readonly end: number;
}

/** The status line: `HTTP/<major>.<minor> <3 digits>[ text]`, CRLF or LF. */
function parseStatusLine(b: Buffer): StatusLine | "incomplete" | "invalid" {
  const prefix = "HTTP/";
  for (let i = 0; i < prefix.length; i++) {
    if (i >= b.length) return "incomplete";
    if (b[i] !== prefix.charCodeAt(i)) return "invalid";
  }
  let p = prefix.length;
  let major = 0;
  let digits = 0;
  for (; p < b.length && b[p] !== 0x2e; p++) {
    const c = b[p]!;
    if (!isDigit(c) || (digits === 0 && c === 0x30) || major > 99) return "invalid";
    major = major * 10 + (c - 0x30);
    digits++;
  }
  if (p >= b.length) return "incomplete";
  if (digits === 0) return "invalid";
  p++;
  let minor = 0;
  digits = 0;
  for (; p < b.length && b[p] !== SP; p++) {
    const c = b[p]!;
    if (!isDigit(c) || minor > 99) return "invalid";
    minor = minor * 10 + (c - 0x30);
    digits++;
  }
  if (p >= b.length) return "incomplete";
  if (digits === 0) return "invalid";
  while (p < b.length && b[p] === SP) p++;
  const codeStart = p;
  let status = 0;
  for (; p < codeStart + 3; p++) {
    if (p >= b.length) return "incomplete";
    if (!isDigit(b[p]!)) return "invalid";
    status = status * 10 + (b[p]! - 0x30);
  }
  if (p >= b.length) return "incomplete";
  const after = b[p]!;
  if (after !== SP && after !== 0x2e && after !== CR && after !== LF) return "invalid";
  // Any text up to the line end (IIS sends `403.1`).
  let textEnd = p;
  while (textEnd < b.length && b[textEnd] !== CR && b[textEnd] !== LF) textEnd++;
  if (textEnd >= b.length) return "incomplete";
  let end = textEnd + 1;
  if (b[textEnd] === CR) {
    if (end >= b.length) return "incomplete";
    if (b[end] !== LF) return "invalid";
    end++;
  }
  return { version: major * 1000 + minor, status, text: b.toString("latin1", codeStart, textEnd), end };
}

/** nginx's text for a refused header line: the line up to the bad byte, then that byte in hex. */
function shownInvalid(b: Buffer, start: number, bad: number): string {
  const hex = (b[bad] ?? 0).toString(16).padStart(2, "0");
  return `"${b.toString("latin1", start, bad)}\\x${hex}..."`;
}

type HeaderLine = { readonly kind: "header"; readonly name: string; readonly value: string; readonly next: number } | { readonly kind: "skip"; readonly next: number } | { readonly kind: "end"; readonly next: number } | { readonly kind: "incomplete" } | { readonly kind: "invalid"; readonly shown: string };

/** One header line starting at `start`. */
function parseHeaderLine(b: Buffer, start: number): HeaderLine {
  if (start >= b.length) return { kind: "incomplete" };
  const first = b[start]!;
  if (first === LF) return { kind: "end", next: start + 1 };
  if (first === CR) {
    if (start + 1 >= b.length) return { kind: "incomplete" };
    if (b[start + 1] !== LF) return { kind: "invalid", shown: shownInvalid(b, start, start) };
    return { kind: "end", next: start + 2 };
  }
  if (!isNameByte(first) && (first <= SP || first === 0x7f || first === 0x3a)) {
    return { kind: "invalid", shown: shownInvalid(b, start, start) };
  }
  let p = start + 1;
  // The name: up to `:`, or a line end (a header without a value).
  for (;;) {
    if (p >= b.length) return { kind: "incomplete" };
    const c = b[p]!;
    if (c === 0x3a || c === CR || c === LF) break;
    if (c === 0x2f && p - start === 4 && b.toString("latin1", start, p) === "HTTP") {
      // IIS may repeat its status line among the headers: nginx skips the line.
      const lf = b.indexOf(LF, p);
      return lf === -1 ? { kind: "incomplete" } : { kind: "skip", next: lf + 1 };
    }
    if (!isNameByte(c) && (c <= SP || c === 0x7f)) return { kind: "invalid", shown: shownInvalid(b, start, p) };
    p++;
  }
  const name = b.toString("latin1", start, p);
  let valueStart = p;
  let valueEnd = p;
  if (b[p] === 0x3a) {
    p++;
    while (p < b.length && b[p] === SP) p++;
    valueStart = p;
    valueEnd = p;
    // The value ends at the line end; spaces before it are not part of it.
    for (;;) {
      if (p >= b.length) return { kind: "incomplete" };
      const c = b[p]!;
      if (c === CR || c === LF) break;
      if (c === 0) return { kind: "invalid", shown: shownInvalid(b, start, p) };
      p++;
      if (c !== SP) valueEnd = p;
    }
  }
  if (b[p] === CR) {
    // After a CR only LF (or more CRs) may follow.
    let q = p + 1;
    while (q < b.length && b[q] === CR) q++;
    if (q >= b.length) return { kind: "incomplete" };
    if (b[q] !== LF) return { kind: "invalid", shown: shownInvalid(b, start, valueEnd) };
    p = q;
  }
  return { kind: "header", name, value: b.toString("latin1", valueStart, valueEnd), next: p + 1 };
}

/** Parses the response head at the start of `b`. */
export function parseResponseHead(b: Buffer): HeadParse {
  const line = parseStatusLine(b);
  if (line === "incomplete") return INCOMPLETE;
  if (line === "invalid") return NO_STATUS_LINE;
  const headers: HeaderList = [];
  let p = line.end;
  for (;;) {
    const h = parseHeaderLine(b, p);
    switch (h.kind) {
      case "incomplete":
        return INCOMPLETE;
      case "invalid":
        return { kind: "invalid-header", shown: h.shown };
      case "skip":
        p = h.next;
        continue;
      case "header":
        headers.push([h.name, h.value]);
        p = h.next;
        continue;
      case "end":
        return {
          kind: "head",
          head: { version: line.version, status: line.status, statusLine: line.text, headers },
          consumed: h.next,
        };
    }
  }
}
