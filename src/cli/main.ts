/**
 * `tsresty`: nginx's command line. `-t`/`-T` test the configuration with nginx's messages and
 * exit codes, `-s` signals a running master; without them the server starts.
 */
import type { ConfWarning } from "../directives/errors.js";
import type { LoadConfResult } from "../directives/load-conf.js";
import { parseArgs, USAGE } from "./args.js";
import { PROGRAM, processReporter, type Reporter } from "./report.js";

/** Paths from the command line as latin1 byte strings, like everything read from a conf. */
function bytes(s: string): string {
  return Buffer.from(s, "utf8").toString("latin1");
}

function printWarnings(result: LoadConfResult, out: Reporter, placedText: (m: string, p: ConfWarning["place"]) => string): void {
  const warnings = result.ok ? result.conf.warnings : result.warnings;
  for (const w of warnings) out.log(w.level, placedText(w.message, w.place));
}

/** `-T`: every file read, in the order read, once each — byte for byte what nginx prints. */
function dump(result: LoadConfResult & { ok: true }, out: Reporter): void {
  for (const f of result.conf.files) out.stdout(`# configuration file ${f.path}:\n${f.text}\n`);
}

/**
 * `-v`, `-h`, `-V`: nginx prints the version first, then the help, then the build details.
 * build-info.js is loaded only here: it reads package.json as it loads, which `-t` does not need.
 */
async function printVersion(help: boolean, configure: boolean, out: Reporter): Promise<void> {
  const { configureLines, versionLine } = await import("./build-info.js");
  out.stderr(versionLine());
  if (help) for (const line of USAGE.split("\n")) out.stderr(line);
  if (configure) for (const line of configureLines()) out.stderr(line);
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
    await printVersion(o.help, o.configure, early);
    if (!o.test) return 0;
  }

  // Loaded only now: `-v`, `-h` and bad command lines need none of the conf machinery (the
  // lexer, the parser and every module's tables), and start twice as fast without it.
  const [{ loadConf, nginxPrefix, resolveConfFile }, { placedText }] = await Promise.all([
    import("../directives/load-conf.js"),
    import("../directives/errors.js"),
  ]);
  // nginx keeps the prefix and the file names as given (`-p d` prints `d/conf/nginx.conf`).
  const prefix = o.prefix !== undefined ? nginxPrefix(bytes(o.prefix)) : nginxPrefix(bytes(process.cwd()));
  const errorLog = o.errorLog === undefined ? undefined : bytes(o.errorLog);
  const rep =
    out ?? processReporter(errorLog === undefined || errorLog === "stderr" ? errorLog : resolveConfFile(prefix, errorLog));
  const confName = bytes(o.confFile ?? "conf/nginx.conf");
  const confFile = resolveConfFile(prefix, confName);
  const result = loadConf({
    prefix,
    confFile: confName,
    ...(o.params !== undefined ? { params: bytes(o.params) } : {}),
    // `-t` reads no settings: it needs the checks, not the merged values.
    merge: !o.test,
  });

  if (o.test) {
    printWarnings(result, rep, placedText);
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

  printWarnings(result, rep, placedText);
  if (!result.ok) {
    rep.log(result.error.level, result.error.text());
    return 1;
  }
  if (o.signal !== undefined) {
    const { sendSignal } = await import("./signal.js");
    return sendSignal(result.conf, prefix, o.signal, rep);
  }
  const { serve } = await import("../runtime/serve.js");
  return serve(result.conf, o, rep);
}
