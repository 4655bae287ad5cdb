// Tests that run the runner against real nginx: skip loudly when it is missing, or fail when
// TSRESTY_REQUIRE_PEERS=1 says the peer must be there.

import { describe, test } from "vitest";
import { findExecutable } from "../../src/testing/index.js";

export const nginxBinary = findExecutable("nginx");

export function describeWithNginx(name: string, body: (nginx: string) => void): void {
  if (nginxBinary) {
    describe(name, () => body(nginxBinary!));
  } else if (process.env.TSRESTY_REQUIRE_PEERS === "1") {
    test(`${name}: nginx is installed (TSRESTY_REQUIRE_PEERS=1)`, () => {
      throw new Error("nginx was not found, and TSRESTY_REQUIRE_PEERS=1 requires it");
    });
  } else {
    console.warn(`*** SKIP: nginx is not installed: "${name}" not run (set TSRESTY_REQUIRE_PEERS=1 to fail instead)`);
    describe.skip(name, () => test("needs nginx", () => undefined));
  }
}
