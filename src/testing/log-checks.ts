// Log checks (spec-format.md §4) against the error-log text written during one repeat.

import type { ResolvedBlock } from "./block-resolver.js";
import type { CheckFailure } from "./check-failure.js";
import { show } from "./check-failure.js";
import { describePattern, entryFor, ExpectationError, logPatterns } from "./expectations.js";
import type { SectionValue } from "./section-value.js";

const TAIL_LINES = 30;

export function checkLogs(block: ResolvedBlock, logText: string, repeat: number, defaultNoErrorLog: string | undefined): CheckFailure[] {
  const lines = logText.split("\n").filter((l) => l !== "");
  const failures: CheckFailure[] = [];
  const guard = (place: CheckFailure["place"], check: string, run: () => void): void => {
    try {
      run();
    } catch (e) {
      if (!(e instanceof ExpectationError)) throw e;
      failures.push({ place, check, message: e.message, repeat });
    }
  };

  const errorLog = block.get("error_log");
  if (errorLog) {
    guard(errorLog.section.place, "error_log", () => {
      for (const p of logPatterns(errorLog.value)) {
        if (!lines.some((l) => matches(l, p))) {
          failures.push({
            place: errorLog.section.place,
            check: "error_log",
            message: `no log line written during this repeat contains ${describePattern(p)}`,
            actual: tail(lines),
            repeat,
          });
        }
      }
    });
  }

  const noErrorLog = block.get("no_error_log");
  const noPatterns: { place: CheckFailure["place"]; value: SectionValue } | undefined = noErrorLog
    ? { place: noErrorLog.section.place, value: noErrorLog.value }
    : !errorLog && defaultNoErrorLog !== undefined
      ? { place: { file: block.spec.file, line: block.spec.header.defaultNoErrorLogLine }, value: { kind: "text", text: defaultNoErrorLog } }
      : undefined;
  if (noPatterns) {
    guard(noPatterns.place, "no_error_log", () => {
      for (const p of logPatterns(noPatterns.value)) {
        const hit = lines.find((l) => matches(l, p));
        if (hit !== undefined) {
          failures.push({
            place: noPatterns.place,
            check: noErrorLog ? "no_error_log" : "no_error_log (header default_no_error_log)",
            message: `a log line contains ${describePattern(p)}`,
            actual: show(hit),
            repeat,
          });
        }
      }
    });
  }

  const grep = block.get("grep_error_log");
  const grepOut = block.get("grep_error_log_out");
  if (grep && !grepOut) {
    failures.push({ place: grep.section.place, check: "grep_error_log", message: "needs a grep_error_log_out section", repeat });
  } else if (grepOut && !grep) {
    failures.push({ place: grepOut.section.place, check: "grep_error_log_out", message: "needs a grep_error_log section", repeat });
  } else if (grep && grepOut) {
    guard(grepOut.section.place, "grep_error_log_out", () => {
      const found = grepMatches(lines, grepPatterns(grep.value));
      const expected = entryFor(grepOut, repeat);
      const failure = compareGrep(expected, found);
      if (failure) failures.push({ place: grepOut.section.place, check: "grep_error_log_out", repeat, ...failure });
    });
  }
  return failures;
}

/**
 * `access_log` / `no_access_log`: the same pattern lists as error_log / no_error_log, against the
 * lines written to the servroot's access.log during this repeat — how log_format variables that
 * only exist in the log phase (`$status`, `$bytes_sent`, `$request_time`, …) are checked.
 */
export function checkAccessLog(block: ResolvedBlock, logText: string, repeat: number): CheckFailure[] {
  const lines = logText.split("\n").filter((l) => l !== "");
  const failures: CheckFailure[] = [];
  const want = block.get("access_log");
  const refuse = block.get("no_access_log");
  try {
    for (const p of want ? logPatterns(want.value) : []) {
      if (!lines.some((l) => matches(l, p))) {
        failures.push({
          place: want!.section.place,
          check: "access_log",
          message: `no access-log line written during this repeat contains ${describePattern(p)}`,
          actual: tail(lines),
          repeat,
        });
      }
    }
    for (const p of refuse ? logPatterns(refuse.value) : []) {
      const hit = lines.find((l) => matches(l, p));
      if (hit !== undefined) {
        failures.push({ place: refuse!.section.place, check: "no_access_log", message: `an access-log line contains ${describePattern(p)}`, actual: show(hit), repeat });
      }
    }
  } catch (e) {
    if (!(e instanceof ExpectationError)) throw e;
    const place = (want ?? refuse)!.section.place;
    failures.push({ place, check: want ? "access_log" : "no_access_log", message: e.message, repeat });
  }
  return failures;
}

function matches(line: string, p: string | RegExp): boolean {
  return typeof p === "string" ? line.includes(p) : p.test(line);
}

/** grep_error_log takes one pattern (or several with `regex`); plain text loses its final newline. */
function grepPatterns(v: SectionValue): (string | RegExp)[] {
  if (v.kind === "text") return [v.text.replace(/\n$/, "")];
  if (v.kind === "regex") return v.sources.map((s) => new RegExp(s, "g"));
  if (v.kind === "json" && typeof v.value === "string") return [v.value];
  throw new ExpectationError(`grep_error_log wants text or a regex, got a ${v.kind} value`);
}

/** Every match, in log order, each followed by a newline (what grep -o would print). */
function grepMatches(lines: readonly string[], list: readonly (string | RegExp)[]): string {
  let out = "";
  for (const line of lines) {
    const hits: { at: number; text: string }[] = [];
    for (const p of list) {
      if (typeof p === "string") {
        if (p === "") continue;
        for (let at = line.indexOf(p); at >= 0; at = line.indexOf(p, at + p.length)) hits.push({ at, text: p });
      } else {
        for (const m of line.matchAll(p)) if (m[0] !== "") hits.push({ at: m.index, text: m[0] });
      }
    }
    hits.sort((a, b) => a.at - b.at);
    for (const h of hits) out += h.text + "\n";
  }
  return out;
}

function compareGrep(expected: SectionValue, found: string): Omit<CheckFailure, "place" | "check" | "repeat"> | undefined {
  if (expected.kind === "regex") {
    for (const source of expected.sources) {
      const re = new RegExp(source, "s");
      if (!re.test(found)) return { message: "grepped log text does not match", expected: String(re), actual: show(found) };
    }
    return undefined;
  }
  const text = expected.kind === "text" ? expected.text : expected.kind === "json" && typeof expected.value === "string" ? expected.value : undefined;
  if (text === undefined) throw new ExpectationError(`grep_error_log_out wants text, got a ${expected.kind} value`);
  if (text === found) return undefined;
  return { message: "grepped log text differs", expected: show(text), actual: show(found) };
}

function tail(lines: readonly string[]): string {
  if (lines.length === 0) return "(nothing was logged during this repeat)";
  const shown = lines.slice(-TAIL_LINES);
  const skipped = lines.length - shown.length;
  return (skipped > 0 ? `(last ${shown.length} of ${lines.length} lines)\n` : "\n") + shown.map((l) => `    ${l}`).join("\n");
}
