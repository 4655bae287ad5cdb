/**
 * What nginx's proxy module does while merging, after the whole `http {}` block is read: the
 * buffer-size consistency checks, the compilation of `proxy_set_body` and `proxy_set_header`
 * values (so their variables are checked then, and a bad one is reported at the `}` of
 * `http`), and handing a location's `proxy_pass` down to its `if` and `limit_except` blocks
 * (nested locations do not get it). Levels are visited as nginx merges them: server by server, each
 * location before its nested ones, in conf order; a value set only at the http level of a conf
 * without servers is never compiled (nginx accepts it whatever it holds).
 */
import { ConfError, type ConfPlace } from "../../errors.js";
import type { ConfLevel } from "../../level.js";
import type { ConfLoader } from "../../loader.js";
import { compileComplexValue, type ComplexValue } from "../../variables.js";
import { PROXY_PASS_SLOT } from "./pass.js";
import type { ProxyBuffers, ProxyHeader } from "./types.js";

export const PROXY_SET_HEADER_SLOT = "proxy_set_header";
export const PROXY_SET_BODY_SLOT = "proxy_set_body";

/** A `proxy_set_header` as read, before the merge compiles it. */
export interface RawProxyHeader {
  readonly name: string;
  readonly raw: string;
}

/** The system page size: nginx's default for `proxy_buffer_size` and the `proxy_buffers` size. */
export const PAGE_SIZE = 4096;
export const DEFAULT_PROXY_BUFFERS: ProxyBuffers = { number: 8, size: PAGE_SIZE };
export const DEFAULT_MAX_TEMP_FILE_SIZE = 1024 * 1024 * 1024;

const BOTH = 'the maximum of the value of "proxy_buffer_size" and one of the "proxy_buffers"';

/** The nearest level from `level` up that set `slot` itself. */
function ownerOf(level: ConfLevel, slot: string): ConfLevel | null {
  for (let l: ConfLevel | null = level; l !== null; l = l.parent) if (l.has(slot)) return l;
  return null;
}

/** The slots whose nearest owner the merge checks read. */
const OWNED_SLOTS = [
  "proxy_buffer_size",
  "proxy_buffers",
  "proxy_busy_buffers_size",
  "proxy_temp_file_write_size",
  "proxy_max_temp_file_size",
  PROXY_SET_BODY_SLOT,
  PROXY_SET_HEADER_SLOT,
] as const;

/** For each slot of OWNED_SLOTS, the nearest level from here up that set it. */
type Owners = Readonly<Record<(typeof OWNED_SLOTS)[number], ConfLevel | null>>;

function ownersOf(level: ConfLevel): Owners {
  const o = {} as Record<(typeof OWNED_SLOTS)[number], ConfLevel | null>;
  for (const slot of OWNED_SLOTS) o[slot] = ownerOf(level, slot);
  return o;
}

/** The owners of a level below one whose owners are known; `parent` itself when it sets none. */
function ownersBelow(level: ConfLevel, parent: Owners): Owners {
  if (level.slots.size === 0) return parent;
  let o: Record<(typeof OWNED_SLOTS)[number], ConfLevel | null> | undefined;
  for (const slot of OWNED_SLOTS) if (level.has(slot)) (o ??= { ...parent })[slot] = level;
  return o ?? parent;
}

function ownedValue<T>(owners: Owners, slot: (typeof OWNED_SLOTS)[number]): T | undefined {
  return owners[slot]?.get<T>(slot);
}

function checkBuffers(owners: Owners, place: ConfPlace): void {
  const fail = (message: string): never => {
    throw new ConfError(message, { code: "TSR_CONF_INVALID_VALUE", place });
  };
  const bufferSize = ownedValue<number>(owners, "proxy_buffer_size") ?? PAGE_SIZE;
  const bufs = ownedValue<ProxyBuffers>(owners, "proxy_buffers") ?? DEFAULT_PROXY_BUFFERS;
  if (bufs.number < 2) fail('there must be at least 2 "proxy_buffers"');
  const size = Math.max(bufferSize, bufs.size);
  const busy = ownedValue<number>(owners, "proxy_busy_buffers_size") ?? 2 * size;
  if (busy < size) fail(`"proxy_busy_buffers_size" must be equal to or greater than ${BOTH}`);
  if (busy > (bufs.number - 1) * bufs.size) {
    fail('"proxy_busy_buffers_size" must be less than the size of all "proxy_buffers" minus one buffer');
  }
  const tempWrite = ownedValue<number>(owners, "proxy_temp_file_write_size") ?? 2 * size;
  if (tempWrite < size) fail(`"proxy_temp_file_write_size" must be equal to or greater than ${BOTH}`);
  const maxTemp = ownedValue<number>(owners, "proxy_max_temp_file_size") ?? DEFAULT_MAX_TEMP_FILE_SIZE;
  if (maxTemp !== 0 && maxTemp < size) {
    fail(`"proxy_max_temp_file_size" must be equal to zero to disable temporary files usage or must be equal to or greater than ${BOTH}`);
  }
}

