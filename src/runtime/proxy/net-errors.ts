/**
 * The `(111: Connection refused)` part of nginx's upstream error-log lines. Node names socket
 * errors by code (`ECONNREFUSED`); nginx prints Linux's errno number and glibc's text. File
 * errors (ENOENT, EACCES, …) come from the static module's table.
 */
import { errnoText, errorCode } from "../content/errno-text.js";

const SOCKET_ERRNO: Readonly<Record<string, readonly [number, string]>> = {
  EPIPE: [32, "Broken pipe"],
  EADDRINUSE: [98, "Address already in use"],
  EADDRNOTAVAIL: [99, "Cannot assign requested address"],
  ENETDOWN: [100, "Network is down"],
  ENETUNREACH: [101, "Network is unreachable"],
  ECONNABORTED: [103, "Software caused connection abort"],
  ECONNRESET: [104, "Connection reset by peer"],
  ENOBUFS: [105, "No buffer space available"],
  ENOTCONN: [107, "Transport endpoint is not connected"],
  ETIMEDOUT: [110, "Connection timed out"],
  ECONNREFUSED: [111, "Connection refused"],
  EHOSTDOWN: [112, "Host is down"],
  EHOSTUNREACH: [113, "No route to host"],
};

/** `111: Connection refused`. */
export function socketErrnoText(err: unknown): string {
  const known = SOCKET_ERRNO[errorCode(err)];
  return known !== undefined ? `${known[0]}: ${known[1]}` : errnoText(err);
}

/**
 * Errors nginx logs at `error` when a connect() fails; any other errno is logged at `crit`
 * (a missing unix socket, for one), as ngx_event_connect_peer() does.
 */
const ORDINARY_CONNECT_ERRORS = new Set(["ECONNREFUSED", "EAGAIN", "ECONNRESET", "ENETDOWN", "ENETUNREACH", "EHOSTDOWN", "EHOSTUNREACH"]);

export function connectErrorLevel(err: unknown): "error" | "crit" {
  return ORDINARY_CONNECT_ERRORS.has(errorCode(err)) ? "error" : "crit";
}
