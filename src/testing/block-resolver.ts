// Resolves one block into what the runner needs: conf inputs, user files, the connections to
// open, the mock backends, and every other section's value with macros expanded and modifiers
// applied. All mistakes in the block surface here, as SpecErrors naming `file:line`.

import { expandMacros, MacroError, type MacroContext } from "./macros.js";
import { applyModifiers } from "./modifiers.js";
import { parseSeconds } from "./durations.js";
import { SpecError } from "./spec-error.js";
import { logLevel } from "./spec-header.js";
import { CONFIG_SECTIONS, MACRO_SECTIONS, type SectionName } from "./section-names.js";
import type { Section, SpecBlock, SpecFile } from "./spec-model.js";
import { toBytes, type SectionValue } from "./section-value.js";
import type { ConfigSections } from "./config-inheritance.js";
import { parseUserFiles, UserFilesError } from "./user-files.js";
import type { UserFile } from "./servroot.js";
import type { TcpMockSpec } from "./mock-tcp-backend.js";
import type { UdpMockSpec } from "./mock-udp-backend.js";
import { planConnections, type ConnectionPlan } from "./connection-plan.js";

export interface ResolvedSection {
  readonly section: Section;
  readonly value: SectionValue;
}

export interface ResolvedBlock {
  readonly spec: SpecFile;
  readonly block: SpecBlock;
  readonly conf: {
    readonly mainConfig: string;
    readonly httpConfig: string;
    readonly config: string;
    readonly postMainConfig: string;
    readonly serverName: string;
    readonly logLevel: string;
  };
  readonly userFiles: readonly UserFile[];
  readonly mustDie: boolean;
  readonly connections: readonly ConnectionPlan[];
  /** Number of requests per repeat, which decides how json arrays are indexed. */
  readonly requestCount: number;
  readonly packetDelayMs: number;
  readonly timeoutMs: number;
  readonly abort: boolean;
  readonly shutdown: boolean;
  readonly waitMs: number;
  readonly tcpMock: (TcpMockSpec & { readonly query: ResolvedSection | undefined }) | undefined;
  readonly udpMock: (UdpMockSpec & { readonly query: ResolvedSection | undefined }) | undefined;
  /** Checks read their sections from here. */
  get(name: SectionName): ResolvedSection | undefined;
}

