/**
 * The access log: one line per request in the log phase, from a compiled `log_format`, to
 * every `access_log` of the request's location. Writes are asynchronous; `buffer=` keeps lines
 * in memory up to the size and `flush=` writes them after at most that long, as nginx does.
 *
 * A request's error-log lines reach the disk before its access-log line: the `.t` runner (and
 * people tailing both files) take the access line as "this request is finished".
 *
 * A buffer belongs to the file, as in nginx: once some `access_log` names a file with
 * `buffer=`, every line for that file goes through that buffer (the first such directive's size
 * and flush time), so lines never overtake each other on their way to the file.
 */
import type { ConfLevel } from "../../directives/level.js";
import { ACCESS_LOG_SLOT, type AccessLogSetting, type AccessLogSpec, type LogFormat } from "../../directives/modules/log.js";
import type { Request } from "../context.js";
import { evaluate, variable } from "../variables/evaluate.js";
import type { ErrorLog } from "./error-log.js";
import { logFile } from "./error-log.js";
import type { LogFile } from "./log-file.js";

function hex2(c: number): string {
  return c.toString(16).toUpperCase().padStart(2, "0");
}

/** nginx's default escaping: `"`, `\`, control bytes and bytes ≥ 0x7f become `\xHH`. */
function escapeDefault(v: string): string {
  let out = "";
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    out += c === 0x22 || c === 0x5c || c < 0x20 || c >= 0x7f ? `\\x${hex2(c)}` : v[i];
  }
  return out;
}

function escapeJson(v: string): string {
  let out = "";
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c === 0x08) out += "\\b";
    else if (c === 0x0c) out += "\\f";
    else if (c < 0x20) out += `\\u00${hex2(c)}`;
    else out += v[i];
  }
  return out;
}

export function formatLine(format: LogFormat, r: Request): string {
  let line = "";
  for (const p of format.parts) {
    if ("text" in p) {
      line += p.text;
      continue;
    }
    const v = variable(r, p.variable);
    if (format.escape === "json") line += v === undefined ? "" : escapeJson(v);
    else if (format.escape === "none") line += v ?? "";
    else line += v === undefined || v === "" ? "-" : escapeDefault(v);
  }
  return line + "\n";
}

interface BufferedTarget {
  file: LogFile;
  size: number;
  flushMs: number;
  pending: string;
  timer: NodeJS.Timeout | null;
}

export class AccessLogger {
  private readonly buffers = new Map<string, BufferedTarget>();

  constructor(private readonly errorLog: () => ErrorLog[]) {}

  /** Sets up the buffers of every `access_log … buffer=` below `level` (at start-up). */
  prepare(level: ConfLevel): void {
    const setting = level.settings[ACCESS_LOG_SLOT] as AccessLogSetting | undefined;
    for (const spec of setting?.logs ?? []) {
      const t = spec.target;
      if (t.kind !== "file" || spec.buffer === 0 || this.buffers.has(t.path)) continue;
      this.buffers.set(t.path, { file: logFile(t.path), size: spec.buffer, flushMs: spec.flush, pending: "", timer: null });
    }
    for (const child of level.children) this.prepare(child);
  }

  async log(r: Request, setting: AccessLogSetting | undefined): Promise<void> {
    if (setting === undefined || setting.off) return;
    const lines: [AccessLogSpec, string][] = [];
    for (const spec of setting.logs) {
      if (spec.condition !== null) {
        const c = evaluate(spec.condition, r);
        if (c === "" || c === "0") continue;
      }
      lines.push([spec, formatLine(spec.format, r)]);
    }
    if (lines.length === 0) return;
    const logs = this.errorLog().filter((l) => l.pending);
    if (logs.length > 0) await Promise.all(logs.map((l) => l.flush()));
    // One request's unbuffered lines for one file go out in one write: a reader never sees
    // half of them (nginx writes them one after the other, synchronously).
    const direct = new Map<string, string>();
    for (const [spec, line] of lines) this.write(spec, line, r, direct);
    for (const [path, text] of direct) logFile(path).write(text);
  }

  private write(spec: AccessLogSpec, line: string, r: Request, direct: Map<string, string>): void {
    const t = spec.target;
    if (t.kind === "syslog") return;
    const path = t.kind === "file" ? t.path : evaluate(t.path, r);
    const b = t.kind === "file" ? this.buffers.get(path) : undefined;
    if (b === undefined) {
      direct.set(path, (direct.get(path) ?? "") + line);
      return;
    }
    // As nginx: a line that does not fit in what is left of the buffer first pushes the
    // buffered lines out; a line longer than the whole buffer is written at once.
    if (b.pending.length + line.length > b.size) this.flushTarget(b);
    if (line.length > b.size) {
      b.file.write(line);
      return;
    }
    b.pending += line;
    if (b.flushMs > 0 && b.timer === null) {
      const target = b;
      b.timer = setTimeout(() => this.flushTarget(target), b.flushMs);
      b.timer.unref();
    }
  }

  private flushTarget(b: BufferedTarget): void {
    if (b.timer !== null) clearTimeout(b.timer);
    b.timer = null;
    if (b.pending === "") return;
    b.file.write(b.pending);
    b.pending = "";
  }

  /** Writes every buffered line (graceful stop, log reopen). */
  flushBuffers(): void {
    for (const b of this.buffers.values()) this.flushTarget(b);
  }
}
