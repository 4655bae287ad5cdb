/**
 * The modules whose directive tables make up tsresty's conf language, in the order their
 * post-parse checks run (nginx's module order). `variablesModule` stays last: unknown variables
 * are reported after every other check of the `http {}` block.
 */
import { coreModule } from "./modules/core.js";
import { httpCoreModule } from "./modules/http-core.js";
import { accessModule } from "./modules/access.js";
import { headersModule } from "./modules/headers.js";
import { logModule } from "./modules/log.js";
import { proxyModule } from "./modules/proxy.js";
import { upstreamModule } from "./modules/upstream.js";
import { rewriteModule } from "./modules/rewrite.js";
import { tsModule } from "./modules/ts.js";
import { variablesModule } from "./modules/variables.js";
import type { ConfModule } from "./types.js";

export const confModules: readonly ConfModule[] = [
  coreModule,
  httpCoreModule,
  // Modules register here, in the order their afterHttp checks must run.
  tsModule,
  rewriteModule,
  logModule,
  upstreamModule,
  accessModule,
  headersModule,
  proxyModule,
  variablesModule,
];
