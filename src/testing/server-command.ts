// Which server the runner starts: TEST_NGINX_BINARY (a command name or a path), by default this
// checkout's bin/tsresty.js run with the current node.

import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface ServerCommand {
  /** What to exec. */
  readonly command: string;
  /** Arguments before nginx's own (`-p … -c …`), e.g. the script for node. */
  readonly leadingArgs: readonly string[];
  /** Arguments after nginx's own, e.g. `-g 'load_module …;'`. */
  readonly extraArgs: readonly string[];
  /** Short name for messages and `skip_if: server <name>`: "tsresty", "nginx", "openresty". */
  readonly name: string;
}

const DEFAULT_MODULES_DIR = "/usr/lib/nginx/modules";

/** bin/tsresty.js of this checkout; this file lives in src/testing or dist/testing. */
export function defaultTsrestyScript(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/tsresty.js");
}

export function resolveServerCommand(binary: string | undefined, env: NodeJS.ProcessEnv = process.env): ServerCommand {
  const target = binary && binary !== "" ? binary : defaultTsrestyScript();
  const extraArgs: string[] = [];
  // OpenResty differential runs: Debian's nginx loads the lua module dynamically.
  if (env.TEST_NGINX_LOAD_MODULES === "1") {
    const dir = env.TEST_NGINX_MODULES_DIR ?? DEFAULT_MODULES_DIR;
    extraArgs.push("-g", `load_module ${dir}/ndk_http_module.so; load_module ${dir}/ngx_http_lua_module.so;`);
  }
  const name = path.basename(target).replace(/\.(c|m)?js$/, "");
  if (/\.(c|m)?js$/.test(target)) {
    return { command: process.execPath, leadingArgs: [path.resolve(target)], extraArgs, name };
  }
  return { command: target, leadingArgs: [], extraArgs, name };
}

/** Finds an executable on PATH, then in the sbin folders nginx usually lives in. */
export function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (name.includes("/")) return existsSync(name) ? name : undefined;
  const dirs = [...(env.PATH ?? "").split(":"), "/usr/sbin", "/usr/local/sbin", "/usr/local/openresty/nginx/sbin"];
  for (const dir of dirs) {
    if (dir === "") continue;
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}
