/**
 * The http core module: servers and locations. (Listen sockets, names, the location checks
 * and the remaining http directives are added to this table.)
 */
import type { ConfModule, DirectiveCall } from "../types.js";

function server(call: DirectiveCall): void {
  call.loader.block(call, "server", "server");
}

function location(call: DirectiveCall): void {
  call.loader.block(call, "location", "location");
}

export const httpCoreModule: ConfModule = {
  name: "http_core",
  directives: [
    { name: "server", contexts: ["http"], args: [0], block: true, set: server, merge: "none" },
    { name: "location", contexts: ["server", "location"], args: [1, 2], block: true, set: location, merge: "none" },
  ],
};
