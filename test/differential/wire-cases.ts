/**
 * Seeded request bytes for the wire fuzz: hand-shaped families of malformed heads (bad
 * methods and versions, lines around the 8k buffer limits, Host trouble, Content-Length and
 * Transfer-Encoding conflicts, chunked garbage, NUL bytes, bare LF and CR, absolute-form
 * targets, header oddities), pipelined mixes of good and bad requests, and random byte
 * mutations of valid requests. Each case is sent on its own connection, whole or split into
 * packets, then either half-closed or left open.
 */
import type { SeededRandom } from "./seeded-random.js";

export interface WireCase {
  readonly family: string;
  /** The request bytes as written: one write, or a few a moment apart (split anywhere). */
  readonly packets: readonly Buffer[];
  /** Half-close after writing (else the connection stays open until the server is done). */
  readonly shutdown: boolean;
  /** The intended method of each request, in order (HEAD answers carry no body). */
  readonly methods: readonly string[];
  /** Certainly malformed in nginx's eyes: no request in it may reach the handler. */
  readonly malformed: boolean;
}

/** The path the test conf answers with HANDLER; anything else is 404. */
export const HANDLER_PATH = "/t";
/** A location with `client_max_body_size 10`, for 413. */
export const SMALL_BODY_PATH = "/small";

const CRLF = "\r\n";

function good(path = HANDLER_PATH, extra = ""): string {
  return `GET ${path} HTTP/1.1${CRLF}Host: localhost${CRLF}${extra}${CRLF}`;
}

function head(requestLine: string, headers: readonly string[], eol = CRLF): string {
  return requestLine + eol + headers.map((h) => h + eol).join("") + eol;
}

interface Shape {
  readonly family: string;
  readonly text: string;
  readonly methods?: readonly string[];
  readonly malformed?: boolean;
}

