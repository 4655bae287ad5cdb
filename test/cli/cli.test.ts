/**
 * The command line as a user runs it: `node bin/tsresty.js …` in a child process, checked for
 * exit code, exact stderr, stdout (`-T`) and the `-e` log file. Every scenario is also run
 * through real nginx 1.22.1 with the same arguments, and nginx's output (program name aside)
 * must equal the same expectation — so the expectations below are nginx's behaviour, not ours.
 *
 * nginx differences that are by design: version/help/configure texts, and the defaults (nginx's
 * compiled-in prefix and conf path vs. tsresty's current folder and conf/nginx.conf). So nginx
 * gets `-c conf/nginx.conf` first on its command line, and `-e <file>` because Debian's nginx
 * logs to stderr by default (`--error-log-path=stderr`) where a standard build writes a file;
 * a scenario's own `-c`/`-e` come later and win.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { basename, dirname, join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { describeWithNginx } from "../testing/nginx-peer.js";
import { ensureBuilt, lines, makePrefix, normalise, removePrefix, run, runTsresty, type RunResult } from "./cli-harness.js";

interface Scenario {
  readonly name: string;
  /** Files of the prefix; default `conf/nginx.conf` = `events {}`. */
  readonly files?: Readonly<Record<string, string>>;
  /** `<P>` is the prefix folder, `<N>` its name (the processes run in its parent folder). */
  readonly args: readonly string[];
  readonly exit: number;
  readonly stderr: readonly string[];
  readonly stdout?: string;
  /** A log file (relative to the prefix) and its normalised lines. */
  readonly log?: { readonly path: string; readonly lines: readonly string[] };
  /** How nginx's run is compared: the same expectation (default), or not at all (texts differ by design). */
  readonly nginx?: "same" | "skip";
}

/** Where runs that need no prefix start. */
const ROOT_CWD = process.cwd();

const OK = "events {}\n";
const TEST_OK = [
  "tsresty: the configuration file <P>/conf/nginx.conf syntax is ok",
  "tsresty: configuration file <P>/conf/nginx.conf test is successful",
];
const UNKNOWN_FOO = ['tsresty: [emerg] unknown directive "foo" in <P>/conf/nginx.conf:2', "tsresty: configuration file <P>/conf/nginx.conf test failed"];

const DUMP_FILES = {
  "conf/nginx.conf": "events {}\ninclude inc/*.conf;\ninclude inc/a.conf;\n# no newline at the end",
  "conf/inc/a.conf": "env A;\n",
  "conf/inc/b.conf": "env B;",
  "conf/inc/g.conf": "env G;\n",
};
const DUMP =
  "# configuration file <P>/conf/inc/g.conf:\nenv G;\n\n" +
  "# configuration file <P>/conf/nginx.conf:\nevents {}\ninclude inc/*.conf;\ninclude inc/a.conf;\n# no newline at the end\n" +
  "# configuration file <P>/conf/inc/a.conf:\nenv A;\n\n" +
  "# configuration file <P>/conf/inc/b.conf:\nenv B;\n";

const SIGNAL_CONF = { "conf/nginx.conf": "pid logs/test.pid;\nevents {}\n" };

