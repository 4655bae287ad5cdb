/**
 * The static content handler: nginx's index and static modules and the core module's
 * "directory index … is forbidden", with the not_modified and range filters that act on a
 * file response. Behaviour verified against nginx 1.22 (see t/static/*.t):
 *
 * - GET, HEAD and POST only (else 405); a POST reaches 405 only once the file is found;
 * - a URI ending in `/` goes to the index handler, then 403 with
 *   `directory index of "<path>" is forbidden`;
 * - a directory without the slash → 301 to the escaped URI + `/` (+ `?args`);
 * - `open()` errors: missing → 404 (logged unless `log_not_found off`), `EACCES` and symlink
 *   loops → 403, others → 500 at `crit`; a FIFO or device → 404 `… is not a regular file`;
 * - 200 with Content-Type from the URI's extension, Last-Modified, ETag, Accept-Ranges;
 *   conditionals (304/412) and ranges (206/416) as in conditional.ts and range.ts.
 *
 * HEAD opens and fstat()s the file like GET (so the status is the same) but reads nothing.
 */
import type { Request, Runtime } from "../context.js";
import { escapeUri } from "../escape-uri.js";
import type { HeaderList } from "../http/types.js";
import { indexHandler, isReadMethod } from "../phases/index-handler.js";
import { sendResponse } from "../phases/respond.js";
import { discardBody } from "../phases/discard-body.js";
import { DONE, status, type PhaseResult } from "../phases/result.js";
import { evaluateConditionals } from "./conditional.js";
import { errnoText, errorCode } from "./errno-text.js";
import { staticEtag } from "./etag.js";
import { FileReadError, openForServing, readSpan, type OpenFile, type OpenResult } from "./file-stream.js";
import { mapUriToPath, mapUriToRequestPath } from "./map-path.js";
import { staticContentType } from "./mime.js";
import { multipartLayout, nextBoundary } from "./multipart.js";
import { requestedRanges, type RangeOutcome } from "./range.js";
import { refusedPathMessage } from "./request-path.js";

/** nginx's header filter sends Last-Modified only with these. */
const LAST_MODIFIED_CODES = new Set([200, 206, 304]);

/** An iterable that opens nothing until it is iterated (HEAD never iterates it). */
function lazy(make: () => AsyncGenerator<Buffer>): AsyncIterable<Buffer> {
  return { [Symbol.asyncIterator]: make };
}

function openFailed(r: Request, path: string, res: OpenResult & { ok: false }): PhaseResult {
  let code: number;
  let level: "error" | "crit" = "error";
  switch (errorCode(res.error)) {
    case "ENOENT":
    case "ENOTDIR":
    case "ENAMETOOLONG":
      code = 404;
      break;
    case "EACCES":
    case "EMLINK":
    case "ELOOP":
      code = 403;
      break;
    default:
      code = 500;
      level = "crit";
  }
  if (code !== 404 || r.loc.logNotFound) r.log(level, `${res.failed} "${path}" failed (${errnoText(res.error)})`);
  return status(code);
}

function maxRanges(r: Request): number {
  const v = r.loc.settings["max_ranges"];
  return typeof v === "number" ? v : 0x7fffffff;
}

