/**
 * `syslog:server=addr[,facility=f][,severity=s][,tag=t][,nohostname]` log targets, read as
 * nginx's `ngx_syslog_process_conf` reads them (same messages, same order of checks).
 */
import { ConfError } from "../errors.js";
import type { ConfLoader } from "../loader.js";
import { parseNginxUrl } from "./nginx-url.js";
import { resolveUrlHost } from "./resolve-host.js";

const FACILITIES = [
  "kern", "user", "mail", "daemon", "auth", "intern", "lpr", "news", "uucp", "clock", "authpriv", "ftp", "ntp",
  "audit", "alert", "cron", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
] as const;
const SEVERITIES = ["emerg", "alert", "crit", "error", "warn", "notice", "info", "debug"] as const;

export type SyslogFacility = (typeof FACILITIES)[number];
export type SyslogSeverity = (typeof SEVERITIES)[number];

/** A syslog destination. Facility and severity keep nginx's numeric codes for the PRI field. */
export interface SyslogTarget {
  /** `host:port`, `[v6]:port` or a unix socket path. */
  readonly server:
    | { readonly family: "inet" | "inet6"; readonly host: string; readonly port: number; readonly addresses: readonly string[] }
    | { readonly family: "unix"; readonly path: string };
  readonly facility: number;
  readonly severity: number;
  readonly tag: string;
  readonly hostname: boolean;
}

function fail(message: string): never {
  throw new ConfError(message, { code: "TSR_CONF_INVALID_VALUE" });
}

/**
 * Reads the text after `syslog:`. `defaultSeverity` differs by user: access logs default to
 * `info`, error logs to the log's level.
 */
export function parseSyslogTarget(params: string, loader: ConfLoader, defaultSeverity: SyslogSeverity = "info"): SyslogTarget {
  let server: SyslogTarget["server"] | undefined;
  let facility: number | undefined;
  let severity: number | undefined;
  let tag: string | undefined;
  let hostname = true;
  for (const p of params.split(",")) {
    if (p.startsWith("server=")) {
      if (server !== undefined) fail('duplicate syslog "server"');
      const text = p.slice(7);
      const r = parseNginxUrl(text, { defaultPort: 514, uriPart: false });
      if ("err" in r) fail(`${r.err} in syslog server "${text}"`);
      const u = r.url;
      if (u.family === "unix") {
        server = { family: "unix", path: u.host };
      } else {
        const addresses = resolveUrlHost(loader, u.host);
        if (addresses === null) fail(`host not found in syslog server "${text}"`);
        server = { family: u.family, host: u.host, port: u.port, addresses };
      }
    } else if (p.startsWith("facility=")) {
      if (facility !== undefined) fail('duplicate syslog "facility"');
      const i = (FACILITIES as readonly string[]).indexOf(p.slice(9));
      if (i === -1) fail(`unknown syslog facility "${p.slice(9)}"`);
      facility = i;
    } else if (p.startsWith("severity=")) {
      if (severity !== undefined) fail('duplicate syslog "severity"');
      const i = (SEVERITIES as readonly string[]).indexOf(p.slice(9));
      if (i === -1) fail(`unknown syslog severity "${p.slice(9)}"`);
      severity = i;
    } else if (p.startsWith("tag=")) {
      if (tag !== undefined) fail('duplicate syslog "tag"');
      const t = p.slice(4);
      if (t.length > 32) fail("syslog tag length exceeds 32");
      if (!/^[A-Za-z0-9_]*$/.test(t)) fail('syslog "tag" only allows alphanumeric characters and underscore');
      tag = t;
    } else if (p === "nohostname") {
      hostname = false;
    } else {
      fail(`unknown syslog parameter "${p}"`);
    }
  }
  if (server === undefined) fail("no syslog server specified");
  return {
    server,
    facility: facility ?? FACILITIES.indexOf("local7"),
    severity: severity ?? SEVERITIES.indexOf(defaultSeverity),
    tag: tag ?? "nginx",
    hostname,
  };
}
