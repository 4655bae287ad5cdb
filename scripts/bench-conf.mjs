#!/usr/bin/env node
// `npm run bench:conf`: how long `tsresty -t` takes on a conf with 10,000 `location` blocks,
// against `nginx -t` on the same files. The promise is that parsing a big conf takes no longer
// than nginx does. Each command runs several times, in turns; the median wall time counts
// (process start included, as a user sees it). Two references run in the same turns: bare
// `node -e 0`, and a "floor" (scripts/bench/statement-floor.cjs) that only starts node, reads
// the conf and splits it into statements, so the ratio can be read against Node's own cost.
// Last, one process loads the conf again and again (scripts/bench/reload-loads.mjs), as a
// running server does on reload, where Node's start and cold code are paid once.
//
//   node scripts/bench-conf.mjs [--locations N] [--runs N] [--keep] [--profile]
//
// --profile writes a CPU profile of one tsresty run (node --cpu-prof) into the temp prefix and
// keeps it. Needs a build (npm run build); nginx is optional (skipped when missing).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const bin = join(root, "bin/tsresty.js");
const floor = join(root, "scripts/bench/statement-floor.cjs");
const reloadLoads = join(root, "scripts/bench/reload-loads.mjs");

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}
const LOCATIONS = option("locations", 10_000);
const RUNS = option("runs", 11);
const KEEP = process.argv.includes("--keep");
const PROFILE = process.argv.includes("--profile");

/**
 * A realistic mix, per group of 20 locations: 8 prefix with root, 4 exact with return, 3 regex
 * with a capture, 2 `^~`, and a prefix location holding 2 nested ones (3 blocks). 100 servers
 * on one address share the locations out, as a big virtual-hosting conf would.
 */
function generateConf(total) {
  const servers = Math.max(1, Math.round(total / 100));
  const perServer = Math.ceil(total / servers);
  const out = ["worker_processes 1;", "events { worker_connections 1024; }", "http {", "    default_type text/plain;"];
  let made = 0;
  for (let s = 0; s < servers && made < total; s++) {
    out.push("    server {", "        listen 127.0.0.1:18190;", `        server_name s${s}.example.com www.s${s}.example.com;`, "        root /srv/www;");
    for (let i = 0; i < perServer && made < total; ) {
      const n = `${s}_${i}`;
      const kind = i % 20;
      if (kind < 8) {
        out.push(`        location /p${n}/ {`, `            root /srv/p${n};`, "            index index.html;", "        }");
        i++;
        made++;
      } else if (kind < 12) {
        out.push(`        location = /e${n} {`, `            return 200 "exact ${n}\\n";`, "        }");
        i++;
        made++;
      } else if (kind < 15) {
        out.push(`        location ~ ^/r${n}/(\\d+)$ {`, "            return 200 $1;", "        }");
        i++;
        made++;
      } else if (kind < 17) {
        out.push(`        location ^~ /c${n}/ {`, `            root /srv/c${n};`, "        }");
        i++;
        made++;
      } else {
        out.push(
          `        location /n${n}/ {`,
          `            location /n${n}/a {`,
          "                return 204;",
          "            }",
          `            location ~ ^/n${n}/b/ {`,
          `                return 301 /n${n}/a;`,
          "            }",
          "        }",
        );
        i += 3;
        made += 3;
      }
    }
    out.push("    }");
  }
  out.push("}", "");
  return { text: out.join("\n"), locations: made, servers };
}

function which(name) {
  for (const dir of [...(process.env.PATH ?? "").split(":"), "/usr/sbin", "/usr/local/sbin", "/sbin"]) {
    const p = join(dir, name);
    if (dir !== "" && existsSync(p)) return p;
  }
  return null;
}

