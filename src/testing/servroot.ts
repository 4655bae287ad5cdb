// The server root of one `.t` file: conf/, logs/, html/ (spec-format.md §4). The path is the
// `-p` prefix of the server under test.

import { mkdtemp, mkdir, rm, writeFile, chmod } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export interface UserFile {
  readonly name: string;
  readonly content: string | Buffer;
}

const DEFAULT_INDEX = "<html><body>It works!</body></html>\n";

export class Servroot {
  readonly root: string;

  private constructor(root: string) {
    this.root = root;
  }

  /** A fresh servroot under the system temp dir, named after the spec file. */
  static async create(specFile: string): Promise<Servroot> {
    const stem = path.basename(specFile).replace(/\.t$/, "").replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 40);
    const root = await mkdtemp(path.join(os.tmpdir(), `tsresty-t-${stem}-`));
    // mkdtemp makes 0700; workers of a master_process run (as nobody, under root) must read html/.
    await chmod(root, 0o755);
    const servroot = new Servroot(root);
    await Promise.all([mkdir(servroot.confDir), mkdir(servroot.logsDir), mkdir(servroot.htmlDir)]);
    return servroot;
  }

  get confDir(): string {
    return path.join(this.root, "conf");
  }
  get logsDir(): string {
    return path.join(this.root, "logs");
  }
  get htmlDir(): string {
    return path.join(this.root, "html");
  }
  get confFile(): string {
    return path.join(this.confDir, "nginx.conf");
  }
  get errorLog(): string {
    return path.join(this.logsDir, "error.log");
  }
  get accessLog(): string {
    return path.join(this.logsDir, "access.log");
  }
  get pidFile(): string {
    return path.join(this.logsDir, "nginx.pid");
  }

  async writeConf(text: string): Promise<void> {
    await writeFile(this.confFile, text);
  }

  /** Replaces html/ with the default index.html plus the block's user files. */
  async writeHtml(files: readonly UserFile[]): Promise<void> {
    await rm(this.htmlDir, { recursive: true, force: true });
    await mkdir(this.htmlDir);
    await writeFile(path.join(this.htmlDir, "index.html"), DEFAULT_INDEX);
    for (const file of files) {
      const target = path.join(this.htmlDir, file.name);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.content);
    }
  }

  async removePidFile(): Promise<void> {
    await rm(this.pidFile, { force: true });
  }

  async remove(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}
