/**
 * The access log module: `log_format`, `access_log`, `open_log_file_cache`. Formats are
 * compiled once and shared by reference; each level keeps its own list of logs, inherited as a
 * whole by levels that have no `access_log` (nginx's array merge). `access_log off` silences
 * the level whatever else it lists, as in nginx.
 */
import { ConfError } from "../errors.js";
import type { ConfLoader } from "../loader.js";
import type { ConfLevel } from "../level.js";
import { parseNumber, parseSize, parseTime } from "../values.js";
import { compileComplexValue, type ComplexValue } from "../variables.js";
import type { ConfModule, DirectiveCall } from "../types.js";
import { combinedFormat, compileLogFormat, type LogEscape, type LogFormat } from "./log/format.js";
import { checkLogFiles } from "./log/open-check.js";
import { parseSyslogTarget, type SyslogTarget } from "./syslog-target.js";

export type { LogEscape, LogFormat, LogFormatPart } from "./log/format.js";

/** Where an access log writes. Relative file paths are already resolved against the prefix. */
export type AccessLogTarget =
  | { readonly kind: "file"; readonly path: string }
  /** A path with variables, evaluated per request (never buffered). */
  | { readonly kind: "file-per-request"; readonly path: ComplexValue }
  | { readonly kind: "syslog"; readonly syslog: SyslogTarget };

/** One `access_log`. */
export interface AccessLogSpec {
  readonly target: AccessLogTarget;
  readonly format: LogFormat;
  /** Buffer size in bytes; 0 = write each line at once. `gzip` alone implies 64k. */
  readonly buffer: number;
  /** Longest time a line may stay in the buffer, in ms; 0 = until the buffer is full. */
  readonly flush: number;
  /** gzip level 1–9 of the buffered data; 0 = not compressed. */
  readonly gzip: number;
  /** `if=`: the line is skipped when this evaluates to "" or "0". */
  readonly condition: ComplexValue | null;
}

/** A level's access logs. */
export interface AccessLogSetting {
  /** `access_log off` was given at this level: nothing is logged, whatever `logs` holds. */
  readonly off: boolean;
  readonly logs: readonly AccessLogSpec[];
}

/** `open_log_file_cache`: caching of descriptors of logs whose path has variables. */
export interface OpenLogFileCache {
  readonly max: number;
  /** Seconds. */
  readonly inactive: number;
  readonly minUses: number;
  /** Seconds. */
  readonly valid: number;
}

export const ACCESS_LOG_SLOT = "access_log";
export const OPEN_LOG_FILE_CACHE_SLOT = "open_log_file_cache";

/** Used when no level of the conf has an `access_log`. */
export const DEFAULT_ACCESS_LOG_PATH = "logs/access.log";
const GZIP_DEFAULT_BUFFER = 64 * 1024;

const STATE_FORMATS = "log.formats";
const STATE_BUFFERS = "log.buffers";
/** The log files named in the conf, in order: opened (checked) once the conf is read. */
const STATE_FILES = "log.files";

interface MutableAccessLogSetting {
  off: boolean;
  logs: AccessLogSpec[];
}

function filesOf(loader: ConfLoader): Set<string> {
  let files = loader.state.get(STATE_FILES) as Set<string> | undefined;
  if (files === undefined) {
    files = new Set();
    loader.state.set(STATE_FILES, files);
  }
  return files;
}

function formatsOf(loader: ConfLoader): LogFormat[] {
  let formats = loader.state.get(STATE_FORMATS) as LogFormat[] | undefined;
  if (formats === undefined) {
    formats = [combinedFormat()];
    loader.state.set(STATE_FORMATS, formats);
  }
  return formats;
}

function fail(message: string): never {
  throw new ConfError(message, { code: "TSR_CONF_INVALID_VALUE" });
}

function logFormat(call: DirectiveCall): void {
  const formats = formatsOf(call.loader);
  const name = call.args[0]!;
  if (formats.some((f) => f.name === name)) fail(`duplicate "log_format" name "${name}"`);
  let words = call.args.slice(1);
  let escape: LogEscape = "default";
  if (words[0]!.startsWith("escape=")) {
    const e = words[0]!.slice(7);
    if (e !== "default" && e !== "json" && e !== "none") fail(`unknown log format escaping "${e}"`);
    escape = e;
    words = words.slice(1);
  }
  formats.push(compileLogFormat(name, escape, words, call.loader));
}

function settingOf(level: ConfLevel, call: DirectiveCall): MutableAccessLogSetting {
  let s = level.get<MutableAccessLogSetting>(ACCESS_LOG_SLOT);
  if (s === undefined) {
    s = { off: false, logs: [] };
    level.set(ACCESS_LOG_SLOT, s, call.directive);
  }
  return s;
}

/** nginx's full name of a file: the prefix joined as text (no normalisation). */
function fullName(loader: ConfLoader, path: string): string {
  return path.startsWith("/") ? path : loader.prefix + path;
}

interface BufferParams {
  readonly size: number;
  readonly flush: number;
  readonly gzip: number;
}

