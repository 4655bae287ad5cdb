// The parsed shape of a `.t` file: text only, before macros and modifiers. Resolution into typed
// values happens per block at run time (block-resolver.ts), because macros such as
// $TEST_NGINX_SERVER_PORT are only known once the file has a port.

import type { SectionName } from "./section-names.js";

export const MODIFIER_NAMES = ["chomp", "chop", "escape", "regex", "lines", "json"] as const;
export type ModifierName = (typeof MODIFIER_NAMES)[number];

/** Where a piece of the spec came from, for error messages (`file:line`). */
export interface SourcePlace {
  readonly file: string;
  readonly line: number;
}

export interface Section {
  readonly name: SectionName;
  readonly modifiers: readonly ModifierName[];
  /** Normalised text (spec-format.md §1): an inline value has no trailing newline. */
  readonly text: string;
  readonly inline: boolean;
  readonly place: SourcePlace;
}

export interface SpecBlock {
  /** 1-based position among the file's blocks (DEFAULTS excluded). */
  readonly index: number;
  readonly title: string;
  readonly description: string;
  readonly sections: ReadonlyMap<SectionName, Section>;
  readonly place: SourcePlace;
}

export interface FileHeader {
  readonly repeatEach: number;
  readonly logLevel: string;
  readonly workers: number;
  readonly masterProcess: boolean;
  readonly defaultNoErrorLog: string | undefined;
  /** Line of the `default_no_error_log` header, for failure messages. */
  readonly defaultNoErrorLogLine: number;
  readonly rootLocation: boolean;
  /** Client inactivity timeout, seconds. */
  readonly timeout: number;
  /** Defaults for `$TEST_NGINX_<NAME>` macros, keyed by NAME without the prefix. */
  readonly env: ReadonlyMap<string, string>;
}

/** Why a block will not run. `only`/`last` come from another block's marker. */
export type BlockSelection = { readonly run: true } | { readonly run: false; readonly reason: string };

export interface SpecFile {
  readonly file: string;
  readonly header: FileHeader;
  readonly defaults: ReadonlyMap<SectionName, Section>;
  readonly blocks: readonly SpecBlock[];
  /** Parallel to `blocks`: whether ONLY/SKIP/LAST leave each block in. */
  readonly selection: readonly BlockSelection[];
}
