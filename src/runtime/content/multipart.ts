/**
 * `multipart/byteranges` bodies for several ranges, laid out as nginx does:
 *
 *   CRLF "--" boundary CRLF "Content-Type: " type CRLF "Content-Range: bytes " s "-" e "/" size
 *   CRLF CRLF <bytes>   … for each range, then   CRLF "--" boundary "--" CRLF
 *
 * The boundary is a per-worker counter printed as 20 zero-padded digits (nginx numbers it
 * from 1 in each process too), so the Content-Length is known before any byte is read.
 */
import type { ByteRange } from "./range.js";

let lastBoundary = 0;

/** The next boundary: `00000000000000000001`, … */
export function nextBoundary(): string {
  lastBoundary++;
  return String(lastBoundary).padStart(20, "0");
}

/** One part: the header bytes before the range's file bytes. */
export interface MultipartPart {
  readonly head: Buffer;
  readonly range: ByteRange;
}

export interface MultipartLayout {
  readonly contentType: string;
  readonly parts: readonly MultipartPart[];
  readonly trailer: Buffer;
  readonly contentLength: number;
}

/** `partType` is the type each part carries; an empty one leaves the part's Content-Type out. */
export function multipartLayout(ranges: readonly ByteRange[], size: number, partType: string, boundary: string): MultipartLayout {
  const typeLine = partType !== "" ? `Content-Type: ${partType}\r\n` : "";
  const parts = ranges.map((range) => ({
    head: Buffer.from(`\r\n--${boundary}\r\n${typeLine}Content-Range: bytes ${range.start}-${range.end - 1}/${size}\r\n\r\n`, "latin1"),
    range,
  }));
  const trailer = Buffer.from(`\r\n--${boundary}--\r\n`, "latin1");
  let contentLength = trailer.length;
  for (const p of parts) contentLength += p.head.length + (p.range.end - p.range.start);
  return { contentType: `multipart/byteranges; boundary=${boundary}`, parts, trailer, contentLength };
}
