/**
 * `tsresty -s stop|quit|reopen|reload`: like `nginx -s`, read the master's pid from the file
 * named by the `pid` directive of the loaded conf and send it the matching signal, with nginx's
 * messages when that fails.
 */
import { readFileSync } from "node:fs";
import { describeErrno } from "../parser/read-conf-file.js";
import type { LoadedConf } from "../directives/load-conf.js";
import type { Reporter } from "./report.js";

/** The signal each `-s` command sends (nginx's NGX_*_SIGNAL on Linux). */
export const SIGNAL_OF: Readonly<Record<string, { name: NodeJS.Signals; number: number }>> = {
  stop: { name: "SIGTERM", number: 15 },
  quit: { name: "SIGQUIT", number: 3 },
  reopen: { name: "SIGUSR1", number: 10 },
  reload: { name: "SIGHUP", number: 1 },
};

const DEFAULT_PID_FILE = "logs/nginx.pid";

/**
 * nginx's ngx_atoi: digits only, at least one. Unlike nginx, 0 and values beyond a pid_t are
 * refused too: kill(0, …) would signal our own process group.
 */
function parsePid(text: string): number | null {
  if (!/^[0-9]+$/.test(text)) return null;
  const pid = Number(text);
  return pid > 0 && pid <= 0x7fffffff ? pid : null;
}

/**
 * `prefix` is the `-p` prefix as nginx spells it (a relative `pid` path is appended to it, so
 * messages name the file the way nginx does).
 */
export function sendSignal(conf: LoadedConf, prefix: string, command: string, out: Reporter): number {
  const signal = SIGNAL_OF[command];
  if (signal === undefined) throw new Error(`unknown signal command "${command}"`);
  out.log("notice", "signal process started");
  const configured = conf.main.slots.get("pid")?.value;
  const pidFile = typeof configured === "string" ? configured : DEFAULT_PID_FILE;
  const path = pidFile.startsWith("/") ? pidFile : prefix + pidFile;
  let text: string;
  try {
    text = readFileSync(Buffer.from(path, "latin1"), "latin1");
  } catch (e) {
    out.log("error", `open() "${path}" failed (${describeErrno(e)})`);
    return 1;
  }
  // nginx drops trailing CR/LF only: " 12 " is not a pid.
  const raw = text.replace(/[\r\n]+$/, "");
  const pid = parsePid(raw);
  if (pid === null) {
    out.log("error", `invalid PID number "${raw}" in "${path}"`);
    return 1;
  }
  try {
    process.kill(pid, signal.name);
  } catch (e) {
    out.log("alert", `kill(${pid}, ${signal.number}) failed (${describeErrno(e)})`);
    return 1;
  }
  return 0;
}
