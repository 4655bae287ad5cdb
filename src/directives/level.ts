/**
 * One configuration level (nginx's per-block conf structs): main, events, http, server,
 * location, if, upstream. Setters store into `slots`; a slot that is already set at the same
 * level is what nginx calls a duplicate. After loading, `settings` holds the merged values and
 * is frozen: nothing walks parent chains per request.
 */
import type { ConfDirective } from "../parser/ast.js";
import type { ContextName } from "./types.js";

export type LevelKind = "main" | "events" | "http" | "server" | "location" | "if" | "upstream" | "types";

export interface SlotValue {
  readonly value: unknown;
  /** The directive that set it (the first one, for lists). */
  readonly directive: ConfDirective;
}

/** What a level's `settings` hold until the merge: one shared empty object, not one per level. */
const NOT_MERGED: Readonly<Record<string, unknown>> = Object.freeze({});

export class ConfLevel {
  readonly slots = new Map<string, SlotValue>();
  readonly children: ConfLevel[] = [];
  /** Merged values, frozen by the loader once the whole conf is read. */
  settings: Readonly<Record<string, unknown>> = NOT_MERGED;
  /** Per-level data of a module that is not a plain setting (a location's match rule, …). */
  readonly data = new Map<string, unknown>();

  constructor(
    readonly kind: LevelKind,
    readonly context: ContextName,
    readonly parent: ConfLevel | null,
    readonly opener: ConfDirective | null,
  ) {
    parent?.children.push(this);
  }

  has(slot: string): boolean {
    return this.slots.has(slot);
  }

  get<T>(slot: string): T | undefined {
    return this.slots.get(slot)?.value as T | undefined;
  }

  set(slot: string, value: unknown, directive: ConfDirective): void {
    this.slots.set(slot, { value, directive });
  }

  /** Appends to a list slot (nginx's array setters). */
  push<T>(slot: string, item: T, directive: ConfDirective): T[] {
    const cur = this.slots.get(slot);
    if (cur === undefined) {
      const list = [item];
      this.slots.set(slot, { value: list, directive });
      return list;
    }
    const list = cur.value as T[];
    list.push(item);
    return list;
  }

  /** The nearest level of a kind, this one included. */
  closest(kind: LevelKind): ConfLevel | null {
    let l: ConfLevel | null = this;
    while (l !== null && l.kind !== kind) l = l.parent;
    return l;
  }
}
