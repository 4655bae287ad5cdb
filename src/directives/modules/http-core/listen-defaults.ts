/** The options of a `listen` that names none (nginx's defaults on Linux). */
import type { ListenOptions } from "./types.js";

/** NGX_LISTEN_BACKLOG on Linux. */
export const DEFAULT_BACKLOG = 511;

export const DEFAULT_LISTEN_OPTIONS: ListenOptions = {
  defaultServer: false,
  bind: false,
  optionsSet: false,
  backlog: DEFAULT_BACKLOG,
  rcvbuf: null,
  sndbuf: null,
  reuseport: false,
  deferred: false,
  ipv6only: true,
  fastopen: null,
  soKeepalive: null,
  ssl: false,
  http2: false,
  proxyProtocol: false,
};
