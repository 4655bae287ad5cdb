/**
 * Request body framing: Content-Length or chunked (with trailers). The decoder consumes wire
 * bytes and yields body bytes; it keeps them up to a cap and only counts the rest, so an
 * unread or oversized body can be discarded while keeping the connection usable, as nginx does.
 */

import { ChunkSpans, type ChunkCrossing } from "./chunk-spans.js";

export type FeedResult = { consumed: number; done: boolean } | { error: string };

export interface BodyDecoder {
  /** Feeds wire bytes; returns how many were body framing/data, and whether the body ended. */
  feed(data: Buffer): FeedResult;
  readonly done: boolean;
  /** Body bytes seen so far. */
  readonly received: number;
  /**
   * Wire bytes taken so far, chunk framing and trailers included: what nginx adds to
   * `$request_length` for a body it reads.
   */
  readonly wireBytes: number;
  /** Kept body chunks (up to the cap). */
  readonly chunks: Buffer[];
  /** The most body bytes kept. */
  readonly cap: number;
  /** True when more than the cap arrived (the kept chunks are incomplete). */
  readonly overflow: boolean;
  /** Nobody will read the body: what was kept goes, and the rest is only counted. */
  discard(): void;
  /**
   * The chunk at which nginx refuses this body for a client_max_body_size of `limit`, once its
   * data began to arrive; null while none does (and always for a Content-Length body, which is
   * checked against the limit before it is read).
   */
  crossing(limit: number): ChunkCrossing | null;
}

class Keeper {
  readonly chunks: Buffer[] = [];
  received = 0;
  overflow = false;
  private dropped = false;
  constructor(readonly cap: number) {}
  drop(): void {
    this.dropped = true;
    this.chunks.length = 0;
  }
  keep(b: Buffer): void {
    this.received += b.length;
    if (this.overflow || this.dropped) return;
    if (this.received > this.cap) {
      this.overflow = true;
      this.chunks.length = 0;
      return;
    }
    this.chunks.push(b);
  }
}

/** What both framings share: the kept body and its counters. */
abstract class KeptBody {
  protected readonly keeper: Keeper;
  protected wire = 0;
  constructor(cap: number) {
    this.keeper = new Keeper(cap);
  }
  get received(): number {
    return this.keeper.received;
  }
  get wireBytes(): number {
    return this.wire;
  }
  get chunks(): Buffer[] {
    return this.keeper.chunks;
  }
  get cap(): number {
    return this.keeper.cap;
  }
  get overflow(): boolean {
    return this.keeper.overflow;
  }
  discard(): void {
    this.keeper.drop();
  }
}

export class LengthDecoder extends KeptBody implements BodyDecoder {
  private remaining: number;
  constructor(length: number, cap: number) {
    super(cap);
    this.remaining = length;
  }
  get done(): boolean {
    return this.remaining === 0;
  }
  crossing(): null {
    return null;
  }
  feed(data: Buffer): FeedResult {
    const n = Math.min(this.remaining, data.length);
    if (n > 0) this.keeper.keep(data.subarray(0, n));
    this.remaining -= n;
    this.wire += n;
    return { consumed: n, done: this.remaining === 0 };
  }
}

type ChunkState = "size" | "data" | "data-crlf" | "trailer" | "done";

/** Chunk sizes are hex digits, optionally followed by `;ext`; lines end with CRLF or LF. */
export class ChunkedDecoder extends KeptBody implements BodyDecoder {
  private state: ChunkState = "size";
  private line = "";
  private chunkSize = 0;
  private chunkLeft = 0;
  private readonly spans: ChunkSpans;
  constructor(cap: number) {
    super(cap);
    this.spans = new ChunkSpans(cap);
  }
  get done(): boolean {
    return this.state === "done";
  }
  crossing(limit: number): ChunkCrossing | null {
    return this.spans.crossing(limit);
  }

  feed(data: Buffer): FeedResult {
    let i = 0;
    while (i < data.length && this.state !== "done") {
      if (this.state === "data") {
        const n = Math.min(this.chunkLeft, data.length - i);
        if (this.chunkLeft === this.chunkSize) this.spans.began(this.keeper.received, this.chunkSize);
        this.keeper.keep(data.subarray(i, i + n));
        this.chunkLeft -= n;
        i += n;
        if (this.chunkLeft === 0) this.state = "data-crlf";
        continue;
      }
      const nl = data.indexOf(0x0a, i);
      const end = nl === -1 ? data.length : nl;
      this.line += data.toString("latin1", i, end);
      if (this.line.length > 4096) return { error: "client sent invalid chunked body" };
      i = nl === -1 ? data.length : nl + 1;
      if (nl === -1) break;
      const line = this.line.endsWith("\r") ? this.line.slice(0, -1) : this.line;
      this.line = "";
      if (this.state === "data-crlf") {
        if (line !== "") return { error: "client sent invalid chunked body" };
        this.state = "size";
      } else if (this.state === "size") {
        // Leading zeros do not count towards the size limit (nginx accepts `000…5`).
        const m = /^0*([0-9A-Fa-f]{1,15}|0)[ \t]*(;.*)?$/.exec(line);
        if (m === null) return { error: "client sent invalid chunked body" };
        this.chunkSize = parseInt(m[1]!, 16);
        this.chunkLeft = this.chunkSize;
        this.state = this.chunkLeft === 0 ? "trailer" : "data";
      } else if (this.state === "trailer") {
        if (line === "") this.state = "done";
      }
    }
    this.wire += i;
    return { consumed: i, done: this.state === "done" };
  }
}
