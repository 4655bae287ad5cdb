/**
 * Framing of an upstream response body: none (HEAD, 204, 304), Content-Length, chunked, or
 * until the upstream closes. The decoder turns wire bytes into body bytes as they come, and
 * tells when the body is complete and whether bytes followed it (then the connection cannot
 * be kept alive; nginx warns and drops them).
 */

export type BodyFraming =
  | { readonly kind: "none" }
  | { readonly kind: "length"; readonly length: number }
  | { readonly kind: "chunked" }
  | { readonly kind: "close" };

export interface DecodeStep {
  /** Body bytes found in this input. */
  readonly data: Buffer[];
  /** Input bytes after the end of the body (nginx: "more data than specified", keepalive off). */
  readonly excess: boolean;
  /** The chunked framing is broken ("upstream sent invalid chunked response"). */
  readonly invalid: boolean;
}

/** The framing nginx chooses for a response to `method` with this status and these headers. */
export function bodyFraming(method: string, status: number, chunked: boolean, contentLength: number): BodyFraming {
  if (status === 204 || status === 304 || method === "HEAD") return { kind: "none" };
  if (chunked) return { kind: "chunked" };
  if (contentLength >= 0) return contentLength === 0 ? { kind: "none" } : { kind: "length", length: contentLength };
  return { kind: "close" };
}

type ChunkState = "size" | "size-ext" | "size-lf" | "data" | "data-cr" | "data-lf" | "trailer-start" | "trailer-line" | "trailer-lf" | "end-lf" | "done";

/** nginx refuses chunk sizes that could overflow an off_t. */
const MAX_CHUNK_SIZE = 2 ** 53 / 16;

export class UpstreamBodyDecoder {
  private remaining: number;
  private state: ChunkState = "size";
  private sizeDigits = 0;
  private chunkLeft = 0;
  /** Body bytes decoded so far (`$upstream_response_length`). */
  received = 0;

  constructor(readonly framing: BodyFraming) {
    this.remaining = framing.kind === "length" ? framing.length : 0;
    if (framing.kind === "none") this.state = "done";
  }

  /** The body is complete; a close-delimited body never is until the upstream closes. */
  get done(): boolean {
    switch (this.framing.kind) {
      case "none":
        return true;
      case "length":
        return this.remaining === 0;
      case "chunked":
        return this.state === "done";
      case "close":
        return false;
    }
  }

  feed(input: Buffer): DecodeStep {
    switch (this.framing.kind) {
      case "none":
        return { data: [], excess: input.length > 0, invalid: false };
      case "close":
        this.received += input.length;
        return { data: input.length > 0 ? [input] : [], excess: false, invalid: false };
      case "length": {
        const n = Math.min(this.remaining, input.length);
        this.remaining -= n;
        this.received += n;
        return { data: n > 0 ? [input.subarray(0, n)] : [], excess: n < input.length, invalid: false };
      }
      case "chunked":
        return this.feedChunked(input);
    }
  }

  private feedChunked(input: Buffer): DecodeStep {
    const data: Buffer[] = [];
    let i = 0;
    const fail = (): DecodeStep => ({ data, excess: false, invalid: true });
    while (i < input.length) {
      if (this.state === "done") return { data, excess: true, invalid: false };
      if (this.state === "data") {
        const n = Math.min(this.chunkLeft, input.length - i);
        data.push(input.subarray(i, i + n));
        this.received += n;
        this.chunkLeft -= n;
        i += n;
        if (this.chunkLeft === 0) this.state = "data-cr";
        continue;
      }
      const c = input[i++]!;
      switch (this.state) {
        case "size": {
          const v = hexValue(c);
          if (v >= 0) {
            if (this.chunkLeft > MAX_CHUNK_SIZE) return fail();
            this.chunkLeft = this.chunkLeft * 16 + v;
            this.sizeDigits++;
          } else if (this.sizeDigits === 0) {
            return fail();
          } else if (c === 0x0d) {
            this.state = "size-lf";
          } else if (c === 0x0a) {
            this.endSizeLine();
          } else if (c === 0x3b || c === 0x20 || c === 0x09) {
            this.state = "size-ext";
          } else {
            return fail();
          }
          break;
        }
        case "size-ext":
          if (c === 0x0d) this.state = "size-lf";
          else if (c === 0x0a) this.endSizeLine();
          break;
        case "size-lf":
          if (c !== 0x0a) return fail();
          this.endSizeLine();
          break;
        case "data-cr":
          if (c === 0x0d) this.state = "data-lf";
          else if (c === 0x0a) this.state = "size";
          else return fail();
          break;
        case "data-lf":
          if (c !== 0x0a) return fail();
          this.state = "size";
          break;
        case "trailer-start":
          if (c === 0x0d) this.state = "end-lf";
          else if (c === 0x0a) this.state = "done";
          else this.state = "trailer-line";
          break;
        case "trailer-line":
          if (c === 0x0d) this.state = "trailer-lf";
          else if (c === 0x0a) this.state = "trailer-start";
          break;
        case "trailer-lf":
          if (c !== 0x0a) return fail();
          this.state = "trailer-start";
          break;
        case "end-lf":
          if (c !== 0x0a) return fail();
          this.state = "done";
          break;
      }
    }
    return { data, excess: false, invalid: false };
  }

  private endSizeLine(): void {
    this.sizeDigits = 0;
    this.state = this.chunkLeft === 0 ? "trailer-start" : "data";
  }
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}
