// `$TEST_NGINX_*` macros (spec-format.md §5).

export interface MacroContext {
  readonly serverPort: number;
  readonly htmlDir: string;
  readonly serverRoot: string;
  /** Header `env` defaults, keyed by the name without the TEST_NGINX_ prefix. */
  readonly envDefaults: ReadonlyMap<string, string>;
  readonly environment: NodeJS.ProcessEnv;
  /** A free port for `$TEST_NGINX_RAND_PORT_<n>`, the same for the same n within a block. */
  randomPort(n: number): number;
}

export class MacroError extends Error {}

const MACRO = /\$TEST_NGINX_([A-Z0-9_]+)/g;

export function expandMacros(text: string, ctx: MacroContext): string {
  return text.replace(MACRO, (_, name: string) => macroValue(name, ctx));
}

/** The `n` of every `$TEST_NGINX_RAND_PORT_<n>` in the text, so ports can be reserved first. */
export function randomPortNumbers(text: string): number[] {
  return [...text.matchAll(/\$TEST_NGINX_RAND_PORT_(\d+)/g)].map((m) => Number(m[1]));
}

function macroValue(name: string, ctx: MacroContext): string {
  switch (name) {
    case "SERVER_PORT":
      return String(ctx.serverPort);
    case "HTML_DIR":
      return ctx.htmlDir;
    case "SERVER_ROOT":
      return ctx.serverRoot;
  }
  const rand = /^RAND_PORT_(\d+)$/.exec(name);
  if (rand) return String(ctx.randomPort(Number(rand[1])));
  const fromEnv = ctx.environment[`TEST_NGINX_${name}`];
  if (fromEnv !== undefined) return fromEnv;
  const fromHeader = ctx.envDefaults.get(name);
  if (fromHeader !== undefined) return fromHeader;
  throw new MacroError(
    `undefined macro $TEST_NGINX_${name} (set the environment variable TEST_NGINX_${name} or add "# env: ${name}=…" to the header)`,
  );
}