/** Sends the file (or part of it) once it is known to be a regular file. */
async function sendFile(rt: Runtime, r: Request, file: OpenFile, path: string): Promise<PhaseResult> {
  const etag = r.loc.etag ? staticEtag(file.mtime, file.size) : null;
  const contentType = staticContentType(r);
  // An error_page status replaces 200 before the filters look at it (ngx_http_send_header),
  // so a page served for a 404 gets no 304, no ranges and no Last-Modified. It is applied
  // here, once, because this handler does the filters' work.
  const code = r.errStatus > 0 ? r.errStatus : 200;
  r.errStatus = 0;
  const lastModified = LAST_MODIFIED_CODES.has(code) ? file.mtime * 1000 : null;
  const header = (name: string): string | undefined => r.header(name);

  let ranges: RangeOutcome = { kind: "full" };
  let rangesAllowed = false;
  if (code === 200) {
    const verdict = evaluateConditionals(header, { mtime: file.mtime, etag }, r.loc.ifModifiedSince);
    if (verdict === "precondition-failed") return status(412);
    if (verdict === "not-modified") {
      await sendResponse(rt, r, { status: 304, lastModified, etag, contentType: null });
      return DONE;
    }
    const max = maxRanges(r);
    rangesAllowed = r.ex.head.version >= 10 && max > 0;
    if (rangesAllowed) ranges = requestedRanges(header, file.size, etag, file.mtime, max);
  }

  const { handle } = file;
  if (ranges.kind === "unsatisfiable") {
    r.setHeader("Content-Range", `bytes */${file.size}`);
    return status(416);
  }
  if (ranges.kind === "full") {
    const headers: HeaderList = rangesAllowed ? [["Accept-Ranges", "bytes"]] : [];
    const stream = lazy(() => readSpan(handle, 0, file.size, path));
    await sendResponse(rt, r, { status: code, stream, contentLength: file.size, contentType, lastModified, etag, headers });
    return DONE;
  }
  if (ranges.ranges.length === 1) {
    const { start, end } = ranges.ranges[0]!;
    const headers: HeaderList = [["Content-Range", `bytes ${start}-${end - 1}/${file.size}`]];
    const stream = lazy(() => readSpan(handle, start, end, path));
    await sendResponse(rt, r, { status: 206, stream, contentLength: end - start, contentType, lastModified, etag, headers });
    return DONE;
  }
  const layout = multipartLayout(ranges.ranges, file.size, contentType, nextBoundary());
  const stream = lazy(async function* () {
    for (const part of layout.parts) {
      yield part.head;
      yield* readSpan(handle, part.range.start, part.range.end, path);
    }
    yield layout.trailer;
  });
  await sendResponse(rt, r, { status: 206, stream, contentLength: layout.contentLength, contentType: layout.contentType, lastModified, etag });
  return DONE;
}

/** What the file turned out to be decides the answer; the handle is closed in any case. */
async function serveOpenFile(rt: Runtime, r: Request, file: OpenFile, path: string): Promise<PhaseResult> {
  if (file.isDirectory) {
    r.location = `${escapeUri(r.uri)}/${r.args !== "" ? `?${r.args}` : ""}`;
    return status(301);
  }
  if (!file.isFile) {
    r.log("crit", `"${path}" is not a regular file`);
    return status(404);
  }
  if (r.method === "POST") return status(405);
  // As nginx's static handler: the body is dropped once the file is known to be served.
  if (!discardBody(r)) return status(400);
  try {
    return await sendFile(rt, r, file, path);
  } catch (err) {
    if (err instanceof FileReadError) {
      // The head promised bytes the file no longer has: only closing the connection tells.
      r.log(err.level, err.message);
      r.ex.destroy();
      return DONE;
    }
    // Writing failed once the head was out: the client went away mid-body.
    if (r.ex.headSent) {
      r.ex.destroy();
      return DONE;
    }
    throw err;
  }
}

async function serveFile(rt: Runtime, r: Request): Promise<PhaseResult> {
  const path = mapUriToRequestPath(r, rt.conf.prefix).toFsPath();
  if (!path.ok) {
    r.log("error", refusedPathMessage(path));
    return status(404);
  }
  const opened = await openForServing(path.bytes);
  if (!opened.ok) return openFailed(r, path.text, opened);
  try {
    return await serveOpenFile(rt, r, opened.file, path.text);
  } finally {
    await opened.file.handle.close().catch(() => undefined);
  }
}

/**
 * The static handler of a location without another content handler: a response is sent and
 * `done` returned, or a status for the special-response path, or an internal redirect to an
 * index file.
 */
export async function staticContent(rt: Runtime, r: Request): Promise<PhaseResult> {
  if (!isReadMethod(r.method)) return status(405);
  if (!r.uri.endsWith("/")) return serveFile(rt, r);
  const index = await indexHandler(rt, r);
  if (index !== null) return index;
  r.log("error", `directory index of "${mapUriToPath(r, rt.conf.prefix)}" is forbidden`);
  return status(403);
}
