/**
 * The worker-level state every phase reads: the runtime plan, logs, and the names the
 * server answers with. One per worker process, built at start-up.
 */
import { hostname } from "node:os";
import type { LoadedConf } from "../directives/load-conf.js";
import type { ErrorLog } from "./log/error-log.js";
import type { HttpRequest } from "./request.js";
import type { LocationPlan } from "./plan/location-plan.js";
import type { RuntimePlan } from "./plan/runtime-plan.js";
import type { ServerPlan } from "./plan/server-plan.js";
import type { AccessLogger } from "./log/access-log.js";

export type Request = HttpRequest<ServerPlan, LocationPlan>;

export interface Runtime {
  readonly conf: LoadedConf;
  readonly plan: RuntimePlan;
  /** The main-level error log (start-up, signals, requests without a location log). */
  readonly errorLog: ErrorLog;
  /** Error logs by level settings, shared between locations with the same targets. */
  errorLogFor(loc: LocationPlan): ErrorLog;
  readonly accessLog: AccessLogger;
  readonly hostname: string;
  readonly version: string;
  /** In-flight requests (graceful stop waits for them). */
  inflight: number;
}

export const HOSTNAME = hostname();
