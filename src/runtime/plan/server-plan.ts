/**
 * A virtual server as the engine uses it: its location tree (built once, nginx's search
 * order), its own conf for requests no location matched, and its names.
 */
import type { ConfLevel } from "../../directives/level.js";
import { HTTP_CORE_KEYS, type LocationInfo, type ServerInfo } from "../../directives/modules/http-core/types.js";
import { LocationTree, type LocationNode } from "../location-tree.js";
import { largestBodyLimit } from "./body-memory.js";
import { planLevel, type LocationPlan } from "./location-plan.js";

export interface ServerPlan {
  readonly info: ServerInfo;
  readonly conf: LocationPlan;
  readonly tree: LocationTree<LocationPlan>;
  /** `$server_name`. */
  readonly name: string;
  readonly mergeSlashes: boolean;
  /** Plans of `if` levels, by level, for the rewrite phase. */
  readonly ifPlans: ReadonlyMap<ConfLevel, LocationPlan>;
  /** The largest client_max_body_size of the server and its locations (Infinity: one has none). */
  readonly largestBodyLimit: number;
}

function planIfs(level: ConfLevel, into: Map<ConfLevel, LocationPlan>): void {
  for (const child of level.children) {
    if (child.kind === "if") {
      into.set(child, planLevel(child));
      planIfs(child, into);
    }
  }
}

function locationNodes(level: ConfLevel, ifs: Map<ConfLevel, LocationPlan>): LocationNode<LocationPlan>[] {
  const nodes: LocationNode<LocationPlan>[] = [];
  for (const child of level.children) {
    if (child.kind !== "location") continue;
    const info = child.data.get(HTTP_CORE_KEYS.location) as LocationInfo | undefined;
    if (info === undefined) continue;
    const conf = planLevel(child);
    planIfs(child, ifs);
    nodes.push({
      kind: info.kind,
      name: info.name,
      ...(info.regex !== null ? { regex: info.regex } : {}),
      autoRedirect: child.data.get(HTTP_CORE_KEYS.autoRedirect) === true,
      children: locationNodes(child, ifs),
      conf,
    });
  }
  return nodes;
}

export function planServer(info: ServerInfo): ServerPlan {
  const ifPlans = new Map<ConfLevel, LocationPlan>();
  planIfs(info.level, ifPlans);
  const locations = locationNodes(info.level, ifPlans);
  const tree = new LocationTree(locations);
  const conf = planLevel(info.level);
  return {
    info,
    conf,
    tree,
    name: info.primaryName,
    mergeSlashes: info.level.settings["merge_slashes"] !== false,
    ifPlans,
    largestBodyLimit: largestBodyLimit(conf, locations),
  };
}
