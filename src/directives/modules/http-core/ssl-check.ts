/**
 * nginx's check that an address listened on with `ssl` has a certificate (the ssl module's
 * postconfiguration, which runs before unknown variables are reported): the address's default
 * server, or each of its servers when the default one has `ssl_reject_handshake on`, needs an
 * `ssl_certificate` of its own or from the http level. Reported at that server's `{`.
 */
import { ConfError } from "../../errors.js";
import type { ConfLevel } from "../../level.js";
import { listenTableOf } from "./listen-table.js";
import type { ServerInfo } from "./types.js";

function inherited(server: ServerInfo, slot: string): unknown {
  const own = server.level.get(slot);
  return own !== undefined ? own : server.level.parent?.get(slot);
}

function missingCertificate(server: ServerInfo): ConfError {
  const opener = server.level.opener!;
  return new ConfError('no "ssl_certificate" is defined for the "listen ... ssl" directive', {
    code: "TSR_CONF_LISTEN",
    place: { file: opener.file, line: opener.line },
  });
}

export function checkListenSsl(http: ConfLevel): void {
  for (const port of listenTableOf(http).ports) {
    for (const addr of port.addresses) {
      if (!addr.spec.ssl) continue;
      const def = addr.defaultServer;
      if (inherited(def, "ssl_certificate") !== undefined) continue;
      if (inherited(def, "ssl_reject_handshake") !== true) throw missingCertificate(def);
      for (const s of addr.servers) {
        if (inherited(s, "ssl_certificate") === undefined && inherited(s, "ssl_reject_handshake") !== true) {
          throw missingCertificate(s);
        }
      }
    }
  }
}