const scenarios: Scenario[] = [
  // -t, -q, -T
  { name: "-t ok", args: ["-t", "-p", "<P>/"], exit: 0, stderr: TEST_OK },
  { name: "-t error", files: { "conf/nginx.conf": OK + "foo;\n" }, args: ["-t", "-p", "<P>/"], exit: 1, stderr: UNKNOWN_FOO },
  { name: "-tq ok prints nothing", args: ["-tq", "-p", "<P>/"], exit: 0, stderr: [] },
  { name: "-t -q error", files: { "conf/nginx.conf": OK + "foo;\n" }, args: ["-t", "-q", "-p", "<P>/"], exit: 1, stderr: UNKNOWN_FOO },
  {
    name: "-t missing events comes after syntax is ok",
    files: { "conf/nginx.conf": "worker_processes 1;\n" },
    args: ["-t", "-p", "<P>/"],
    exit: 1,
    stderr: [
      "tsresty: the configuration file <P>/conf/nginx.conf syntax is ok",
      'tsresty: [emerg] no "events" section in configuration',
      "tsresty: configuration file <P>/conf/nginx.conf test failed",
    ],
  },
  {
    name: "-q -t missing events",
    files: { "conf/nginx.conf": "worker_processes 1;\n" },
    args: ["-q", "-t", "-p", "<P>/"],
    exit: 1,
    stderr: ['tsresty: [emerg] no "events" section in configuration', "tsresty: configuration file <P>/conf/nginx.conf test failed"],
  },
  {
    name: "-T dumps every file read, in order, once",
    files: DUMP_FILES,
    args: ["-T", "-p", "<P>/", "-g", "include inc/g.conf;"],
    exit: 0,
    stderr: TEST_OK,
    stdout: DUMP,
  },
  { name: "-T -q dumps quietly", files: DUMP_FILES, args: ["-Tq", "-p", "<P>/", "-g", "include inc/g.conf;"], exit: 0, stderr: [], stdout: DUMP },
  { name: "-T error dumps nothing", files: { "conf/nginx.conf": OK + "foo;\n" }, args: ["-T", "-p", "<P>/"], exit: 1, stderr: UNKNOWN_FOO },
  // -c and -p
  {
    name: "-c missing file",
    args: ["-t", "-p", "<P>/", "-c", "conf/none.conf"],
    exit: 1,
    stderr: [
      'tsresty: [emerg] open() "<P>/conf/none.conf" failed (2: No such file or directory)',
      "tsresty: configuration file <P>/conf/none.conf test failed",
    ],
  },
  {
    name: "-c a directory",
    args: ["-t", "-p", "<P>/", "-c", "conf"],
    exit: 1,
    stderr: ['tsresty: [crit] pread() "<P>/conf" failed (21: Is a directory)', "tsresty: configuration file <P>/conf test failed"],
  },
  {
    name: "-c absolute: includes start in its folder",
    files: { "other/x.conf": OK + "include y.conf;\n", "other/y.conf": "\nfoo;\n", "conf/y.conf": "env Y;\n" },
    args: ["-t", "-p", "<P>/", "-c", "<P>/other/x.conf"],
    exit: 1,
    stderr: ['tsresty: [emerg] unknown directive "foo" in <P>/other/y.conf:2', "tsresty: configuration file <P>/other/x.conf test failed"],
  },
  {
    name: "-c relative to -p, in a subfolder",
    files: { "conf/sub/s.conf": OK + "include x.conf;\n", "conf/sub/x.conf": "foo;\n" },
    args: ["-t", "-p", "<P>", "-c", "conf/sub/s.conf"],
    exit: 1,
    stderr: ['tsresty: [emerg] unknown directive "foo" in <P>/conf/sub/x.conf:1', "tsresty: configuration file <P>/conf/sub/s.conf test failed"],
  },
  {
    name: "-p relative: paths stay relative",
    files: { "conf/nginx.conf": OK + "foo;\n" },
    args: ["-t", "-p", "<N>"],
    exit: 1,
    stderr: ['tsresty: [emerg] unknown directive "foo" in <N>/conf/nginx.conf:2', "tsresty: configuration file <N>/conf/nginx.conf test failed"],
  },
  {
    name: "-p and -c are not normalised",
    files: { "conf/nginx.conf": OK + "include ./inc/../inc//a.conf;\n", "conf/inc/a.conf": "foo;\n" },
    args: ["-t", "-p", "<P>/./", "-c", "./conf/../conf/nginx.conf"],
    exit: 1,
    stderr: [
      'tsresty: [emerg] unknown directive "foo" in <P>/././conf/../conf/./inc/../inc//a.conf:1',
      "tsresty: configuration file <P>/././conf/../conf/nginx.conf test failed",
    ],
  },
  {
    name: "-p missing folder",
    args: ["-t", "-p", "<P>/nope"],
    exit: 1,
    stderr: [
      'tsresty: [emerg] open() "<P>/nope/conf/nginx.conf" failed (2: No such file or directory)',
      "tsresty: configuration file <P>/nope/conf/nginx.conf test failed",
    ],
  },
  {
    name: "glued option values",
    files: { "conf/x.conf": OK },
    args: ["-tq", "-p<P>/", "-cconf/x.conf", "-gpid logs/x.pid;"],
    exit: 0,
    stderr: [],
  },
  // -e
  {
    name: "-e file: log-file lines in the file, console lines on stderr",
    files: { "conf/nginx.conf": OK + "foo;\n" },
    args: ["-t", "-p", "<P>/", "-e", "logs/err.log"],
    exit: 1,
    stderr: UNKNOWN_FOO,
    log: { path: "logs/err.log", lines: ['<TS> [emerg] <PID>: unknown directive "foo" in <P>/conf/nginx.conf:2'] },
  },
  {
    name: "-e file is created even when nothing is logged",
    args: ["-t", "-p", "<P>/", "-e", "logs/quiet.log"],
    exit: 0,
    stderr: TEST_OK,
    log: { path: "logs/quiet.log", lines: [] },
  },
  {
    name: "-e file gets warnings too",
    files: {
      "conf/nginx.conf":
        OK +
        "http {\n    server { listen 127.0.0.1:18180; server_name a.example; }\n    server { listen 127.0.0.1:18180; server_name a.example; }\n}\n",
    },
    args: ["-t", "-q", "-p", "<P>/", "-e", "logs/warn.log"],
    exit: 0,
    stderr: ['tsresty: [warn] conflicting server name "a.example" on 127.0.0.1:18180, ignored'],
    log: { path: "logs/warn.log", lines: ['<TS> [warn] <PID>: conflicting server name "a.example" on 127.0.0.1:18180, ignored'] },
  },
  {
    name: "-e stderr: the log-file form on stderr",
    files: { "conf/nginx.conf": OK + "foo;\n" },
    args: ["-t", "-p", "<P>/", "-e", "stderr"],
    exit: 1,
    stderr: ['<TS> [emerg] <PID>: unknown directive "foo" in <P>/conf/nginx.conf:2', "tsresty: configuration file <P>/conf/nginx.conf test failed"],
  },
  {
    name: "-e file that cannot be opened",
    files: { "conf/nginx.conf": OK + "foo;\n" },
    args: ["-t", "-p", "<P>/", "-e", "nodir/x.log"],
    exit: 1,
    stderr: [
      'tsresty: [alert] could not open error log file: open() "<P>/nodir/x.log" failed (2: No such file or directory)',
      '<TS> [emerg] <PID>: unknown directive "foo" in <P>/conf/nginx.conf:2',
      "tsresty: configuration file <P>/conf/nginx.conf test failed",
    ],
  },
  // -g
  { name: "-g ok", args: ["-t", "-q", "-p", "<P>/", "-g", "pid logs/x.pid; env A;"], exit: 0, stderr: [] },
  { name: "-g empty", args: ["-t", "-q", "-p", "<P>/", "-g", ""], exit: 0, stderr: [] },
  {
    name: "-g without ;",
    args: ["-t", "-p", "<P>/", "-g", "worker_processes 2"],
    exit: 1,
    stderr: ['tsresty: [emerg] unexpected end of parameter, expecting ";" in command line', "tsresty: configuration file <P>/conf/nginx.conf test failed"],
  },
  {
    name: "-g block",
    args: ["-t", "-p", "<P>/", "-g", "events {}"],
    exit: 1,
    stderr: ["tsresty: [emerg] block directives are not supported in -g option in command line", "tsresty: configuration file <P>/conf/nginx.conf test failed"],
  },
  {
    name: "-g duplicate with the file",
    files: { "conf/nginx.conf": OK + "worker_processes 1;\n" },
    args: ["-t", "-p", "<P>/", "-g", "worker_processes 2;"],
    exit: 1,
    stderr: ['tsresty: [emerg] "worker_processes" directive is duplicate in <P>/conf/nginx.conf:2', "tsresty: configuration file <P>/conf/nginx.conf test failed"],
  },
  {
    name: "-g non-ASCII bytes pass through",
    args: ["-t", "-p", "<P>/", "-g", "caf\u00e9;"],
    exit: 1,
    stderr: ['tsresty: [emerg] unknown directive "caf\u00c3\u00a9" in command line', "tsresty: configuration file <P>/conf/nginx.conf test failed"],
  },
  // -s
  {
    name: "-s without a pid file",
    files: SIGNAL_CONF,
    args: ["-p", "<P>/", "-s", "stop"],
    exit: 1,
    stderr: ['tsresty: [error] open() "<P>/logs/test.pid" failed (2: No such file or directory)'],
  },
  {
    name: "-s with a bad pid file",
    files: { ...SIGNAL_CONF, "logs/test.pid": " 12 \n" },
    args: ["-p", "<P>/", "-s", "reload", "-e", "logs/s.log"],
    exit: 1,
    stderr: ['tsresty: [error] invalid PID number " 12 " in "<P>/logs/test.pid"'],
    log: {
      path: "logs/s.log",
      lines: ["<TS> [notice] <PID>: signal process started", '<TS> [error] <PID>: invalid PID number " 12 " in "<P>/logs/test.pid"'],
    },
  },
  {
    name: "-s with no such process",
    files: { ...SIGNAL_CONF, "logs/test.pid": "2147483647\n" },
    args: ["-p", "<P>/", "-s", "quit"],
    exit: 1,
    stderr: ["tsresty: [alert] kill(2147483647, 3) failed (3: No such process)"],
  },
  {
    name: "-s with a bad conf",
    files: { "conf/nginx.conf": OK + "foo;\n" },
    args: ["-p", "<P>/", "-s", "stop"],
    exit: 1,
    stderr: ['tsresty: [emerg] unknown directive "foo" in <P>/conf/nginx.conf:2'],
  },
  // bad command lines
  { name: "unknown option", args: ["-x"], exit: 1, stderr: ['tsresty: invalid option: "x"'] },
  { name: "unknown option after a good one", args: ["-tx"], exit: 1, stderr: ['tsresty: invalid option: "x"'] },
  { name: "unknown option names one character", args: ["-xv"], exit: 1, stderr: ['tsresty: invalid option: "x"'] },
  { name: "argument without a dash", args: ["foo"], exit: 1, stderr: ['tsresty: invalid option: "foo"'] },
  { name: "double dash", args: ["--"], exit: 1, stderr: ['tsresty: invalid option: "-"'] },
  { name: "-p without a value", args: ["-p"], exit: 1, stderr: ['tsresty: option "-p" requires directory name'] },
  { name: "-e without a value", args: ["-e"], exit: 1, stderr: ['tsresty: option "-e" requires file name'] },
  { name: "-c without a value", args: ["-t", "-p", "<P>/", "-c"], exit: 1, stderr: ['tsresty: option "-c" requires file name'] },
  { name: "-g without a value", args: ["-g"], exit: 1, stderr: ['tsresty: option "-g" requires parameter'] },
  { name: "-s without a value", args: ["-s"], exit: 1, stderr: ['tsresty: option "-s" requires parameter'] },
  { name: "-s with an unknown signal", args: ["-s", "foo"], exit: 1, stderr: ['tsresty: invalid option: "-s foo"'] },
];

