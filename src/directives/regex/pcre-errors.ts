/**
 * PCRE2's compile-time messages (the texts `pcre2_get_error_message` gives, which nginx prints
 * after `pcre2_compile() failed: `) and the two ways a pattern is refused.
 */

/** A pattern PCRE2 refuses: its message and the offset nginx prints the rest of the pattern from. */
export class PcreSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = "PcreSyntaxError";
  }
}

/** A pattern PCRE2 accepts but tsresty cannot run with JavaScript's regex engine. */
export class PcreUnsupportedError extends Error {
  constructor(readonly feature: string) {
    super(`uses ${feature}`);
    this.name = "PcreUnsupportedError";
  }
}

/** PCRE2 10.42 error texts, by what they are about. */
export const PCRE_ERRORS = {
  backslashAtEnd: "\\ at end of pattern",
  cAtEnd: "\\c at end of pattern",
  unrecognizedEscape: "unrecognized character follows \\",
  quantifierOrder: "numbers out of order in {} quantifier",
  quantifierTooBig: "number too big in {} quantifier",
  missingBracket: "missing terminating ] for character class",
  invalidClassEscape: "escape sequence is invalid in character class",
  rangeOrder: "range out of order in character class",
  nothingToRepeat: "quantifier does not follow a repeatable item",
  badGroupChar: "unrecognized character after (? or (?-",
  optionHyphen: "invalid hyphen in option setting",
  posixOutside: "POSIX named classes are supported only within a class",
  posixCollating: "POSIX collating elements are not supported",
  missingParen: "missing closing parenthesis",
  noSuchGroup: "reference to non-existent subpattern",
  missingCommentEnd: "missing ) after (?# comment",
  unmatchedParen: "unmatched closing parenthesis",
  lookbehindLength: "lookbehind assertion is not fixed length",
  unknownPosix: "unknown POSIX class name",
  codePointTooBig: "character code point value in \\x{} or \\o{} is too large",
  perlEscape: "PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, or \\u",
  badPChar: "unrecognized character after (?P",
  nameSyntax: "syntax error in subpattern name (missing terminator?)",
  dupName: "two named subpatterns have the same name (PCRE2_DUPNAMES not set)",
  nameDigit: "subpattern name must start with a non-digit",
  badProperty: "malformed \\P or \\p sequence",
  nameTooLong: "subpattern name is too long (maximum 32 code units)",
  invalidRange: "invalid range in character class",
  octalTooBig: "octal value is greater than \\377 in 8-bit non-UTF-8 mode",
  oBrace: "missing opening brace after \\o",
  gSyntax: "\\g is not followed by a braced, angle-bracketed, or quoted name/number or by a plain number",
  recursionParen: "(?R (recursive pattern call) must be followed by a closing parenthesis",
  verb: "(*VERB) not recognized or malformed",
  nameExpected: "subpattern name expected",
  nonOctal: "non-octal character in \\o{} (closing brace missing?)",
  nonHex: "non-hex character in \\x{} (closing brace missing?)",
  cPrintable: "\\c must be followed by a printable ASCII character",
  kSyntax: "\\k is not followed by a braced, angle-bracketed, or quoted name",
  nInClass: "\\N is not supported in a class",
  digitsMissing: "digits missing in \\x{} or \\o{} or \\N{U+}",
  alphaAssertion: "(*alpha_assertion) not recognized",
  nUnicode: "\\N{U+dddd} is supported only in Unicode (UTF) mode",
} as const;

