/**
 * Seeded mutations of valid confs for the parser fuzz test: random bytes, truncation, brace
 * and quote insertion, deep nesting, huge words (around nginx's 4096-byte buffer), binary junk,
 * line shuffles, CRLF and BOM. Deterministic for a seed, so a failure can be replayed.
 */

/** mulberry32: small, fast, good enough to drive mutations. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Valid confs that both nginx and tsresty accept, using directives whose checks are settled.
 * No `pid`, `error_log`, `access_log` or `include`: `nginx -t` creates and opens those files, so
 * a mutated path would test the file system (or read files outside the prefix), not the parser.
 */
export const SEED_CONFS: readonly string[] = [
  "worker_processes 2;\nenv TZ;\nenv A=b;\nevents {\n    worker_connections 64;\n}\n",
  "env 'A=b c';\nenv \"B=\\\"q\\\"\";\nworker_processes auto;  # comment\nevents { worker_connections 10; }\n",
  [
    "worker_processes 2;",
    "events { worker_connections 64; }",
    "http {",
    "    default_type text/plain;",
    "    server {",
    "        listen 127.0.0.1:18180;",
    '        server_name example.com "*.example.org";',
    "        root /tmp;",
    "        location / {",
    "            index index.html;",
    '            return 200 "ok\\n";',
    "        }",
    "        location = /exact { return 404; }",
    '        location ~ "^/re(g|x)$" { add_header X-A b; }',
    "        location /nested/ {",
    "            location /nested/inner { set $a 1; return 200 $a; }",
    "        }",
    "        location @named { internal; }",
    "    }",
    "}",
    "",
  ].join("\n"),
  "events{}http{server{listen 127.0.0.1:18181;location /a{return 200 a;}location /b{return 301 /a;}}}",
];

const SYNTAX = ["{", "}", ";", '"', "'", "#", "\\", "$", " ", "\n", "\t", "\r", "(", ")", "${", "}"];

type Random = () => number;

function int(r: Random, n: number): number {
  return Math.floor(r() * n);
}

function pick<T>(r: Random, list: readonly T[]): T {
  return list[int(r, list.length)]!;
}

function randomByte(r: Random): string {
  return String.fromCharCode(int(r, 256));
}

function insert(text: string, at: number, s: string): string {
  return text.slice(0, at) + s + text.slice(at);
}

/** One mutation; names say what happened, for failure reports. */
export interface Mutation {
  readonly name: string;
  readonly apply: (text: string, r: Random) => string;
  /** Mutations whose result is about tsresty's own limits, not nginx compatibility. */
  readonly tsrestyOnly?: boolean;
}

export const MUTATIONS: readonly Mutation[] = [
  {
    name: "random bytes",
    apply: (t, r) => {
      let s = t;
      for (let n = 1 + int(r, 4); n > 0; n--) {
        const at = int(r, s.length + 1);
        const op = int(r, 3);
        if (op === 0) s = insert(s, at, randomByte(r));
        else if (op === 1) s = s.slice(0, at) + s.slice(at + 1);
        else s = s.slice(0, at) + randomByte(r) + s.slice(at + 1);
      }
      return s;
    },
  },
  { name: "truncation", apply: (t, r) => t.slice(0, int(r, t.length)) },
  {
    name: "syntax insertion",
    apply: (t, r) => {
      let s = t;
      for (let n = 1 + int(r, 3); n > 0; n--) s = insert(s, int(r, s.length + 1), pick(r, SYNTAX));
      return s;
    },
  },
  {
    name: "syntax deletion",
    apply: (t, r) => {
      const at: number[] = [];
      for (let i = 0; i < t.length; i++) if ('{};"\'#'.includes(t[i]!)) at.push(i);
      if (at.length === 0) return t;
      const i = pick(r, at);
      return t.slice(0, i) + t.slice(i + 1);
    },
  },
  {
    name: "moderate nesting",
    apply: (t, r) => {
      const depth = 2 + int(r, 60);
      const name = pick(r, ["location /", "events", "a", "http", "server"]);
      return insert(t, t.lastIndexOf("\n", int(r, t.length)) + 1, `${name} {\n`.repeat(depth) + "}\n".repeat(depth - int(r, 2)));
    },
  },
  {
    name: "deep nesting",
    tsrestyOnly: true,
    apply: (t, r) => {
      const depth = 400 + int(r, 5000);
      const inner = pick(r, ["location / {", "x {", "{"]);
      return `events {}\nhttp {\nserver {\n${inner.repeat(depth)}${"}".repeat(depth + int(r, 3) - 1)}\n}\n}\n` + t.slice(0, int(r, 20));
    },
  },
  {
    name: "huge word",
    apply: (t, r) => {
      const len = pick(r, [4094, 4095, 4096, 4097, 4200 + int(r, 3000), 1 + int(r, 9000)]);
      const quote = pick(r, ["", "", '"', "'"]);
      const word = quote + "w".repeat(len) + (r() < 0.8 ? quote : "");
      return insert(t, int(r, t.length + 1), pick(r, [" ", "\n", ""]) + word + pick(r, [" ", ";", "", "\n"]));
    },
  },
  {
    name: "long whitespace or comment",
    apply: (t, r) => {
      const len = 3000 + int(r, 3000);
      const filler = pick(r, [" ".repeat(len), "\n".repeat(len), "#" + "c".repeat(len) + "\n", "# c\n".repeat(len / 4)]);
      return insert(t, int(r, t.length + 1), filler);
    },
  },
  {
    name: "binary junk",
    apply: (t, r) => {
      let junk = "";
      for (let n = 1 + int(r, 64); n > 0; n--) junk += randomByte(r);
      return insert(t, int(r, t.length + 1), junk);
    },
  },
  {
    name: "line shuffle",
    apply: (t, r) => {
      const lines = t.split("\n");
      for (let n = 1 + int(r, 3); n > 0; n--) {
        const i = int(r, lines.length);
        const j = int(r, lines.length);
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      }
      return lines.join("\n");
    },
  },
  { name: "CRLF", apply: (t) => t.replace(/\n/g, "\r\n") },
  { name: "BOM", apply: (t) => "\xEF\xBB\xBF" + t },
];

/** A mutated conf: 1–3 mutations of a seed conf. */
export function mutate(r: Random): { text: string; steps: string[]; tsrestyOnly: boolean } {
  let text = pick(r, SEED_CONFS);
  const steps: string[] = [];
  let tsrestyOnly = false;
  for (let n = 1 + int(r, 3); n > 0; n--) {
    const m = pick(r, MUTATIONS);
    text = m.apply(text, r);
    steps.push(m.name);
    tsrestyOnly ||= m.tsrestyOnly === true;
  }
  return { text, steps, tsrestyOnly };
}
