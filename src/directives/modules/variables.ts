/**
 * Runs last among the modules: once `http {}` is read and every module has declared its
 * variables, names used but never defined are reported.
 */
import { checkUnknownVariables } from "../variables.js";
import type { ConfModule } from "../types.js";

export const variablesModule: ConfModule = {
  name: "variables",
  directives: [],
  afterHttp(_http, loader) {
    checkUnknownVariables(loader);
  },
};
