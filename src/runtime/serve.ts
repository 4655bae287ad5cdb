/**
 * Serving a loaded configuration. The request engine is built on top of the conf layer; until
 * it lands, starting the server reports that plainly instead of pretending to listen.
 */
import type { LoadedConf } from "../directives/load-conf.js";
import type { CliOptions } from "../cli/args.js";
import type { Reporter } from "../cli/report.js";

export async function serve(conf: LoadedConf, _options: CliOptions, out: Reporter): Promise<number> {
  out.log("emerg", `the request engine is not available in this build; use "-t" to test ${conf.confFile}`);
  return 1;
}
