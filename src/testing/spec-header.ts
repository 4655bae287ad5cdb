// Header keys (`# key: value` before the first block), spec-format.md §2.

import { SpecError } from "./spec-error.js";
import type { FileHeader, SourcePlace } from "./spec-model.js";
import { isLogLevel, LOG_LEVELS } from "../directives/log-levels.js";

export const DEFAULT_HEADER: FileHeader = {
  repeatEach: 1,
  logLevel: "debug",
  workers: 1,
  masterProcess: false,
  defaultNoErrorLog: undefined,
  defaultNoErrorLogLine: 0,
  rootLocation: true,
  timeout: 3,
  env: new Map(),
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Collects header lines one at a time; `finish()` returns the header. */
export class HeaderBuilder {
  readonly #header: Mutable<FileHeader> = { ...DEFAULT_HEADER, env: new Map() };
  readonly #seen = new Set<string>();

  add(key: string, value: string, place: SourcePlace): void {
    // `env` is the one repeatable key: each line adds one macro default.
    if (key !== "env") {
      if (this.#seen.has(key)) throw new SpecError(place, `header key "${key}" is repeated`);
      this.#seen.add(key);
    }
    const h = this.#header;
    switch (key) {
      case "repeat_each":
        h.repeatEach = positiveInteger(key, value, place);
        break;
      case "workers":
        h.workers = positiveInteger(key, value, place);
        break;
      case "log_level":
        h.logLevel = logLevel(value, place);
        break;
      case "master_process":
        h.masterProcess = onOff(key, value, place);
        break;
      case "root_location":
        h.rootLocation = onOff(key, value, place);
        break;
      case "default_no_error_log":
        h.defaultNoErrorLog = value;
        h.defaultNoErrorLogLine = place.line;
        break;
      case "timeout":
        h.timeout = positiveNumber(key, value, place);
        break;
      case "env": {
        const m = /^(?:TEST_NGINX_)?([A-Za-z0-9_]+)=(.*)$/.exec(value);
        if (!m) throw new SpecError(place, `header "env" wants NAME=value, got "${value}"`);
        (h.env as Map<string, string>).set(m[1]!, m[2]!);
        break;
      }
      default:
        throw new SpecError(
          place,
          `unknown header key "${key}" (known: repeat_each, log_level, workers, master_process, ` +
            `default_no_error_log, root_location, timeout, env)`,
        );
    }
  }

  finish(): FileHeader {
    return this.#header;
  }
}

export function logLevel(value: string, place: SourcePlace): string {
  if (!isLogLevel(value)) {
    throw new SpecError(place, `log level "${value}" is not one of ${[...LOG_LEVELS].reverse().join(", ")}`);
  }
  return value;
}

function positiveInteger(key: string, value: string, place: SourcePlace): number {
  if (!/^[1-9][0-9]*$/.test(value)) throw new SpecError(place, `header "${key}" wants a positive integer, got "${value}"`);
  return Number(value);
}

function positiveNumber(key: string, value: string, place: SourcePlace): number {
  const n = Number(value);
  if (value === "" || !Number.isFinite(n) || n <= 0) {
    throw new SpecError(place, `header "${key}" wants a positive number of seconds, got "${value}"`);
  }
  return n;
}

function onOff(key: string, value: string, place: SourcePlace): boolean {
  if (value === "on") return true;
  if (value === "off") return false;
  throw new SpecError(place, `header "${key}" wants on or off, got "${value}"`);
}