function fill(args: readonly string[], prefix: string): string[] {
  return args.map((a) => a.split("<P>").join(prefix).split("<N>").join(basename(prefix)));
}

async function check(s: Scenario, runIt: (args: string[], cwd: string) => Promise<RunResult>, extra: string[] = []): Promise<void> {
  const prefix = makePrefix(s.files ?? { "conf/nginx.conf": OK });
  try {
    const r = await runIt([...extra.map((a) => a.split("<P>").join(prefix)), ...fill(s.args, prefix)], dirname(prefix));
    expect({ exit: r.exit, stderr: lines(normalise(r.stderr, prefix)), stdout: normalise(r.stdout, prefix) }).toEqual({
      exit: s.exit,
      stderr: s.stderr,
      stdout: s.stdout ?? "",
    });
    if (s.log !== undefined) {
      const file = join(prefix, s.log.path);
      expect(existsSync(file), `${s.log.path} exists`).toBe(true);
      expect(lines(normalise(readFileSync(file, "latin1"), prefix))).toEqual(s.log.lines);
    }
  } finally {
    removePrefix(prefix);
  }
}

beforeAll(() => ensureBuilt(), 120_000);

describe.concurrent("tsresty command line", () => {
  for (const s of scenarios) test(s.name, () => check(s, runTsresty));

  test("-v prints the version", async () => {
    const r = await runTsresty(["-v"], ROOT_CWD);
    expect(r.exit).toBe(0);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/^tsresty version: tsresty\/\d+\.\d+\.\d+ \(nginx\/1\.22\.1 conf language\)$/)]);
  });

  test("-V adds the build and the configure arguments (modules left out)", async () => {
    const r = await runTsresty(["-V"], ROOT_CWD);
    expect(r.exit).toBe(0);
    const l = lines(r.stderr);
    expect(l).toHaveLength(3);
    expect(l[1]).toBe(`built with Node.js ${process.version}`);
    expect(l[2]).toMatch(/^configure arguments: (--without-[a-z0-9_-]+ ?)+$/);
    expect(l[2]).toContain("--without-http_gzip_module");
  });

  for (const flag of ["-h", "-?"]) {
    test(`${flag} prints the version, then the usage and a blank line`, async () => {
      const r = await runTsresty([flag], ROOT_CWD);
      expect(r.exit).toBe(0);
      const l = lines(r.stderr);
      expect(l[0]).toMatch(/^tsresty version: /);
      expect(l[1]).toBe("Usage: tsresty [-?hvVtTq] [-s signal] [-p prefix]");
      expect(l[2]).toBe("               [-e filename] [-c filename] [-g directives]");
      expect(l.at(-1)).toBe("");
      expect(l).toHaveLength(17);
    });
  }

  test("-hV: version, usage, then configure", async () => {
    const l = lines((await runTsresty(["-hV"], ROOT_CWD)).stderr);
    expect(l[0]).toMatch(/^tsresty version: /);
    expect(l[1]).toMatch(/^Usage: /);
    expect(l.at(-1)).toMatch(/^configure arguments: /);
  });

  test("-v -t prints the version, then tests", async () => {
    const prefix = makePrefix({ "conf/nginx.conf": OK });
    try {
      const r = await runTsresty(["-v", "-t", "-p", `${prefix}/`], ROOT_CWD);
      expect(r.exit).toBe(0);
      expect(lines(normalise(r.stderr, prefix)).slice(1)).toEqual(TEST_OK);
    } finally {
      removePrefix(prefix);
    }
  });

  test("default prefix is the current folder, default conf conf/nginx.conf", async () => {
    const prefix = makePrefix({ "conf/nginx.conf": OK + "foo;\n" });
    try {
      const r = await runTsresty(["-t"], prefix);
      expect(lines(normalise(r.stderr, prefix))).toEqual(UNKNOWN_FOO);
    } finally {
      removePrefix(prefix);
    }
  });

  for (const [command, signal] of [
    ["stop", "SIGTERM"],
    ["quit", "SIGQUIT"],
    ["reopen", "SIGUSR1"],
    ["reload", "SIGHUP"],
  ] as const) {
    test(`-s ${command} sends ${signal} to the pid in the pid file`, async () => {
      const r = await signalAChild(runTsresty, command);
      expect(r.result).toEqual({ exit: 0, stdout: "", stderr: "" });
      expect(r.signal).toBe(signal);
    });
  }
});

