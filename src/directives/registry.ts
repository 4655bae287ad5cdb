/**
 * The modules whose directive tables make up tsresty's conf language, in the order their
 * post-parse checks run (nginx's module order). `variablesModule` stays last: unknown variables
 * are reported after every other check of the `http {}` block.
 */
import { coreModule } from "./modules/core.js";
import { httpCoreModule } from "./modules/http-core.js";
import { variablesModule } from "./modules/variables.js";
import type { ConfModule } from "./types.js";

export const confModules: readonly ConfModule[] = [
  coreModule,
  httpCoreModule,
  // Modules register here, in the order their afterHttp checks must run.
  variablesModule,
];
