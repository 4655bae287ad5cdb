// The shared conformance suite (t/shared) against real nginx: these files specify nginx
// behaviour that tsresty must match, so they must first pass against nginx itself.

import { fileURLToPath } from "node:url";
import { describe, test } from "vitest";
import { findExecutable } from "../../src/testing/index.js";
import { registerSpecFiles } from "./register-spec-files.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const nginx = findExecutable(process.env.TEST_NGINX_REFERENCE_BINARY ?? "nginx");

if (nginx) {
  registerSpecFiles("t/shared/**/*.t", { binary: nginx, label: "nginx", root });
} else if (process.env.TSRESTY_REQUIRE_PEERS === "1") {
  test("nginx is installed (TSRESTY_REQUIRE_PEERS=1)", () => {
    throw new Error("nginx was not found on PATH or in /usr/sbin, and TSRESTY_REQUIRE_PEERS=1 requires it");
  });
} else {
  console.warn(
    "\n**********************************************************************\n" +
      "*** SKIP: nginx is not installed: t/shared/**/*.t NOT checked against nginx\n" +
      "***       (apt-get install nginx; set TSRESTY_REQUIRE_PEERS=1 to fail instead)\n" +
      "**********************************************************************\n",
  );
  describe.skip("nginx: t/shared (nginx not installed)", () => {
    test("skipped", () => undefined);
  });
}