/** Hand-shaped families; `rng` picks the variant and the sizes. */
const FAMILIES: readonly ((rng: SeededRandom) => Shape)[] = [
  (rng) => {
    const method = rng.pick(["get", "Get", "G3T", "GE@T", "\u00c9T", "G\u0000T", "G(T", "GET;"]);
    return { family: "bad method", text: head(`${method} ${HANDLER_PATH} HTTP/1.1`, ["Host: localhost"]), malformed: true };
  },
  (rng) => {
    const method = rng.pick(["", " ", "\t", "GET\t", "FOO", "A".repeat(rng.between(20, 40)), "PROPFIND", "TRACE", "CONNECT", "OPTIONS", "DELETE", "PATCH", "_-", "MKCOL", "HEAD"]);
    return { family: "odd method", text: head(`${method} ${HANDLER_PATH} HTTP/1.1`, ["Host: localhost"]), methods: [method] };
  },
  (rng) => {
    const version = rng.pick(["HTTP/1.2", "HTTP/2.0", "HTTP/3.0", "HTTP/0.9", "HTTP/0.8", "HTTP/1", "HTTP/1.1.1", "http/1.1", "HTTP/01.1", "HTTP/1.10", "HTTP/1000.1", "HTTP/999.999", "HTTP/9.9", "HTX/1.1", "HTTP/1.1 ", "HTTP/1.1  x", "HTTP/", "HTTP/a.b", "HTTP/1.", "HTTP/1.0", "HTTPS/1.1", "HTTP/1.1\u0000"]);
    return { family: "bad version", text: head(`GET ${HANDLER_PATH} ${version}`, ["Host: localhost"]) };
  },
  (rng) => {
    // HTTP/0.9 and friends: no version at all.
    const line = rng.pick([`GET ${HANDLER_PATH}`, `GET ${HANDLER_PATH} `, `HEAD ${HANDLER_PATH}`, `POST ${HANDLER_PATH}`, "GET", "GET ", `GET  ${HANDLER_PATH}  HTTP/1.1`]);
    return { family: "short request line", text: `${line}${CRLF}${rng.chance(0.5) ? `Host: localhost${CRLF}${CRLF}` : ""}` };
  },
  (rng) => {
    // Request lines around large_client_header_buffers (8k): 414 beyond.
    // …and around client_header_buffer_size (1k), where nginx moves to a large buffer.
    const total = rng.pick([8192, 8192, 1024, 2048]) + rng.between(-6, 6);
    const pad = Math.max(1, total - `GET ${HANDLER_PATH}? HTTP/1.1\r\n`.length);
    return { family: "long request line", text: head(`GET ${HANDLER_PATH}?${"a".repeat(pad)} HTTP/1.1`, ["Host: localhost"]) };
  },
  (rng) => {
    // One header line around 8k: nginx's 494, sent as 400.
    const total = rng.pick([8192, 8192, 1024]) + rng.between(-6, 6);
    const name = "X-Long";
    const pad = Math.max(0, total - name.length - 4);
    return { family: "long header line", text: head(`GET ${HANDLER_PATH} HTTP/1.1`, ["Host: localhost", `${name}: ${"b".repeat(pad)}`]) };
  },
  (rng) => {
    // Many headers that fill nginx's four large buffers, or nearly.
    const each = rng.pick([1000, 2000, 4000, 4095, 7000, 8000]);
    const count = Math.floor((32768 + rng.between(-3000, 3000)) / each);
    const headers = ["Host: localhost"];
    for (let i = 0; i < count; i++) headers.push(`X-H${i}: ${"c".repeat(Math.max(1, each - 8 - String(i).length))}`);
    return { family: "many large headers", text: head(`GET ${HANDLER_PATH} HTTP/1.1`, headers) };
  },
  (rng) => {
    const variant = rng.int(4);
    if (variant === 0) return { family: "no Host on 1.1", text: head(`GET ${HANDLER_PATH} HTTP/1.1`, []), malformed: true };
    if (variant === 1) return { family: "no Host on 1.0", text: head(`GET ${HANDLER_PATH} HTTP/1.0`, []) };
    if (variant === 2) return { family: "duplicate Host", text: head(`GET ${HANDLER_PATH} HTTP/1.1`, ["Host: localhost", rng.pick(["Host: localhost", "host: other", "HOST: x"])]), malformed: true };
    const host = rng.pick(["", "a/b", "..", ".", "[::1]", "[::1", "a b", "localhost:", "localhost:99999", "LOCALHOST", "localhost.", "a\\b", "-", "x..y", "\u00e9", "[", "a@b", "localhost:80:80"]);
    return { family: "odd Host", text: head(`GET ${HANDLER_PATH} HTTP/1.1`, [`Host: ${host}`]) };
  },
  (rng) => {
    const cl = rng.pick(["abc", "-1", "1 2", " 5", "5 ", "+5", "0x10", "99999999999999999999", "9223372036854775807", "5, 5", "", "1e3", "05"]);
    const body = "hello";
    return { family: "bad Content-Length", text: `${head(`POST ${HANDLER_PATH} HTTP/1.1`, ["Host: localhost", `Content-Length: ${cl}`])}${body}` };
  },
  (rng) => {
    const pair = rng.pick([
      ["Content-Length: 5", "Content-Length: 5"],
      ["Content-Length: 5", "Content-Length: 6"],
      ["Content-Length: 5", "Transfer-Encoding: chunked"],
      ["Transfer-Encoding: chunked", "Content-Length: 5"],
      ["Transfer-Encoding: chunked", "Transfer-Encoding: chunked"],
    ]);
    const body = pair.some((h) => h.startsWith("Transfer")) ? "5\r\nhello\r\n0\r\n\r\n" : "hello";
    return { family: "conflicting framing", text: `${head(`POST ${HANDLER_PATH} HTTP/1.1`, ["Host: localhost", ...pair])}${body}` };
  },
  (rng) => {
    const te = rng.pick(["gzip", "chunked, gzip", "gzip, chunked", "chunked, chunked", "Chunked", "CHUNKED", " chunked", "chunked ", "identity", "x"]);
    return { family: "Transfer-Encoding", text: `${head(`POST ${HANDLER_PATH} HTTP/1.1`, ["Host: localhost", `Transfer-Encoding: ${te}`])}5\r\nhello\r\n0\r\n\r\n` };
  },
  (rng) => {
    const body = rng.pick([
      "zz\r\nhello\r\n0\r\n\r\n",
      "5\r\nhelloXX0\r\n\r\n",
      "5\r\nhel",
      "-1\r\nx\r\n0\r\n\r\n",
      "ffffffffffffffffffff\r\nx\r\n",
      "5;ext=1\r\nhello\r\n0\r\n\r\n",
      "5 \r\nhello\r\n0\r\n\r\n",
      "0\r\nTrailer: x\r\n\r\n",
      "0x5\r\nhello\r\n0\r\n\r\n",
      "\r\n\r\n",
      "5\nhello\n0\n\n",
      `${"0".repeat(40)}5\r\nhello\r\n0\r\n\r\n`,
    ]);
    return { family: "chunked garbage", text: `${head(`POST ${HANDLER_PATH} HTTP/1.1`, ["Host: localhost", "Transfer-Encoding: chunked"])}${body}` };
  },
  (rng) => {
    const where = rng.int(4);
    const nul = "\u0000";
    const texts = [
      head(`GET ${HANDLER_PATH}${nul} HTTP/1.1`, ["Host: localhost"]),
      head(`GET ${HANDLER_PATH} HTTP/1.1`, ["Host: localhost", `X-A: a${nul}b`]),
      head(`GET ${HANDLER_PATH} HTTP/1.1`, ["Host: localhost", `X${nul}A: b`]),
      head(`GET ${HANDLER_PATH} HTTP/1.1`, [`Host: local${nul}host`]),
    ];
    return { family: "NUL byte", text: texts[where]!, malformed: where !== 2 };
  },
  (rng) => {
    const eol = rng.pick(["\n", "\r", "\n\r", "\r\r\n"]);
    const mixed = rng.chance(0.5);
    const text = mixed ? `GET ${HANDLER_PATH} HTTP/1.1${eol}Host: localhost\r\n\r\n` : head(`GET ${HANDLER_PATH} HTTP/1.1`, ["Host: localhost"], eol);
    return { family: "line endings", text };
  },
  (rng) => {
    const target = rng.pick([
      `http://localhost${HANDLER_PATH}`,
      `http://localhost:80${HANDLER_PATH}`,
      `HTTP://LOCALHOST${HANDLER_PATH}`,
      `https://localhost${HANDLER_PATH}`,
      `http://[::1]${HANDLER_PATH}`,
      `http://user@localhost${HANDLER_PATH}`,
      "http:/t",
      `ftp://localhost${HANDLER_PATH}`,
      "http://localhost",
      "http://localhost?a",
      "http://bad_host/t",
      "http://a..b/t",
      "http://localhost:/t",
      "http://localhost:abc/t",
      "http://%6cocalhost/t",
      "*",
      "t",
      "//t",
      "/t#frag",
      "http://",
    ]);
    return { family: "request target", text: head(`GET ${target} HTTP/1.1`, ["Host: localhost"]) };
  },
  (rng) => {
    const header = rng.pick([
      "Host : localhost",
      "X-A : b",
      " X-Folded: a",
      "X-A: a\r\n folded",
      "X-A: a\r\n\tfolded",
      "NoColon",
      ": empty name",
      "X_Under: a",
      "X-A:",
      "X-A:no-space",
      "X-\u00e9: a",
      "X-A: \u00ff\u0080",
      "X A: b",
      "X-A\t: b",
      "(X): b",
      "X-A: a\rb",
    ]);
    const first = rng.chance(0.5);
    return { family: "header line", text: head(`GET ${HANDLER_PATH} HTTP/1.1`, first ? [header, "Host: localhost"] : ["Host: localhost", header]) };
  },
  (rng) => {
    const count = rng.pick([50, 100, 200, 500]);
    const headers = ["Host: localhost"];
    for (let i = 0; i < count; i++) headers.push(`X-${i}: v`);
    return { family: "many headers", text: head(`GET ${HANDLER_PATH} HTTP/1.1`, headers) };
  },
  (rng) => {
    const cl = rng.pick([11, 100, 10]);
    return { family: "body too large", text: `${head(`POST ${SMALL_BODY_PATH} HTTP/1.1`, ["Host: localhost", `Content-Length: ${cl}`])}${"x".repeat(cl)}` };
  },
  (rng) => {
    // Empty lines before the request line are skipped by nginx.
    const lead = rng.pick(["\r\n", "\r\n\r\n", "\n", " ", "\t", "\r\n \r\n"]);
    return { family: "leading junk", text: `${lead}${good()}` };
  },
  (rng) => {
    const path = rng.pick(["/t%00", "/t%zz", "/%2e%2e", "/../t", "/t?%00", "/t/../t", "/./t", "/t%", "/\u00ff", "/t\u007f", "/t\\..\\"]);
    return { family: "path", text: head(`GET ${path} HTTP/1.1`, ["Host: localhost"]) };
  },
];

