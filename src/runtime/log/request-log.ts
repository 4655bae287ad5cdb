/** Error-log lines about the request being served, with nginx's `, client: …` suffix. */
import type { Request, Runtime } from "../context.js";
import type { LogLevel } from "../../directives/log-levels.js";
import { requestLogContext } from "./request-context.js";

export function logForRequest(rt: Runtime, r: Request, level: LogLevel, message: string): void {
  const log = rt.errorLogFor(r.loc);
  if (!log.enabled(level)) return;
  log.log(level, message, r.ex.connection.id, requestLogContext(r));
}