function time(cmd, args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: "latin1" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}:\n${r.stderr}`);
  return ms;
}

/** The value `q` of the way up the sorted runs (0.5: the median). */
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) * q + 0.5)];
}

/**
 * Runs the commands in turns (a, b, c, a, b, c, …) after one warm-up each, so that a shared
 * machine's load drifting during the bench weighs on all of them alike. Returns the medians.
 */
function measureInTurns(commands) {
  for (const c of commands) time(c.cmd, c.args); // warm the file cache
  const runs = commands.map(() => []);
  for (let i = 0; i < RUNS; i++) commands.forEach((c, k) => runs[k].push(time(c.cmd, c.args)));
  return commands.map((c, k) => {
    const m = quantile(runs[k], 0.5);
    // The middle half of the runs: on a shared machine, differences inside it are noise.
    const spread = `${quantile(runs[k], 0.25).toFixed(0)}-${quantile(runs[k], 0.75).toFixed(0)}`;
    console.log(`${c.label.padEnd(10)} median ${m.toFixed(0).padStart(6)} ms   middle half ${spread.padEnd(9)} (runs: ${runs[k].map((x) => x.toFixed(0)).join(", ")})`);
    return m;
  });
}

if (!existsSync(join(root, "dist/bundle/main.cjs"))) {
  console.error("bench-conf: build first (npm run build)");
  process.exit(1);
}

const prefix = mkdtempSync(join(tmpdir(), "tsresty-bench-conf-"));
try {
  mkdirSync(join(prefix, "conf"));
  mkdirSync(join(prefix, "logs"));
  const conf = generateConf(LOCATIONS);
  writeFileSync(join(prefix, "conf/nginx.conf"), conf.text);
  console.log(
    `conf: ${conf.locations} locations in ${conf.servers} servers, ${conf.text.split("\n").length} lines, ${(conf.text.length / 1024).toFixed(0)} KiB (${prefix}/conf/nginx.conf)`,
  );
  console.log(`${RUNS} runs each, median wall time, process start included\n`);

  const common = ["-t", "-q", "-p", `${prefix}/`, "-c", "conf/nginx.conf"];
  const small = join(prefix, "conf/small.conf");
  writeFileSync(small, "events {}\n");
  const nginx = which("nginx");
  const commands = [
    { label: "tsresty -t", cmd: process.execPath, args: [bin, ...common] },
    { label: "start-up", cmd: process.execPath, args: [bin, "-t", "-q", "-p", `${prefix}/`, "-c", "conf/small.conf"] },
    { label: "node -e 0", cmd: process.execPath, args: ["-e", "0"] },
    { label: "node floor", cmd: process.execPath, args: [floor, join(prefix, "conf/nginx.conf")] },
  ];
  if (nginx !== null) commands.unshift({ label: "nginx -t", cmd: nginx, args: [...common, "-e", "logs/error.log"] });
  else console.log("nginx -t   (nginx not installed: skipped)");
  const medians = measureInTurns(commands);
  const [nginxMs, tsrestyMs, startMs, nodeMs, floorMs] = nginx === null ? [null, ...medians] : medians;
  console.log(
    `\n(start-up = tsresty -t on a one-line conf, ${(startMs - nodeMs).toFixed(0)} ms over bare node; the 10k-location parse itself is ~${(tsrestyMs - startMs).toFixed(0)} ms)`,
  );
  console.log(
    `(node floor = node starting, reading the same conf and splitting it into statements with no checks at all: ${(floorMs - nodeMs).toFixed(0)} ms over bare node)`,
  );
  if (nginxMs !== null) {
    const ratio = tsrestyMs / nginxMs;
    console.log(`ratio tsresty/nginx: ${ratio.toFixed(2)}  ${ratio <= 1 ? "(tsresty is not slower)" : "(tsresty is SLOWER than nginx -t)"}`);
    console.log(`ratio floor/nginx:   ${(floorMs / nginxMs).toFixed(2)}  (what any Node program pays here before checking a directive)`);
  }

  // A running server re-reads its conf on reload: Node's start and cold code are paid once.
  const reload = spawnSync(process.execPath, [reloadLoads, `${prefix}/`, "conf/nginx.conf", String(RUNS)], { encoding: "utf8" });
  if (reload.status !== 0) throw new Error(`reload-loads failed:\n${reload.stderr}`);
  const loads = JSON.parse(reload.stdout);
  const later = quantile(loads.slice(1), 0.5);
  console.log(
    `\nin one running process, as a reload will load it (settings merge included): first load ${loads[0].toFixed(0)} ms, later loads median ${later.toFixed(0)} ms`,
  );
  if (nginxMs !== null) console.log(`ratio reload/nginx:  ${(later / nginxMs).toFixed(2)}  (later loads against the whole nginx -t)`);

  if (PROFILE) {
    const dir = join(prefix, "profile");
    spawnSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, bin, ...common], { stdio: "inherit" });
    console.log(`\nCPU profile: ${join(dir, readdirSync(dir)[0])} (open in Chrome DevTools > Performance)`);
  }
} finally {
  if (KEEP || PROFILE) console.log(`kept ${prefix}`);
  else rmSync(prefix, { recursive: true, force: true });
}