/** The blocks nginx gives an unnamed location of their own: they keep their location's proxy_pass. */
function isNoname(level: ConfLevel): boolean {
  return level.kind === "if" || level.context === "limit_except";
}

/** Levels nginx merges below a server: locations and the `if`/`limit_except` blocks in them. */
function isMerged(level: ConfLevel): boolean {
  return level.kind === "location" || level.kind === "if" || level.context === "limit_except";
}

export function proxyMergeChecks(http: ConfLevel, loader: ConfLoader): void {
  const opener = http.opener;
  if (opener === null) return;
  const place: ConfPlace = { file: opener.file, line: opener.endLine ?? opener.line };
  const compile = (raw: string): ComplexValue => {
    try {
      return compileComplexValue(raw, loader);
    } catch (e) {
      if (e instanceof ConfError && e.place === undefined) e.place = place;
      throw e;
    }
  };
  const bodies = new Map<ConfLevel, ComplexValue>();
  const headers = new Map<ConfLevel, ProxyHeader[]>();

  // The levels that set proxy_set_body / proxy_set_header themselves, for the swap below.
  const bodyLevels: ConfLevel[] = [];
  const headerLevels: ConfLevel[] = [];

  // A level that sets none of the owned slots has its parent's values: the buffer checks and
  // compilations already ran for them, with the same outcome.
  const visit = (level: ConfLevel, parentOwners: Owners | null): void => {
    if (isNoname(level) && !level.has(PROXY_PASS_SLOT)) {
      const parentPass = level.parent?.slots.get(PROXY_PASS_SLOT);
      if (parentPass !== undefined) level.set(PROXY_PASS_SLOT, parentPass.value, parentPass.directive);
    }
    const owners = parentOwners === null ? ownersOf(level) : ownersBelow(level, parentOwners);
    if (owners !== parentOwners) {
      checkBuffers(owners, place);
      const bodyOwner = owners[PROXY_SET_BODY_SLOT];
      if (bodyOwner === level) bodyLevels.push(level);
      if (bodyOwner !== null && !bodies.has(bodyOwner)) {
        bodies.set(bodyOwner, compile(bodyOwner.get<string>(PROXY_SET_BODY_SLOT)!));
      }
      const headerOwner = owners[PROXY_SET_HEADER_SLOT];
      if (headerOwner === level) headerLevels.push(level);
      if (headerOwner !== null && !headers.has(headerOwner)) {
        const raw = headerOwner.get<RawProxyHeader[]>(PROXY_SET_HEADER_SLOT)!;
        headers.set(headerOwner, raw.map((h) => ({ name: h.name, value: compile(h.raw) })));
      }
    }
    const children = level.children;
    for (let i = 0; i < children.length; i++) if (isMerged(children[i]!)) visit(children[i]!, owners);
  };
  for (const server of http.children) if (server.kind === "server") visit(server, null);

  // Swap the raw values for the compiled ones; a value no server reaches is dropped. The
  // slots' contexts are http, server and location: the walk above met every level of those
  // but http, so the levels found there and http are all that hold one (no second tree walk).
  if (http.has(PROXY_SET_BODY_SLOT)) bodyLevels.push(http);
  if (http.has(PROXY_SET_HEADER_SLOT)) headerLevels.push(http);
  for (const level of bodyLevels) swapSlot(level, PROXY_SET_BODY_SLOT, bodies);
  for (const level of headerLevels) swapSlot(level, PROXY_SET_HEADER_SLOT, headers);
}

/** Puts a level's compiled value in place of its raw one, or drops the slot when nothing reached it. */
function swapSlot<T>(level: ConfLevel, slot: string, compiled: Map<ConfLevel, T>): void {
  const s = level.slots.get(slot)!;
  const v = compiled.get(level);
  if (v === undefined) level.slots.delete(slot);
  else level.set(slot, v, s.directive);
}
