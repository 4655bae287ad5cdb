#!/usr/bin/env node
// Records the expected output of golden conf cases by running real nginx (Debian's nginx +
// libnginx-mod-http-lua) on the same files, with the `*_by_ts_*` handler directives renamed to
// `*_by_lua_*`. Usage: node scripts/record-golden.mjs [case-name …]   (default: every case
// without a `manual` file). Writes test/golden/cases/<name>/expected.txt.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const casesDir = fileURLToPath(new URL("../test/golden/cases/", import.meta.url));
const NGINX = process.env.NGINX_BINARY ?? "nginx";
const MODULES = "/usr/lib/nginx/modules";
const LOAD = `load_module ${MODULES}/ndk_http_module.so; load_module ${MODULES}/ngx_http_lua_module.so;`;

/** tsresty names → OpenResty names, in conf files. */
export function toLua(text) {
  return text.replace(/_by_ts(?=_block|_file|\b)/g, "_by_lua");
}

/** nginx's output → what tsresty prints. */
export function fromNginx(text, prefix) {
  return text
    .split(prefix).join("<P>")
    .replace(/^nginx: /gm, "tsresty: ")
    .replace(/_by_lua/g, "_by_ts")
    .replace(/lua code block/g, "ts code block")
    .replace(/no runnable Lua code/g, "no runnable TS code");
}

function walkFiles(dir, fn) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walkFiles(p, fn);
    else fn(p);
  }
}

export function recordCase(name) {
  const dir = join(casesDir, name);
  const prefix = mkdtempSync(join(tmpdir(), `golden-nginx-${name}-`));
  try {
    cpSync(dir, prefix, { recursive: true });
    mkdirSync(join(prefix, "logs"), { recursive: true });
    walkFiles(join(prefix, "conf"), (p) => writeFileSync(p, toLua(readFileSync(p, "latin1")), "latin1"));
    const argsFile = join(dir, "args");
    const extra = existsSync(argsFile) ? readFileSync(argsFile, "utf8").split("\n").filter((l) => l !== "") : [];
    // `-g` is parsed before the conf, so the module lines do not shift any line number.
    const gi = extra.indexOf("-g");
    const g = gi === -1 ? LOAD : `${LOAD} ${extra[gi + 1]}`;
    const rest = gi === -1 ? extra : [...extra.slice(0, gi), ...extra.slice(gi + 2)];
    const r = spawnSync(NGINX, ["-t", "-p", prefix + "/", "-c", "conf/nginx.conf", "-e", "logs/startup.log", "-g", g, ...rest], {
      encoding: "latin1",
    });
    if (r.error) throw r.error;
    return `exit ${r.status}\n${fromNginx(r.stderr, prefix)}`;
  } finally {
    rmSync(prefix, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2);
  const all = readdirSync(casesDir).sort();
  for (const name of names.length > 0 ? names : all) {
    if (existsSync(join(casesDir, name, "manual"))) continue;
    const out = recordCase(name);
    writeFileSync(join(casesDir, name, "expected.txt"), out, "latin1");
    process.stdout.write(`${name}: ${out.split("\n")[1] ?? ""}\n`);
  }
}
