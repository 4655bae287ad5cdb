/**
 * A file path built from configuration and request bytes, remembering which bytes came from
 * the request (the URI, variables, regex captures). nginx appends the URI to `root`/`alias`
 * and trusts URI normalisation to have removed `..`; that trust breaks for an `alias` without
 * a trailing slash (`location /img { alias /data/img/; }` + `/img../etc/passwd`), a URI set by
 * `rewrite … break` or a handler, and variables in `root`, `alias`, `index` or `try_files`.
 * tsresty refuses a path with a `..` segment made of request bytes in any of these cases, so
 * a request can never climb out of what the configuration names. `..` written in the
 * configuration itself stays the administrator's business, as do symlinks (nginx's
 * `disable_symlinks off`).
 */
import type { ComplexValue } from "../../directives/variables.js";
import type { Request } from "../context.js";
import { capture, variable } from "../variables/evaluate.js";

/** What the file system is asked for, or why the path is refused. */
export type FsPath =
  | { readonly ok: true; readonly text: string; readonly bytes: Buffer }
  | { readonly ok: false; readonly text: string; readonly reason: string };

export class RequestPath {
  private value = "";
  /** `[start, end)` offsets of request bytes, in order. */
  private readonly fromRequest: number[] = [];

  /** Bytes written in the configuration (or the `-p` prefix). */
  trusted(text: string): this {
    this.value += text;
    return this;
  }

  /** Bytes the client can influence. */
  untrusted(text: string): this {
    if (text === "") return this;
    this.fromRequest.push(this.value.length, this.value.length + text.length);
    this.value += text;
    return this;
  }

  /** Appends a compiled value: its literal text trusted, its variables and captures not. */
  evaluated(value: ComplexValue, r: Request): this {
    if (value.constant) return this.trusted(value.raw);
    for (const p of value.parts) {
      if ("text" in p) this.trusted(p.text);
      else if ("variable" in p) this.untrusted(variable(r, p.variable) ?? "");
      else this.untrusted(capture(r, p.capture));
    }
    return this;
  }

  append(other: RequestPath): this {
    const base = this.value.length;
    for (const off of other.fromRequest) this.fromRequest.push(base + off);
    this.value += other.value;
    return this;
  }

  /** The bytes from `start` on, as a new path keeping their origin. */
  slice(start: number): RequestPath {
    const out = new RequestPath();
    out.value = this.value.slice(start);
    for (let i = 0; i < this.fromRequest.length; i += 2) {
      const s = Math.max(this.fromRequest[i]! - start, 0);
      const e = this.fromRequest[i + 1]! - start;
      if (e > s) out.fromRequest.push(s, e);
    }
    return out;
  }

  get text(): string {
    return this.value;
  }

  private fromRequestOverlaps(start: number, end: number): boolean {
    for (let i = 0; i < this.fromRequest.length; i += 2) {
      if (this.fromRequest[i]! < end && this.fromRequest[i + 1]! > start) return true;
    }
    return false;
  }

  /**
   * The path to hand to the file system. Like nginx's C strings it ends at a NUL byte; it is
   * refused when a `..` segment has request bytes in it, or when it holds characters that are
   * not bytes (a latin1 conversion would fold `\u012e` into `.`).
   */
  toFsPath(): FsPath {
    const nul = this.value.indexOf("\0");
    const text = nul === -1 ? this.value : this.value.slice(0, nul);
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) > 0xff) return { ok: false, text, reason: "it has characters that are not bytes" };
    }
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf("/", start);
      if (end === -1) end = text.length;
      if (end - start === 2 && text.startsWith("..", start) && this.fromRequestOverlaps(start, end)) {
        return { ok: false, text, reason: 'a ".." segment of it comes from the request' };
      }
      start = end + 1;
    }
    return { ok: true, text, bytes: Buffer.from(text, "latin1") };
  }
}

/** The error-log line for a refused path (at `error` level: it is somebody probing). */
export function refusedPathMessage(path: FsPath & { ok: false }): string {
  return `refused to serve "${path.text}": ${path.reason}`;
}
