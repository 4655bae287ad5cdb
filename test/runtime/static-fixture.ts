/**
 * Drives the static handlers without a socket: a real conf (loaded through the real loader
 * and planned like the server does), a temp html dir, requests built from a method, target
 * and headers, and an exchange that records the head and body the handler sends.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Request, Runtime } from "../../src/runtime/context.js";
import type { BodySink, ResponseHead } from "../../src/runtime/http/types.js";
import type { ActiveExchange } from "../../src/runtime/http/connection.js";
import { buildRuntimePlan } from "../../src/runtime/plan/runtime-plan.js";
import type { ServerPlan } from "../../src/runtime/plan/server-plan.js";
import { HttpRequest } from "../../src/runtime/request.js";
import { normalizeUri, splitTarget } from "../../src/runtime/uri.js";
import { loadHttp } from "../directives/http-core-fixture.js";

export interface Sent {
  status: number;
  headers: Map<string, string>;
  /** Header names in the order they were written. */
  order: string[];
  body: Buffer;
  chunks: number[];
  ended: boolean;
}

export interface Harness {
  readonly prefix: string;
  readonly html: string;
  readonly rt: Runtime;
  readonly logs: string[];
  request(method: string, target: string, headers?: Record<string, string>, version?: 9 | 10 | 11): TestRequest;
}

export interface TestRequest {
  readonly r: Request;
  readonly sent: Sent | null;
  readonly destroyed: boolean;
}

/**
 * `files`: paths under html/ → content. Relative `root`/`alias` paths in `serverBody` are
 * under the prefix, so `alias html/al/;` names the html dir's `al`.
 */
export function staticHarness(serverBody: string, files: Record<string, string | Buffer> = {}): Harness {
  const real = loadHttp(`server {\n listen 127.0.0.1:1;\n server_name localhost;\n${serverBody}\n}`);
  const htmlDir = join(real.prefix, "html");
  mkdirSync(htmlDir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const full = join(htmlDir, name);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  const server: ServerPlan = buildRuntimePlan(real.conf).servers[0]!;
  const logs: string[] = [];
  const log = {
    enabled: () => true,
    log: (level: string, message: string) => logs.push(`[${level}] ${message}`),
  };
  const rt = { conf: { prefix: real.prefix }, errorLogFor: () => log } as unknown as Runtime;
  return {
    prefix: real.prefix,
    html: htmlDir,
    rt,
    logs,
    request: (method, target, headers = {}, version = 11) => makeRequest(server, log, method, target, headers, version),
  };
}

/** Where the requests' error-log lines go (what the harness's errorLogFor gives). */
interface LineLog {
  log(level: string, message: string): void;
}

function makeRequest(server: ServerPlan, log: LineLog, method: string, target: string, headers: Record<string, string>, version: 9 | 10 | 11): TestRequest {
  const headerList: [string, string][] = [["Host", "localhost"], ...Object.entries(headers)];
  const headerMap = new Map<string, string>();
  for (const [n, v] of headerList) if (!headerMap.has(n.toLowerCase())) headerMap.set(n.toLowerCase(), v);
  const state: { sent: Sent | null; destroyed: boolean } = { sent: null, destroyed: false };
  const ex = {
    head: {
      method,
      target,
      version,
      protocol: version === 11 ? "HTTP/1.1" : "HTTP/1.0",
      requestLine: `${method} ${target} HTTP/1.1`,
      headers: headerList,
      headerMap,
      targetHost: null,
      headLength: 0,
      ignoredLines: [],
    },
    connection: { id: 1, remoteAddr: "127.0.0.1", remotePort: 5555, localAddr: "127.0.0.1", localPort: 8080, unixPath: null, requests: 1 },
    startTime: Date.now(),
    bodyLength: 0,
    headSent: false,
    bytesSent: 0,
    bodyBytesSent: 0,
    isFinished: false,
    sendHead(head: ResponseHead, opts: { hasBody: boolean }): BodySink {
      this.headSent = true;
      const all = [...head.headers, ...(head.more ?? [])];
      const sent: Sent = {
        status: head.status,
        headers: new Map(all.map(([n, v]) => [n.toLowerCase(), v])),
        order: all.map(([n]) => n),
        body: Buffer.alloc(0),
        chunks: [],
        ended: false,
      };
      state.sent = sent;
      const write = async (chunk: Buffer | string): Promise<void> => {
        if (!opts.hasBody) return;
        const b = typeof chunk === "string" ? Buffer.from(chunk, "latin1") : chunk;
        sent.chunks.push(b.length);
        sent.body = Buffer.concat([sent.body, b]);
      };
      return {
        write,
        end: async (chunk?: Buffer | string) => {
          if (chunk !== undefined) await write(chunk);
          sent.ended = true;
        },
      };
    },
    destroy() {
      state.destroyed = true;
    },
    /** No body comes with these requests: dropping it finds nothing broken. */
    discardBody() {
      return null;
    },
  };
  const r: Request = new HttpRequest(ex as unknown as ActiveExchange, (_r, level, message) => log.log(level, message));
  r.server = server;
  const split = splitTarget(target);
  r.args = split.args;
  r.hasArgs = split.hasArgs;
  const uri = normalizeUri(split.path, true);
  if (uri === null) throw new Error(`bad target ${target}`);
  r.uri = uri;
  r.host = "localhost";
  const found = server.tree.find(uri);
  if (found.kind === "found") {
    r.loc = found.node.conf;
    if (found.captures !== null) r.captures = Array.from(found.captures);
  } else {
    r.loc = server.conf;
  }
  return {
    r,
    get sent() {
      return state.sent;
    },
    get destroyed() {
      return state.destroyed;
    },
  };
}