function accessLog(call: DirectiveCall): void {
  const args = call.args;
  const where = args[0]!;
  if (where === "off") {
    settingOf(call.level, call).off = true;
    if (args.length > 1) fail(`invalid parameter "${args[1]}"`);
    return;
  }
  const setting = settingOf(call.level, call);

  let target: AccessLogTarget;
  if (where.startsWith("syslog:")) {
    target = { kind: "syslog", syslog: parseSyslogTarget(where.slice(7), call.loader) };
  } else {
    const cv = compileComplexValue(where, call.loader);
    if (where === "") {
      // nginx opens an empty name as its stderr (a file called "stderr" is just a file).
      target = { kind: "file", path: "/dev/stderr" };
    } else if (cv.constant) {
      target = { kind: "file", path: fullName(call.loader, where) };
      filesOf(call.loader).add(target.path);
    } else {
      // The prefix is text even if it contains "$".
      const path: ComplexValue = where.startsWith("/")
        ? cv
        : { raw: fullName(call.loader, where), parts: [{ text: call.loader.prefix }, ...cv.parts], constant: false };
      target = { kind: "file-per-request", path };
    }
  }

  const formatName = args[1] ?? "combined";
  const format = formatsOf(call.loader).find((f) => f.name.toLowerCase() === formatName.toLowerCase());
  if (format === undefined) fail(`unknown log format "${formatName}"`);

  let size = 0;
  let flush = 0;
  let gzip = 0;
  let condition: ComplexValue | null = null;
  for (const p of args.slice(2)) {
    if (p.startsWith("buffer=")) {
      const s = parseSize(p.slice(7));
      if (s === null || s === 0) fail(`invalid buffer size "${p.slice(7)}"`);
      size = s;
    } else if (p.startsWith("flush=")) {
      const t = parseTime(p.slice(6), false);
      if (t === null || t === 0) fail(`invalid flush time "${p.slice(6)}"`);
      flush = t;
    } else if (p === "gzip" || p.startsWith("gzip=")) {
      const level = p === "gzip" ? 1 : parseNumber(p.slice(5));
      if (level === null || level < 1 || level > 9) fail(`invalid compression level "${p.slice(5)}"`);
      gzip = level;
    } else if (p.startsWith("if=")) {
      condition = compileComplexValue(p.slice(3), call.loader);
    } else {
      fail(`invalid parameter "${p}"`);
    }
  }
  if (gzip !== 0 && size === 0) size = GZIP_DEFAULT_BUFFER;
  if (flush !== 0 && size === 0) fail(`no buffer is defined for access_log "${where}"`);
  if (size !== 0) {
    if (target.kind === "file-per-request") fail("buffered logs cannot have variables in name");
    if (target.kind === "syslog") fail("logs to syslog cannot be buffered");
    // One buffer per file: every buffered access_log of a file must agree with the first.
    let buffers = call.loader.state.get(STATE_BUFFERS) as Map<string, BufferParams> | undefined;
    if (buffers === undefined) {
      buffers = new Map();
      call.loader.state.set(STATE_BUFFERS, buffers);
    }
    const prev = buffers.get(target.path);
    if (prev === undefined) buffers.set(target.path, { size, flush, gzip });
    else if (prev.size !== size || prev.flush !== flush || prev.gzip !== gzip) {
      fail(`access_log "${where}" already defined with conflicting parameters`);
    }
  }
  setting.logs.push({ target, format, buffer: size, flush, gzip, condition });
}

function openLogFileCache(call: DirectiveCall): string | void {
  if (call.level.has(OPEN_LOG_FILE_CACHE_SLOT)) return "is duplicate";
  let max = 0;
  let inactive = 10;
  let minUses = 1;
  let valid = 60;
  let off = false;
  for (const p of call.args) {
    let ok = true;
    if (p.startsWith("max=")) {
      const n = parseNumber(p.slice(4));
      ok = n !== null;
      max = n ?? 0;
    } else if (p.startsWith("inactive=")) {
      const t = parseTime(p.slice(9), true);
      ok = t !== null;
      inactive = t ?? 0;
    } else if (p.startsWith("min_uses=")) {
      const n = parseNumber(p.slice(9));
      ok = n !== null;
      minUses = n ?? 0;
    } else if (p.startsWith("valid=")) {
      const t = parseTime(p.slice(6), true);
      ok = t !== null;
      valid = t ?? 0;
    } else if (p === "off") {
      off = true;
    } else {
      ok = false;
    }
    if (!ok) fail(`invalid "open_log_file_cache" parameter "${p}"`);
  }
  if (off) {
    call.level.set(OPEN_LOG_FILE_CACHE_SLOT, null, call.directive);
    return;
  }
  if (max === 0) fail('"open_log_file_cache" must have "max" parameter');
  const cache: OpenLogFileCache = { max, inactive, minUses, valid };
  call.level.set(OPEN_LOG_FILE_CACHE_SLOT, cache, call.directive);
}

/** The http level logs to `logs/access.log` in the combined format unless some level says otherwise. */
function defaultAccessLog(http: ConfLevel, loader: ConfLoader): void {
  if (http.has(ACCESS_LOG_SLOT) || http.opener === null) return;
  const setting: AccessLogSetting = {
    off: false,
    logs: [
      {
        target: { kind: "file", path: fullName(loader, DEFAULT_ACCESS_LOG_PATH) },
        format: formatsOf(loader)[0]!,
        buffer: 0,
        flush: 0,
        gzip: 0,
        condition: null,
      },
    ],
  };
  http.set(ACCESS_LOG_SLOT, setting, http.opener);
}

const LOG_CONTEXTS = ["http", "server", "location", "lif", "limit_except"] as const;

export const logModule: ConfModule = {
  name: "log",
  directives: [
    { name: "log_format", contexts: ["http"], args: "2more", set: logFormat, merge: "none" },
    { name: "access_log", contexts: LOG_CONTEXTS, args: "1more", set: accessLog },
    {
      name: "open_log_file_cache",
      contexts: ["http", "server", "location"],
      args: [1, 2, 3, 4],
      set: openLogFileCache,
      default: null,
    },
  ],
  mergeHttp: defaultAccessLog,
  afterConf: (_main, loader) => checkLogFiles([...filesOf(loader)]),
};
