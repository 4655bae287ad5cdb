/**
 * Finds the closing `}` of a `*_by_ts_block { … }` body.
 *
 * OpenResty's lua-nginx-module takes over the conf buffer after `*_by_lua_block {` and runs a
 * Lua-aware scanner over it (nginx-conf.md §1.9): braces inside strings and comments are not
 * counted, and the body is kept byte for byte. This is the same job for TypeScript, which needs
 * more care than Lua because of template literals (`${ … }` nests code inside a string) and
 * regex literals (`/}/` contains a brace, and `/` may also be division).
 *
 * The scanner is one forward pass with a small state: a stack of open `{` / `${` frames, a stack
 * of open `(` (to know whether a `)` closes `if (…)`), and a flag saying whether a `/` here
 * would start a regex. Every character is looked at a bounded number of times (see the note at
 * `regexEnd`), so the cost is linear in the body length; no regular expressions are used.
 *
 * Where TypeScript is ambiguous without a full parser, the choices are:
 *  - `/` starts a regex at the start of the body, after punctuation/operators, after `}`, after
 *    the `)` of `if (…)`/`while (…)`/`for (…)`/`with (…)`, and after the keywords in
 *    REGEX_KEYWORDS (not when they are property names, `a.in`). After identifiers, numbers,
 *    `)`, `]`, strings, templates, regexes, postfix `++`/`--` and a TS non-null `x!` it is
 *    division.
 *  - A regex literal cannot span lines. If one that we started does not close on its line, the
 *    guess was wrong: the `/` is re-read as division, and no other regex is started before that
 *    line ends (this keeps the scan linear and is the sensible reading of such a line anyway).
 *  - A quoted string ends at an unescaped line break (a broken string): the scanner carries on
 *    as code from there instead of swallowing the rest of the file. `\` + line break continues
 *    the string, as in TypeScript.
 *  - An unterminated template literal or block comment runs to the end of the text, so the block
 *    is reported unterminated.
 */

export type TsBlockScan =
  | { ok: true; end: number } // index in `text` of the '}' that closes the block
  | { ok: false; lastOpenBrace: number }; // unterminated: index of the most recent '{' seen (the block's own opening '{' if none inside), for the error line

// Character codes used by the scanner.
const LF = 10;
const CR = 13;
const SPACE = 32;
const BANG = 33; // !
const DQUOTE = 34; // "
const DOLLAR = 36; // $
const SQUOTE = 39; // '
const LPAREN = 40; // (
const RPAREN = 41; // )
const STAR = 42; // *
const PLUS = 43; // +
const MINUS = 45; // -
const DOT = 46; // .
const SLASH = 47; // /
const EQUALS = 61; // =
const LBRACKET = 91; // [
const BACKSLASH = 92; // \
const RBRACKET = 93; // ]
const BACKTICK = 96; // `
const LBRACE = 123; // {
const RBRACE = 125; // }

/** Frame kinds on the brace stack. */
const FRAME_BRACE = 0; // a `{` in code (the block's own `{` is the bottom frame)
const FRAME_SUBST = 1; // the `${` of a template literal: its `}` resumes the template

/**
 * Characters that make up identifiers, keywords and numbers: `A-Z a-z 0-9 _ $`, `\` (unicode
 * escapes in identifiers), `#` (private names; a keyword after `#` is a name), and every byte
 * >= 0x80 (the text is latin1, so a UTF-8 identifier arrives as several such bytes).
 */
const IDENT = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  IDENT[c] =
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 95 ||
    c === DOLLAR ||
    c === BACKSLASH ||
    c === 35 ||
    c >= 0x80
      ? 1
      : 0;
}

function isIdent(c: number): boolean {
  return c > 255 || IDENT[c] === 1;
}

/** Space, tab, vertical tab, form feed (line breaks are handled separately). */
function isBlank(c: number): boolean {
  return c === SPACE || c === 9 || c === 11 || c === 12;
}

