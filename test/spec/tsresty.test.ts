// Every .t spec against this checkout's tsresty (TEST_NGINX_BINARY overrides): the shared
// conformance suite (which also runs against real nginx in shared-nginx.test.ts) and the
// tsresty-only files.

import { fileURLToPath } from "node:url";
import { registerSpecFiles } from "./register-spec-files.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

registerSpecFiles("t/**/*.t", { label: "tsresty", root });
