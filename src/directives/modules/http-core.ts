/**
 * The http core module (nginx's `ngx_http_core_module`, with `index` and `try_files`):
 * servers, listen sockets, server names, locations, where files come from, and the connection
 * and response settings. The directive rows live in http-core/; this file assembles the table
 * and runs the checks nginx runs when the http block has been read.
 *
 * For the request engine: `serversOf(http)`, `getServerInfo`, `getLocationInfo`,
 * `locationsOf(level)` and `getListenTable(http)` (http-core/accessors.ts) give the typed
 * values; every level's merged `settings` hold the plain ones.
 */
import type { ConfLevel } from "../level.js";
import type { ConfLoader } from "../loader.js";
import type { ConfModule, DirectiveSpec } from "../types.js";
import { getListenTable } from "./http-core/accessors.js";
import { listen } from "./http-core/listen.js";
import { finishPort } from "./http-core/listen-table.js";
import { location } from "./http-core/location.js";
import { checkDuplicateLocations } from "./http-core/location-checks.js";
import { server } from "./http-core/server.js";
import { checkServerBuffers } from "./http-core/server-merge-check.js";
import { serverName } from "./http-core/server-name.js";
import { checkServerNames } from "./http-core/server-names-check.js";
import { settingDirectives } from "./http-core/settings.js";
import { checkListenSsl } from "./http-core/ssl-check.js";
import { errorPage, index, prefixed, rootOrAlias, tryFiles } from "./http-core/static.js";
import type { RootSpec } from "./http-core/types.js";

export * from "./http-core/accessors.js";
export type * from "./http-core/types.js";
export { HTTP_CORE_KEYS } from "./http-core/types.js";

const structure: readonly DirectiveSpec[] = [
  { name: "server", contexts: ["http"], args: [0], block: true, set: server, merge: "none" },
  { name: "listen", contexts: ["server"], args: "1more", set: listen, merge: "none" },
  { name: "server_name", contexts: ["server"], args: "1more", set: serverName, merge: "none" },
  { name: "location", contexts: ["server", "location"], args: [1, 2], block: true, set: location, merge: "none" },
  { name: "root", contexts: ["http", "server", "location", "lif"], args: [1], set: rootOrAlias },
  { name: "alias", contexts: ["location"], args: [1], set: rootOrAlias, slot: "root" },
  {
    name: "index",
    contexts: ["http", "server", "location"],
    args: "1more",
    set: index,
    default: [{ raw: "index.html", parts: [{ text: "index.html" }], constant: true }],
  },
  { name: "try_files", contexts: ["server", "location"], args: "2more", set: tryFiles, merge: "none" },
  { name: "error_page", contexts: ["http", "server", "location", "lif"], args: "2more", set: errorPage },
];

/** `root html` under the prefix, nginx's default, at the http level so every level inherits it. */
function setDefaultRoot(http: ConfLevel, loader: ConfLoader): void {
  if (http.has("root") || http.opener === null) return;
  const path = prefixed(loader, "html");
  const spec: RootSpec = {
    alias: false,
    path: { raw: path, parts: [{ text: path }], constant: true },
    aliasLength: 0,
    aliasInRegex: false,
  };
  http.set("root", spec, http.opener);
}

export const httpCoreModule: ConfModule = {
  name: "http_core",
  directives: [...structure, ...settingDirectives],
  afterHttp(http, loader) {
    setDefaultRoot(http, loader);
    checkServerBuffers(http);
    checkDuplicateLocations(http);
    checkListenSsl(http);
  },
  finishHttp(http, loader) {
    for (const port of getListenTable(http).ports) {
      finishPort(port);
      for (const addr of port.addresses) checkServerNames(addr, loader);
    }
  },
};