/** After these keywords an expression starts, so `/` begins a regex. */
const REGEX_KEYWORDS: ReadonlySet<string> = new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await",
]);

/** Keywords whose parenthesised head is followed by a statement: `if (x) /re/.test(y)`. */
const CONTROL_KEYWORDS: ReadonlySet<string> = new Set(["if", "while", "for", "with"]);

/** Longest word in the two keyword sets; longer words are not looked up. */
const MAX_KEYWORD_LENGTH = 10;

/**
 * Scans a regex literal whose opening `/` is at `i - 1`. Returns the index just after the
 * closing `/` (flags not included), or `-1 - k` when it fails at index `k` (a line break or the
 * end of the text). A failed scan only reads up to the end of its line, and the caller starts no
 * other regex before that point, so each character is read by at most one failed scan.
 */
function regexEnd(text: string, i: number): number {
  const n = text.length;
  let inClass = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) return -1 - i;
    if (c === BACKSLASH) {
      i++;
      if (i >= n) break;
      const e = text.charCodeAt(i);
      if (e === LF || e === CR) return -1 - i;
    } else if (inClass) {
      if (c === RBRACKET) inClass = false;
    } else if (c === LBRACKET) {
      inClass = true;
    } else if (c === SLASH) {
      return i + 1;
    }
    i++;
  }
  return -1 - n;
}

/**
 * `text` is the whole conf file as a latin1 string (one char per byte).
 * `start` is the index just after the block's opening '{'. Depth starts at 1.
 * Returns where the matching '}' is; the body is text.slice(start, end), kept byte for byte.
 */