/** Requests a pipeline is built from, with their methods. */
function pipelinePart(rng: SeededRandom): { text: string; method: string } {
  const parts: readonly (() => { text: string; method: string })[] = [
    () => ({ text: good(), method: "GET" }),
    () => ({ text: `HEAD ${HANDLER_PATH} HTTP/1.1\r\nHost: localhost\r\n\r\n`, method: "HEAD" }),
    () => ({ text: `POST ${HANDLER_PATH} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\nabc`, method: "POST" }),
    () => ({ text: `POST ${HANDLER_PATH} HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n`, method: "POST" }),
    () => ({ text: good("/missing"), method: "GET" }),
    () => ({ text: `GET ${HANDLER_PATH} HTTP/1.0\r\n\r\n`, method: "GET" }),
    () => ({ text: `GET ${HANDLER_PATH} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`, method: "GET" }),
    () => ({ text: "get /t HTTP/1.1\r\nHost: localhost\r\n\r\n", method: "GET" }),
    () => ({ text: `GET ${HANDLER_PATH} HTTP/1.1\r\n\r\n`, method: "GET" }),
    () => ({ text: `GET ${HANDLER_PATH} HTTP/2.0\r\nHost: localhost\r\n\r\n`, method: "GET" }),
    () => ({ text: `GET /%00 HTTP/1.1\r\nHost: localhost\r\n\r\n`, method: "GET" }),
    () => ({ text: `POST ${HANDLER_PATH} HTTP/1.1\r\nHost: localhost\r\nContent-Length: x\r\n\r\n`, method: "POST" }),
  ];
  return rng.pick(parts)();
}