/** Starts a child that waits, names it in the pid file, runs `-s`, and reports the signal it got. */
async function signalAChild(
  runIt: (args: string[], cwd: string) => Promise<RunResult>,
  command: string,
): Promise<{ result: RunResult; signal: string | null }> {
  const prefix = makePrefix(SIGNAL_CONF);
  // Not a node child: node takes SIGUSR1 as "start the inspector" instead of dying.
  const child = spawn("sleep", ["20"], { stdio: "ignore" });
  const exited = new Promise<string | null>((res) => child.on("exit", (_code, sig) => res(sig)));
  try {
    writeFileSync(join(prefix, "logs/test.pid"), `${child.pid}\n`);
    const result = await runIt(["-p", `${prefix}/`, "-s", command], dirname(prefix));
    const signal = await Promise.race([exited, new Promise<null>((res) => setTimeout(() => res(null), 5_000))]);
    return { result, signal };
  } finally {
    child.kill("SIGKILL");
    removePrefix(prefix);
  }
}

describeWithNginx("nginx agrees with every expectation", (nginx) => {
  const runNginx = (args: string[], cwd: string) => run(nginx, args, cwd);
  describe.concurrent("scenarios", () => {
    for (const s of scenarios) {
      if (s.nginx === "skip") continue;
      test(s.name, () => check(s, runNginx, ["-e", "<P>/logs/nginx-default.log", "-c", "conf/nginx.conf"]));
    }
  });

  test("-h has nginx's layout", async () => {
    const ours = lines((await runTsresty(["-h"], ROOT_CWD)).stderr);
    const theirs = lines((await runNginx(["-h"], ROOT_CWD)).stderr);
    const shape = (l: string[]) =>
      l.map((x) => x.replace(/nginx|tsresty/g, "NAME").replace(/\(default: [^)]*\)/, "(default: …)").replace(/^ +\[/, "[").replace(/^NAME version: .*/, "NAME version"));
    expect(shape(ours)).toEqual(shape(theirs));
  });

  test("-s stop signals like nginx", async () => {
    const r = await signalAChild((args, cwd) => runNginx(["-e", "/dev/null", "-c", "conf/nginx.conf", ...args], cwd), "stop");
    expect({ exit: r.result.exit, stderr: r.result.stderr, signal: r.signal }).toEqual({ exit: 0, stderr: "", signal: "SIGTERM" });
  });
});