export function scanTsBlock(text: string, start: number): TsBlockScan {
  const n = text.length;
  const frames: number[] = [FRAME_BRACE];
  /** One entry per open `(`: true when it follows `if`/`while`/`for`/`with`. */
  const parens: boolean[] = [];
  let lastOpenBrace = start - 1;

  let inTemplate = false;
  /** A `/` here starts a regex literal (we are where an expression may begin). */
  let regexOk = true;
  /** The previous token was `.`, so a following word is a property name, never a keyword. */
  let afterDot = false;
  /** The previous token was `if`/`while`/`for`/`with` (or `for await`). */
  let afterControl = false;
  /** A line break came after the previous token (for `!` at the start of a statement). */
  let newlineSince = false;
  /** Set after a failed regex: no regex starts before this index. */
  let noRegexBefore = 0;

  let i = start;
  while (i < n) {
    if (inTemplate) {
      // Template literal text: only `` ` ``, `${` and escapes matter; line breaks are allowed.
      const c = text.charCodeAt(i);
      if (c === BACKTICK) {
        inTemplate = false;
        regexOk = false;
        i++;
      } else if (c === BACKSLASH) {
        i += 2;
      } else if (c === DOLLAR && text.charCodeAt(i + 1) === LBRACE) {
        frames.push(FRAME_SUBST);
        lastOpenBrace = i + 1;
        inTemplate = false;
        regexOk = true;
        i += 2;
      } else {
        i++;
      }
      continue;
    }

    const c = text.charCodeAt(i);

    // Whitespace and line breaks leave the state as it is.
    if (c === LF || c === CR) {
      newlineSince = true;
      i++;
      continue;
    }
    if (isBlank(c)) {
      i++;
      continue;
    }

    // Comments (always, even where a regex could start: a regex is never empty and cannot
    // start with `*`). They are not tokens, so the state is kept.
    if (c === SLASH) {
      const next = text.charCodeAt(i + 1);
      if (next === SLASH) {
        i += 2;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === LF || d === CR) break;
          i++;
        }
        continue; // the line break is read as code above
      }
      if (next === STAR) {
        const close = text.indexOf("*/", i + 2);
        if (close < 0) return { ok: false, lastOpenBrace };
        for (let k = i + 2; k < close; k++) {
          const d = text.charCodeAt(k);
          if (d === LF || d === CR) {
            newlineSince = true;
            break;
          }
        }
        i = close + 2;
        continue;
      }
    }

    // Everything below is a token: reset the per-token context, then let the token set it.
    const wasAfterControl = afterControl;
    const hadNewline = newlineSince;
    const wasRegexOk = regexOk;
    const wasAfterDot = afterDot;
    afterControl = false;
    afterDot = false;
    newlineSince = false;

    if (isIdent(c)) {
      // Identifier, keyword or number.
      let j = i + 1;
      while (j < n && isIdent(text.charCodeAt(j))) j++;
      regexOk = false;
      if (!wasAfterDot && j - i <= MAX_KEYWORD_LENGTH && j - i >= 2) {
        const word = text.slice(i, j);
        if (REGEX_KEYWORDS.has(word)) regexOk = true;
        if (CONTROL_KEYWORDS.has(word) || (word === "await" && wasAfterControl)) {
          afterControl = true;
        }
      }
      i = j;
      continue;
    }

    switch (c) {
      case LBRACE:
        frames.push(FRAME_BRACE);
        lastOpenBrace = i;
        regexOk = true;
        i++;
        continue;

      case RBRACE: {
        const frame = frames.pop();
        if (frames.length === 0) return { ok: true, end: i };
        if (frame === FRAME_SUBST) inTemplate = true;
        regexOk = true; // after a block statement a regex may follow
        i++;
        continue;
      }

      case DQUOTE:
      case SQUOTE: {
        // Quoted string; a line break ends a broken string and is then read as code.
        i++;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === c) {
            i++;
            break;
          }
          if (d === BACKSLASH) {
            // `\` + CR LF is one line continuation.
            i += text.charCodeAt(i + 1) === CR && text.charCodeAt(i + 2) === LF ? 3 : 2;
            continue;
          }
          if (d === LF || d === CR) break;
          i++;
        }
        regexOk = false;
        continue;
      }

      case BACKTICK:
        inTemplate = true;
        i++;
        continue;

      case SLASH: {
        if (wasRegexOk && i >= noRegexBefore) {
          const end = regexEnd(text, i + 1);
          if (end >= 0) {
            i = end;
            while (i < n && isIdent(text.charCodeAt(i))) i++; // flags
            regexOk = false;
            continue;
          }
          // Not a regex after all: re-read this `/` as division, and guess no regex before
          // the line break where the attempt stopped.
          noRegexBefore = -1 - end;
        }
        regexOk = true; // division operator
        i++;
        continue;
      }

      case LPAREN:
        parens.push(wasAfterControl);
        regexOk = true;
        i++;
        continue;

      case RPAREN:
        // `if (x) /re/` starts a statement; `f(x) / 2` divides.
        regexOk = parens.pop() ?? false;
        i++;
        continue;

      case RBRACKET:
        regexOk = false;
        i++;
        continue;

      case DOT:
        if (text.charCodeAt(i + 1) === DOT && text.charCodeAt(i + 2) === DOT) {
          regexOk = true; // spread: `[.../re/.exec(s)]`
          i += 3;
        } else {
          regexOk = false;
          afterDot = true;
          i++;
        }
        continue;

      case PLUS:
      case MINUS:
        if (text.charCodeAt(i + 1) === c) {
          // `++`/`--`: taken as postfix (`a++ / 2`); a prefix one cannot precede a regex.
          regexOk = false;
          i += 2;
        } else {
          regexOk = true;
          i++;
        }
        continue;

      case BANG:
        // After an operand and on the same line, `x!` is TypeScript's non-null assertion and
        // the operand goes on (`x! / 2`); `!=` and a `!` that starts an expression do not.
        if (!wasRegexOk && !hadNewline && text.charCodeAt(i + 1) !== EQUALS) {
          regexOk = false;
        } else {
          regexOk = true;
        }
        i++;
        continue;

      default:
        // Any other punctuation or operator: `, ; : = ? < > & | ^ ~ * % [ @` …
        regexOk = true;
        i++;
        continue;
    }
  }
  return { ok: false, lastOpenBrace };
}