function pipeline(rng: SeededRandom): Shape {
  const n = rng.between(2, 5);
  const items = Array.from({ length: n }, () => pipelinePart(rng));
  return { family: "pipeline", text: items.map((i) => i.text).join(""), methods: items.map((i) => i.method) };
}

/** Random edits of a valid request: flip, insert, delete or duplicate bytes. */
function mutated(rng: SeededRandom): Shape {
  let bytes = [...Buffer.from(rng.chance(0.5) ? good() : `POST ${HANDLER_PATH} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\nabc`, "latin1")];
  const edits = rng.between(1, 3);
  const interesting = [0x00, 0x0a, 0x0d, 0x20, 0x09, 0x3a, 0x2f, 0x25, 0x3f, 0x23, 0x7f, 0x80, 0xff, 0x41, 0x61];
  for (let i = 0; i < edits; i++) {
    const at = rng.int(bytes.length);
    const byte = rng.chance(0.6) ? rng.pick(interesting) : rng.int(256);
    switch (rng.int(4)) {
      case 0:
        bytes[at] = byte;
        break;
      case 1:
        bytes.splice(at, 0, byte);
        break;
      case 2:
        bytes.splice(at, 1);
        break;
      default:
        bytes = [...bytes.slice(0, at), ...bytes.slice(at, at + rng.between(1, 6)), ...bytes.slice(at)];
    }
  }
  return { family: "mutation", text: Buffer.from(bytes).toString("latin1") };
}

/**
 * Splits the first request's head into writes; the body goes with the head's last bytes. What
 * nginx answers to a bad body depends on whether the bad bytes were already read when the
 * response was made, so a split inside a body would make nginx's own answer timing-dependent.
 */
function split(bytes: Buffer, pieces: number, rng: SeededRandom): Buffer[] {
  const headEnd = bytes.indexOf("\r\n\r\n");
  const limit = headEnd < 0 ? bytes.length - 1 : Math.min(headEnd + 3, bytes.length - 1);
  if (limit < 1) return [bytes];
  const cuts = new Set<number>();
  while (cuts.size < Math.min(pieces - 1, limit)) cuts.add(rng.between(1, limit));
  const at = [0, ...[...cuts].sort((a, b) => a - b), bytes.length];
  return at.slice(1).map((end, i) => bytes.subarray(at[i], end));
}

export function generateWireCases(rng: SeededRandom, count: number): WireCase[] {
  const cases: WireCase[] = [];
  for (let i = 0; i < count; i++) {
    const roll = rng.next();
    const shape = roll < 0.55 ? rng.pick(FAMILIES)(rng) : roll < 0.75 ? pipeline(rng) : mutated(rng);
    const bytes = Buffer.from(shape.text, "latin1");
    cases.push({
      family: shape.family,
      packets: bytes.length > 1 && rng.chance(0.2) ? split(bytes, rng.between(2, 4), rng) : [bytes],
      shutdown: rng.chance(0.7),
      methods: shape.methods ?? [shape.text.split(" ", 1)[0] ?? "GET"],
      malformed: shape.malformed ?? false,
    });
  }
  return cases;
}

/** A request that must always get HANDLER: the liveness probe between batches. */
export function goodRequest(): Buffer {
  return Buffer.from(good(HANDLER_PATH, "Connection: close\r\n"), "latin1");
}