export function resolveBlock(
  spec: SpecFile,
  block: SpecBlock,
  configSections: ConfigSections,
  macros: MacroContext,
): ResolvedBlock {
  // Configuration sections come only from the inherited set (config-inheritance.ts).
  const lookup = (name: SectionName): Section | undefined =>
    isConfigSection(name) ? configSections.get(name) : block.sections.get(name) ?? spec.defaults.get(name);

  const cache = new Map<SectionName, ResolvedSection | undefined>();
  const get = (name: SectionName): ResolvedSection | undefined => {
    if (!cache.has(name)) cache.set(name, resolveSection(lookup(name), macros));
    return cache.get(name);
  };
  const fail = (name: SectionName, why: string): never => {
    throw new SpecError(get(name)?.section.place ?? block.place, `section "${name}": ${why}`);
  };
  const text = (name: SectionName, fallback: string): string => {
    const r = get(name);
    if (!r) return fallback;
    if (r.value.kind === "text") return r.value.text;
    if (r.value.kind === "json" && typeof r.value.value === "string") return r.value.value;
    return fail(name, `wants text, got a ${r.value.kind} value`);
  };
  const bytes = (name: SectionName): Buffer | undefined => {
    const r = get(name);
    if (!r) return undefined;
    return toBytes(r.value) ?? fail(name, `wants text or bytes, got a ${r.value.kind} value`);
  };
  const seconds = (name: SectionName, fallback: number): number => {
    const r = get(name);
    if (!r) return fallback;
    const s = parseSeconds(text(name, ""));
    return s ?? fail(name, `wants a number of seconds, got "${text(name, "")}"`);
  };
  const integer = (name: SectionName): number | undefined => {
    const r = get(name);
    if (!r) return undefined;
    const t = text(name, "").trim();
    return /^\d+$/.test(t) ? Number(t) : fail(name, `wants a non-negative integer, got "${t}"`);
  };

  const level = get("log_level") ? logLevel(text("log_level", "").trim(), get("log_level")!.section.place) : spec.header.logLevel;

  let userFiles: UserFile[] = [];
  if (get("user_files")) {
    try {
      userFiles = parseUserFiles(text("user_files", ""));
    } catch (e) {
      if (e instanceof UserFilesError) fail("user_files", e.message);
      throw e;
    }
  }

  const { connections, requestCount } = planConnections(get, fail);

  const tcpListen = get("tcp_listen") ? text("tcp_listen", "").trim() : undefined;
  let tcpMock: ResolvedBlock["tcpMock"];
  if (tcpListen !== undefined) {
    const listen = /^\d+$/.test(tcpListen) ? { port: Number(tcpListen) } : { path: tcpListen };
    const query = get("tcp_query");
    const queryBytes = bytes("tcp_query");
    tcpMock = {
      listen,
      queryLength: integer("tcp_query_len") ?? queryBytes?.length,
      expectedQuery: queryBytes,
      replies: replyWrites(get("tcp_reply"), (why) => fail("tcp_reply", why)),
      replyDelayMs: seconds("tcp_reply_delay", 0) * 1000,
      noClose: get("tcp_no_close") !== undefined,
      shutdown: integer("tcp_shutdown"),
      query,
    };
  } else {
    for (const name of ["tcp_query", "tcp_query_len", "tcp_reply", "tcp_reply_delay", "tcp_no_close", "tcp_shutdown"] as const) {
      if (get(name)) fail(name, "needs a tcp_listen section");
    }
  }

  let udpMock: ResolvedBlock["udpMock"];
  const udpListen = get("udp_listen") ? text("udp_listen", "").trim() : undefined;
  if (udpListen !== undefined) {
    if (!/^\d+$/.test(udpListen)) fail("udp_listen", `wants a port, got "${udpListen}"`);
    udpMock = {
      port: Number(udpListen),
      reply: bytes("udp_reply"),
      replyDelayMs: seconds("udp_reply_delay", 0) * 1000,
      query: get("udp_query"),
    };
  } else {
    for (const name of ["udp_query", "udp_reply", "udp_reply_delay"] as const) {
      if (get(name)) fail(name, "needs a udp_listen section");
    }
  }

  return {
    spec,
    block,
    conf: {
      mainConfig: text("main_config", ""),
      httpConfig: text("http_config", ""),
      config: text("config", ""),
      postMainConfig: text("post_main_config", ""),
      serverName: text("server_name", "localhost").trim(),
      logLevel: level,
    },
    userFiles,
    mustDie: get("must_die") !== undefined,
    connections,
    requestCount,
    packetDelayMs: seconds("raw_request_middle_delay", 0) * 1000,
    timeoutMs: seconds("timeout", spec.header.timeout) * 1000,
    abort: get("abort") !== undefined,
    shutdown: get("shutdown") !== undefined,
    waitMs: seconds("wait", 0) * 1000,
    tcpMock,
    udpMock,
    get,
  };
}

function isConfigSection(name: SectionName): boolean {
  return (CONFIG_SECTIONS as readonly string[]).includes(name);
}

function resolveSection(section: Section | undefined, macros: MacroContext): ResolvedSection | undefined {
  if (!section) return undefined;
  let text = section.text;
  if (MACRO_SECTIONS.has(section.name)) {
    try {
      text = expandMacros(text, macros);
    } catch (e) {
      if (e instanceof MacroError) throw new SpecError(section.place, `section "${section.name}": ${e.message}`);
      throw e;
    }
  }
  return { section, value: applyModifiers(text, section.modifiers, section.place) };
}


function replyWrites(reply: ResolvedSection | undefined, fail: (why: string) => never): Buffer[] {
  if (!reply) return [];
  const v = reply.value;
  if (v.kind === "json" && Array.isArray(v.value)) {
    return v.value.map((w) => (typeof w === "string" ? Buffer.from(w, "utf8") : fail("json array entries must be strings")));
  }
  return [toBytes(v) ?? fail(`wants text, bytes or a json array, got a ${v.kind} value`)];
}
