/**
 * Where the chunks of a chunked body lie in the decoded body, so the chunk that crosses a
 * client_max_body_size can be named after the bytes arrived. nginx checks the limit as it
 * parses: at the first data byte of each chunk it refuses a chunk that would end past the limit
 * and logs "too large chunked body: <bytes before the chunk>+<chunk size> bytes". tsresty
 * decodes a body as it arrives, before the location (and so the limit) is known; keeping the
 * chunk ends lets any limit find that chunk later.
 */

/** The chunk a limit refuses: the body bytes before it and its size (nginx's `%O+%O`). */
export interface ChunkCrossing {
  readonly before: number;
  readonly size: number;
}

export class ChunkSpans {
  /** The decoded offset where each chunk whose data began ends, in order. */
  private readonly ends: number[] = [];

  /** @param cap the most body bytes kept: a body past it is refused whatever the limit. */
  constructor(private readonly cap: number) {}

  /** A chunk of `size` bytes, starting at decoded offset `start`, got its first data byte. */
  began(start: number, size: number): void {
    // Once a chunk ends past the cap, every limit up to the cap has found its chunk, and the
    // body is refused anyway before a later one could matter: nothing more to remember.
    const last = this.ends[this.ends.length - 1] ?? 0;
    if (last > this.cap) return;
    this.ends.push(start + size);
  }

  /** The first begun chunk that ends past `limit` bytes, or null. */
  crossing(limit: number): ChunkCrossing | null {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ends[mid]! > limit) hi = mid;
      else lo = mid + 1;
    }
    if (lo === this.ends.length) return null;
    const before = lo === 0 ? 0 : this.ends[lo - 1]!;
    return { before, size: this.ends[lo]! - before };
  }
}
