/**
 * The conf AST: what nginx's `ngx_conf_read_token` hands to `ngx_conf_handler`, kept as data.
 *
 * Strings are latin1 ("binary") JavaScript strings: one char per byte of the conf file, so
 * lengths, the 4096-byte word limit and error messages are byte-exact. Decode with
 * `Buffer.from(s, "latin1")` where real text (paths, TypeScript code) is needed.
 */

/** A raw `*_by_ts_block { … }` body, byte for byte. */
export interface TsBlockBody {
  readonly text: string;
  /** Line of the opening `{`. */
  readonly line: number;
  /** Line of the closing `}`: nginx reports block-handler errors there. */
  readonly endLine: number;
}

export interface ConfDirective {
  readonly kind: "directive";
  readonly name: string;
  readonly args: readonly string[];
  readonly file: string;
  /** Line of the terminating `;` or `{` — the line nginx prints for directive errors. */
  readonly line: number;
  /** Line where the directive's first word starts. */
  readonly startLine: number;
  /** Defined when the statement ended with `{`. */
  readonly block?: ConfStatement[];
  /** Line of a block's closing `}` (where nginx reports checks made when a block ends). */
  readonly endLine?: number;
  /** Defined for `*_by_ts_block`: the body replaces `block`. */
  readonly tsBody?: TsBlockBody;
}

/**
 * A syntax error, placed where the lexer or parser met it. Statements before it are kept, so
 * the loader can process them first and report errors in nginx's order (nginx handles each
 * directive as soon as its terminator is read).
 */
export interface ConfSyntaxError {
  readonly kind: "error";
  readonly message: string;
  readonly file: string;
  readonly line: number;
}

export type ConfStatement = ConfDirective | ConfSyntaxError;

export interface ParsedConfFile {
  readonly path: string;
  /** The file's bytes as a latin1 string (for `-T`). */
  readonly text: string;
  readonly statements: ConfStatement[];
}
