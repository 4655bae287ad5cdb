/**
 * File-system errors a root-run test cannot cause for real (permission denied, I/O errors,
 * a file shrinking mid-response) and a client leaving mid-body. The expected statuses and log
 * lines are nginx 1.22.1's, taken from a worker running as `nobody` over the same tree.
 */
import { open, stat, type FileHandle } from "node:fs/promises";
import { afterEach, describe, expect, test, vi } from "vitest";
import { staticContent } from "../../src/runtime/content/static.js";
import { indexHandler } from "../../src/runtime/phases/index-handler.js";
import { tryFilesPhase } from "../../src/runtime/phases/try-files.js";
import { staticHarness } from "./static-fixture.js";

vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  return { ...real, open: vi.fn(real.open), stat: vi.fn(real.stat) };
});

/** The unmocked module, for the calls that should go through. */
const realFs = await vi.importActual<typeof import("node:fs/promises")>("node:fs/promises");

function fsError(code: string, errno: number): Error {
  return Object.assign(new Error(`${code}: mocked`), { code, errno: -errno });
}

const asText = (p: unknown) => (Buffer.isBuffer(p) ? p.toString("latin1") : String(p));

/** Paths containing `marker` fail with `code` for the given call. */
function failFor(call: "open" | "stat", marker: string, code: string, errno: number): void {
  if (call === "open") {
    vi.mocked(open).mockImplementation(async (p, ...rest) => {
      if (asText(p).includes(marker)) throw fsError(code, errno);
      return realFs.open(p, ...(rest as [number]));
    });
  } else {
    vi.mocked(stat).mockImplementation((async (p: Parameters<typeof realFs.stat>[0]) => {
      if (asText(p).includes(marker)) throw fsError(code, errno);
      return realFs.stat(p);
    }) as typeof stat);
  }
}

afterEach(() => {
  vi.mocked(open).mockImplementation(realFs.open);
  vi.mocked(stat).mockImplementation(realFs.stat as typeof stat);
});

const files = { "secret.txt": "s", "ok.txt": "ok\n", "nox/index.html": "i", "idx/index.html": "i", "tfd/x": "x" };

describe("permission denied (nginx as nobody)", () => {
  test("an unreadable file is 403 with the open() line, for HEAD too", async () => {
    const h = staticHarness("", files);
    failFor("open", "secret", "EACCES", 13);
    expect(await staticContent(h.rt, h.request("GET", "/secret.txt").r)).toEqual({ kind: "status", status: 403 });
    expect(await staticContent(h.rt, h.request("HEAD", "/secret.txt").r)).toEqual({ kind: "status", status: 403 });
    expect(h.logs).toEqual([
      `[error] open() "${h.html}/secret.txt" failed (13: Permission denied)`,
      `[error] open() "${h.html}/secret.txt" failed (13: Permission denied)`,
    ]);
  });

  test("an index file that cannot be looked at is 403 `is forbidden`", async () => {
    const h = staticHarness("", files);
    failFor("stat", "nox/index.html", "EACCES", 13);
    expect(await indexHandler(h.rt, h.request("GET", "/nox/").r)).toEqual({ kind: "status", status: 403 });
    expect(h.logs).toEqual([`[error] "${h.html}/nox/index.html" is forbidden (13: Permission denied)`]);
  });

  test("a directory that cannot be listed still gets its index looked for", async () => {
    const h = staticHarness("", files);
    vi.mocked(stat).mockImplementation((async (p: Parameters<typeof realFs.stat>[0]) => {
      const path = asText(p);
      if (path.endsWith("/idx")) throw fsError("EACCES", 13);
      if (path.endsWith("/idx/index.html")) throw fsError("ENOENT", 2);
      return realFs.stat(p);
    }) as typeof stat);
    // EACCES on the directory means "go on": with no other index, the handler declines.
    expect(await indexHandler(h.rt, h.request("GET", "/idx/").r)).toBeNull();
    expect(h.logs).toEqual([]);
  });

  test("try_files logs other errors at crit and goes on", async () => {
    const h = staticHarness("location /tfd/ { try_files /nox/f.txt /nox/sub/ /ok.txt =404; }", files);
    failFor("stat", "/nox/", "EACCES", 13);
    const t = h.request("GET", "/tfd/x");
    expect(await tryFilesPhase(h.rt, t.r)).toEqual({ kind: "next" });
    expect(t.r.uri).toBe("/ok.txt");
    expect(h.logs).toEqual([
      `[crit] stat() "${h.html}/nox/f.txt" failed (13: Permission denied)`,
      `[crit] stat() "${h.html}/nox/sub" failed (13: Permission denied)`,
    ]);
  });
});

describe("other errors", () => {
  test("an I/O error on open() is 500 at crit; an unknown code keeps its number", async () => {
    const h = staticHarness("", files);
    failFor("open", "ok.txt", "EIO", 5);
    expect(await staticContent(h.rt, h.request("GET", "/ok.txt").r)).toEqual({ kind: "status", status: 500 });
    failFor("open", "ok.txt", "EWHATEVER", 99);
    expect(await staticContent(h.rt, h.request("GET", "/ok.txt").r)).toEqual({ kind: "status", status: 500 });
    expect(h.logs).toEqual([`[crit] open() "${h.html}/ok.txt" failed (5: Input/output error)`, `[crit] open() "${h.html}/ok.txt" failed (99: EWHATEVER)`]);
  });

  test("a file that shrinks while it is sent: alert, connection closed, handle closed", async () => {
    const h = staticHarness("", files);
    let handle: FileHandle | null = null;
    vi.mocked(open).mockImplementation(async (p, ...rest) => {
      const fh = await realFs.open(p, ...(rest as [number]));
      handle = fh;
      vi.spyOn(fh, "read").mockResolvedValue({ bytesRead: 0, buffer: Buffer.alloc(0) } as never);
      return fh;
    });
    const t = h.request("GET", "/ok.txt");
    expect(await staticContent(h.rt, t.r)).toEqual({ kind: "done" });
    expect(t.destroyed).toBe(true);
    expect(h.logs).toEqual([`[alert] pread() read only 0 of 3 from "${h.html}/ok.txt"`]);
    // A closed handle has no fd left.
    expect((handle as unknown as FileHandle).fd).toBe(-1);
  });

  test("a client that leaves mid-body: no error, the handle is closed", async () => {
    const h = staticHarness("", files);
    const t = h.request("GET", "/ok.txt");
    const ex = t.r.ex as unknown as { sendHead: (...a: unknown[]) => { write: () => Promise<void>; end: () => Promise<void> }; headSent: boolean };
    const original = ex.sendHead.bind(ex);
    ex.sendHead = (...a: unknown[]) => {
      const sink = original(...a);
      return { ...sink, write: () => Promise.reject(new Error("connection closed")) };
    };
    let handle: FileHandle | null = null;
    vi.mocked(open).mockImplementation(async (p, ...rest) => (handle = await realFs.open(p, ...(rest as [number]))));
    expect(await staticContent(h.rt, t.r)).toEqual({ kind: "done" });
    expect(t.destroyed).toBe(true);
    expect(h.logs).toEqual([]);
    expect((handle as unknown as FileHandle).fd).toBe(-1);
  });
});
