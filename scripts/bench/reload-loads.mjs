// Loads one conf several times in one Node process, as a running tsresty's master will re-read
// its conf on reload (reload is not built yet): the full load, settings merge included. Prints
// each load's time in ms as JSON. bench-conf.mjs runs it beside the whole-process timings:
// there Node's start and cold code are paid by every run, here only by the first load.
//
//   node scripts/bench/reload-loads.mjs <prefix> <conf> <loads>
import { loadConf } from "../../dist/directives/load-conf.js";

const [prefix, confFile, loads] = process.argv.slice(2);
const times = [];
for (let i = 0; i < Number(loads); i++) {
  const start = performance.now();
  const result = loadConf({ prefix, confFile });
  times.push(performance.now() - start);
  if (!result.ok) throw new Error(`load failed: ${result.error.message}`);
}
process.stdout.write(JSON.stringify(times) + "\n");
