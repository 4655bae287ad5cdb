/**
 * Generic setters, as nginx's `ngx_conf_set_*_slot`: a row of a directive table names one and
 * needs no code of its own. A second value at the same level is "is duplicate"; lists append.
 */
import { ConfError } from "./errors.js";
import { parseFlag, parseNumber, parseOffset, parseSize, parseTime } from "./values.js";
import type { DirectiveCall } from "./types.js";

function slotOf(call: DirectiveCall): string {
  return call.spec.slot ?? call.spec.name;
}

function scalar(parse: (s: string) => unknown, reason: string) {
  return (call: DirectiveCall): string | void => {
    const slot = slotOf(call);
    if (call.level.has(slot)) return "is duplicate";
    const v = parse(call.args[0]!);
    if (v === null) return reason;
    call.level.set(slot, v, call.directive);
  };
}

/** on/off (ngx_conf_set_flag_slot). */
export function flagSlot(call: DirectiveCall): string | void {
  const slot = slotOf(call);
  if (call.level.has(slot)) return "is duplicate";
  const v = parseFlag(call.args[0]!);
  if (v === null) {
    throw new ConfError(
      `invalid value "${call.args[0]}" in "${call.spec.name}" directive, it must be "on" or "off"`,
      { code: "TSR_CONF_INVALID_VALUE" },
    );
  }
  call.level.set(slot, v, call.directive);
}

/** A time in milliseconds (ngx_conf_set_msec_slot). */
export const msecSlot = scalar((s) => parseTime(s, false), "invalid value");
/** A time in seconds (ngx_conf_set_sec_slot). */
export const secSlot = scalar((s) => parseTime(s, true), "invalid value");
/** A size in bytes, `k`/`m` (ngx_conf_set_size_slot). */
export const sizeSlot = scalar(parseSize, "invalid value");
/** An offset in bytes, `k`/`m`/`g` (ngx_conf_set_off_slot). */
export const offSlot = scalar(parseOffset, "invalid value");
/** A non-negative integer (ngx_conf_set_num_slot). */
export const numSlot = scalar(parseNumber, "invalid number");
/** A string (ngx_conf_set_str_slot). */
export const strSlot = scalar((s) => s, "invalid value");

/** One of a fixed set of words (ngx_conf_set_enum_slot). */
export function enumSlot(values: readonly string[]) {
  return (call: DirectiveCall): string | void => {
    const slot = slotOf(call);
    if (call.level.has(slot)) return "is duplicate";
    const v = call.args[0]!;
    const hit = values.find((x) => x.toLowerCase() === v.toLowerCase());
    if (hit === undefined) throw new ConfError(`invalid value "${v}"`, { code: "TSR_CONF_INVALID_VALUE" });
    call.level.set(slot, hit, call.directive);
  };
}

/** Appends every argument list (ngx_conf_set_str_array_slot and friends). */
export function listSlot(call: DirectiveCall): void {
  call.level.push(slotOf(call), call.args.slice(), call.directive);
}

/** No arguments, marks the level (e.g. `internal`). */
export function markSlot(call: DirectiveCall): string | void {
  const slot = slotOf(call);
  if (call.level.has(slot)) return "is duplicate";
  call.level.set(slot, true, call.directive);
}

/**
 * Words from a fixed set, combined (ngx_conf_set_bitmask_slot): repeating the directive at one
 * level adds to the set, a word given twice only warns `duplicate value "<word>"`, an unknown
 * word is `invalid value "<word>"`. Words match case-insensitively; the stored list keeps the
 * set's spelling, in order of first appearance.
 */
export function bitmaskSlot(values: readonly string[]) {
  return (call: DirectiveCall): void => {
    const slot = slotOf(call);
    const list = call.level.get<string[]>(slot) ?? [];
    for (const word of call.args) {
      const hit = values.find((x) => x.toLowerCase() === word.toLowerCase());
      if (hit === undefined) throw new ConfError(`invalid value "${word}"`, { code: "TSR_CONF_INVALID_VALUE" });
      if (list.includes(hit)) call.loader.warn(`duplicate value "${word}"`, call.directive);
      else list.push(hit);
    }
    call.level.set(slot, list, call.directive);
  };
}
