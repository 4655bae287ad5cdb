/**
 * Where a request head's lines would sit in nginx's header buffers, which is what nginx's size
 * limits really are: the head is read into one `client_header_buffer_size` buffer; a line that
 * does not fit in what is left of the current buffer moves, whole, to a fresh
 * `large_client_header_buffers` buffer (lines never span buffers). A line longer than a large
 * buffer, or a line with no large buffer left for it, is refused. So `2 1k` admits three 800-byte
 * headers (one in the first buffer, one in each large one) but not three 1000-byte ones — a rule
 * a plain "line ≤ size, head ≤ number × size" check gets wrong both ways.
 */
import type { HeadLimits } from "./parse-head.js";

export class HeaderBuffers {
  /** 0 is the first buffer; 1…largeCount are large ones. */
  private buffer = 0;
  private used = 0;

  constructor(private readonly limits: HeadLimits) {}

  private get capacity(): number {
    return this.buffer === 0 ? this.limits.firstBuffer : this.limits.largeSize;
  }

  /** Bytes before the request line (skipped empty lines) that still fill the first buffer. */
  skip(bytes: number): void {
    this.used = Math.min(this.capacity, this.used + bytes);
  }

  /** Places a complete line of `length` bytes (its line ending included); false when it cannot be. */
  place(length: number): boolean {
    if (this.used + length <= this.capacity) {
      this.used += length;
      return true;
    }
    if (this.buffer >= this.limits.largeCount || length > this.limits.largeSize) return false;
    this.buffer++;
    this.used = length;
    return true;
  }

  /** Whether an incomplete line of `partial` bytes so far (no line ending yet) can still fit. */
  canHold(partial: number): boolean {
    const length = partial + 1;
    if (this.used + length <= this.capacity) return true;
    return this.buffer < this.limits.largeCount && length <= this.limits.largeSize;
  }

  /**
   * How much of the refused line nginx held when it gave up: the rest of the buffer it was in,
   * or a whole large buffer when it had moved there first. nginx shows this much of it in
   * `$request` (414) or in the "too long header line" message.
   */
  keptOfRefused(): number {
    const room = this.capacity - this.used;
    if (room >= this.limits.largeSize || this.buffer >= this.limits.largeCount) return room;
    return this.limits.largeSize;
  }
}
