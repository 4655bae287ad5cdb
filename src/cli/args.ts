/**
 * nginx's command line: `-?hvVtTq`, `-s signal`, `-p prefix`, `-e file`, `-c file`,
 * `-g directives`; flags combine (`-tq`), values may be glued (`-p/srv`) or separate.
 */
export interface CliOptions {
  help: boolean;
  version: boolean;
  configure: boolean;
  test: boolean;
  dump: boolean;
  quiet: boolean;
  signal?: string;
  prefix?: string;
  errorLog?: string;
  confFile?: string;
  params?: string;
}

export type ParsedArgs = { ok: true; options: CliOptions } | { ok: false; message: string };

const SIGNALS = ["stop", "quit", "reopen", "reload"];

const VALUE_OPTIONS: Record<string, [keyof CliOptions, string]> = {
  p: ["prefix", "requires directory name"],
  e: ["errorLog", "requires file name"],
  c: ["confFile", "requires file name"],
  g: ["params", "requires parameter"],
  s: ["signal", "requires parameter"],
};

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const o: CliOptions = { help: false, version: false, configure: false, test: false, dump: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("-")) return { ok: false, message: `invalid option: "${arg}"` };
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j]!;
      switch (c) {
        case "?":
        case "h":
          // nginx's help starts with the version line.
          o.version = true;
          o.help = true;
          continue;
        case "v":
          o.version = true;
          continue;
        case "V":
          o.version = true;
          o.configure = true;
          continue;
        case "t":
          o.test = true;
          continue;
        case "T":
          o.test = true;
          o.dump = true;
          continue;
        case "q":
          o.quiet = true;
          continue;
      }
      const valueOption = VALUE_OPTIONS[c];
      if (valueOption === undefined) return { ok: false, message: `invalid option: "${c}"` };
      const [key, missing] = valueOption;
      let value: string | undefined;
      if (j + 1 < arg.length) value = arg.slice(j + 1);
      else if (i + 1 < argv.length) value = argv[++i];
      if (value === undefined) return { ok: false, message: `option "-${c}" ${missing}` };
      if (key === "signal" && !SIGNALS.includes(value)) {
        return { ok: false, message: `invalid option: "-s ${value}"` };
      }
      (o as unknown as Record<string, string>)[key] = value;
      break;
    }
  }
  return { ok: true, options: o };
}

export const USAGE = `Usage: tsresty [-?hvVtTq] [-s signal] [-p prefix]
               [-e filename] [-c filename] [-g directives]

Options:
  -?,-h         : this help
  -v            : show version and exit
  -V            : show version and configure options then exit
  -t            : test configuration and exit
  -T            : test configuration, dump it and exit
  -q            : suppress non-error messages during configuration testing
  -s signal     : send signal to a master process: stop, quit, reopen, reload
  -p prefix     : set prefix path (default: the current directory)
  -e filename   : set error log file (default: stderr)
  -c filename   : set configuration file (default: conf/nginx.conf)
  -g directives : set global directives out of configuration file
`;
