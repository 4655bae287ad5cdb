/**
 * `tsresty`: nginx's command line. `-t`/`-T` test the configuration with nginx's messages and
 * exit codes; without them the server starts.
 */
import { resolve } from "node:path";
import { loadConf, resolveConfFile, type LoadConfResult } from "../directives/load-conf.js";
import { parseArgs, USAGE } from "./args.js";
import { configureLines, versionLine } from "./build-info.js";
import { PROGRAM, processReporter, type Reporter } from "./report.js";

/** Paths from the command line as latin1 byte strings, like everything read from a conf. */
function bytes(s: string): string {
  return Buffer.from(s, "utf8").toString("latin1");
}

function printWarnings(result: LoadConfResult, out: Reporter): void {
  const warnings = result.ok ? result.conf.warnings : result.warnings;
  for (const w of warnings) {
    const where = w.place === null ? "" : w.place === "command line" ? " in command line" : ` in ${w.place.file}:${w.place.line}`;
    out.log(w.level, `${w.message}${where}`);
  }
}

function dump(result: LoadConfResult & { ok: true }, out: Reporter): void {
  for (const f of result.conf.files) out.stdout(`# configuration file ${f.path}:\n${f.text}\n`);
}

export async function main(argv: readonly string[], out?: Reporter): Promise<number> {
  const parsed = parseArgs(argv);
  const early = out ?? processReporter(undefined);
  if (!parsed.ok) {
    early.stderr(`${PROGRAM}: ${parsed.message}`);
    return 1;
  }
  const o = parsed.options;
  if (o.version) {
    early.stderr(versionLine());
    if (o.configure) for (const l of configureLines()) early.stderr(l);
  }
  if (o.help) {
    early.stderr(USAGE.trimEnd());
  }
  if ((o.version || o.help) && !o.test) return 0;

  const prefix = bytes(resolve(o.prefix ?? process.cwd()));
  const rep = out ?? processReporter(o.errorLog === undefined ? undefined : resolve(prefix, bytes(o.errorLog)));
  const confFile = resolveConfFile(prefix, bytes(o.confFile ?? "conf/nginx.conf"));
  const result = loadConf({ prefix, confFile, ...(o.params !== undefined ? { params: bytes(o.params) } : {}) });

  if (o.test) {
    printWarnings(result, rep);
    if (!result.ok) {
      if (result.syntaxOk && !o.quiet) rep.stderr(`${PROGRAM}: the configuration file ${confFile} syntax is ok`);
      rep.log(result.error.level, result.error.text());
      rep.stderr(`${PROGRAM}: configuration file ${confFile} test failed`);
      return 1;
    }
    if (!o.quiet) {
      rep.stderr(`${PROGRAM}: the configuration file ${confFile} syntax is ok`);
      rep.stderr(`${PROGRAM}: configuration file ${confFile} test is successful`);
    }
    if (o.dump) dump(result, rep);
    return 0;
  }

  printWarnings(result, rep);
  if (!result.ok) {
    rep.log(result.error.level, result.error.text());
    return 1;
  }
  const { serve } = await import("../runtime/serve.js");
  return serve(result.conf, o, rep);
}
