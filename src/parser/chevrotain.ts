/**
 * chevrotain, loaded from the single-file bundle the package ships (lib/chevrotain.mjs).
 *
 * Why: the package entry pulls in about 600 ES modules (lodash-es), which costs ~650 ms per
 * process start; the bundle of the same version loads in ~25 ms. Every `.t` block starts a
 * server and `tsresty -t` is measured against `nginx -t`, so start-up time matters.
 *
 * The CLI bundle does not run this file: scripts/bundle.mjs puts the same single-file bundle
 * into dist/bundle/main.cjs in its place. This lookup serves the compiled modules in dist/ and
 * the tests, which run the sources.
 */
type Chevrotain = typeof import("chevrotain");

async function loadChevrotain(): Promise<Chevrotain> {
  const resolveEntry = (import.meta as { resolve?: (s: string) => string }).resolve;
  if (typeof resolveEntry === "function") {
    try {
      return (await import(new URL("../chevrotain.mjs", resolveEntry("chevrotain")).href)) as Chevrotain;
    } catch {
      // A layout without the bundle: fall back to the package entry.
    }
  }
  return import("chevrotain");
}

const chevrotain = await loadChevrotain();

export const { createToken, createTokenInstance, Lexer, EmbeddedActionsParser, EOF } = chevrotain;
export type { IToken, TokenType } from "chevrotain";
