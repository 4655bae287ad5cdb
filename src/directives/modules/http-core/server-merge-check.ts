/**
 * The check nginx makes while merging each server's settings (`ngx_http_core_merge_srv_conf`):
 * a header buffer must be able to hold the connection pool. Merging happens after the whole
 * http block is read, so nginx places the error at the block's closing `}`.
 */
import { ConfError } from "../../errors.js";
import type { ConfLevel } from "../../level.js";
import type { BufferCount } from "./setters.js";

const DEFAULT_CONNECTION_POOL = 512;
const DEFAULT_HEADER_BUFFER = 8192;

export function checkServerBuffers(http: ConfLevel): void {
  for (const server of http.children) {
    if (server.kind !== "server") continue;
    const pool = server.get<number>("connection_pool_size") ?? http.get<number>("connection_pool_size") ?? DEFAULT_CONNECTION_POOL;
    const buffers = server.get<BufferCount>("large_client_header_buffers") ?? http.get<BufferCount>("large_client_header_buffers");
    if ((buffers?.size ?? DEFAULT_HEADER_BUFFER) >= pool) continue;
    const opener = http.opener;
    throw new ConfError('the "large_client_header_buffers" size must be equal to or greater than "connection_pool_size"', {
      code: "TSR_CONF_INVALID_VALUE",
      place: opener === null ? null : { file: opener.file, line: opener.endLine ?? opener.line },
    });
  }
}
