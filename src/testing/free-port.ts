// Free TCP ports on 127.0.0.1, asked from the kernel (bind to port 0). The port is released
// before it is used, so another process could take it in between; the server manager retries
// with a fresh port when the server reports "Address already in use".

import net from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
