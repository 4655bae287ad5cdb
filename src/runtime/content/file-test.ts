/**
 * nginx's "test only" file checks (index and try_files): a stat() that follows symlinks,
 * asking only whether something is there and whether it is a directory.
 */
import { stat } from "node:fs/promises";

export type PathTest = { readonly ok: true; readonly isDirectory: boolean } | { readonly ok: false; readonly error: unknown };

export async function testPath(path: Buffer): Promise<PathTest> {
  try {
    const st = await stat(path);
    return { ok: true, isDirectory: st.isDirectory() };
  } catch (error) {
    return { ok: false, error };
  }
}
