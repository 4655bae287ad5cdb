/**
 * `lua_shared_dict <name> <size>`: a named store shared by the workers (`ngx.shared.<name>`).
 * Names are case-sensitive bytes, taken literally (`$x` is a name, not a variable). Sizes are
 * nginx sizes (`k`, `m`). Zones are global to the `http {}` block, as in nginx's shared
 * memory list, so a name can be declared once (again with the same size: "already defined";
 * with another size: the shared-memory "conflicts" message).
 */
import { ConfError } from "../../errors.js";
import { parseSize } from "../../values.js";
import type { ConfPlace } from "../../errors.js";
import type { ConfLevel } from "../../level.js";
import type { DirectiveCall } from "../../types.js";

export interface SharedDictSpec {
  /** The zone name as written (latin1 bytes of the conf). */
  readonly name: string;
  /** Capacity in bytes. */
  readonly size: number;
  /** Where it was declared. */
  readonly conf: ConfPlace;
}

export const SHARED_DICT_SLOT = "lua_shared_dict";

/**
 * lua-nginx-module refuses sizes up to 8191 at once; between 8k and 12k the zone is accepted
 * but nginx's slab allocator has no page left for the dict's header when the zone is created
 * (after "syntax is ok"): `[crit] ngx_slab_alloc() failed: no memory`. Three 4k pages is the
 * smallest zone that works.
 */
const MIN_SIZE = 8192;
const MIN_WORKING_SIZE = 3 * 4096;

export function sharedDict(call: DirectiveCall): void {
  const [name, sizeText] = call.args as [string, string];
  if (name === "") {
    throw new ConfError(`invalid lua shared dict name "${name}"`, { code: "TSR_CONF_INVALID_VALUE" });
  }
  const size = parseSize(sizeText);
  if (size === null || size < MIN_SIZE) {
    throw new ConfError(`invalid lua shared dict size "${sizeText}"`, { code: "TSR_CONF_INVALID_VALUE" });
  }
  const known = call.level.get<SharedDictSpec[]>(SHARED_DICT_SLOT)?.find((d) => d.name === name);
  if (known !== undefined) {
    if (known.size !== size) {
      throw new ConfError(
        `the size ${size} of shared memory zone "${name}" conflicts with already declared size ${known.size}`,
        { code: "TSR_CONF_DUPLICATE" },
      );
    }
    throw new ConfError(`lua_shared_dict "${name}" is already defined as "${known.name}"`, {
      code: "TSR_CONF_DUPLICATE",
    });
  }
  const spec: SharedDictSpec = { name, size, conf: { file: call.directive.file, line: call.directive.line } };
  call.level.push(SHARED_DICT_SLOT, spec, call.directive);
}

/** Run once the whole conf is read: the zones are created then, in declaration order. */
export function checkSharedDictZones(http: ConfLevel | null): void {
  for (const d of http?.get<SharedDictSpec[]>(SHARED_DICT_SLOT) ?? []) {
    if (d.size < MIN_WORKING_SIZE) {
      throw new ConfError("ngx_slab_alloc() failed: no memory", { code: "TSR_CONF_INVALID", level: "crit", place: null });
    }
  }
}
