/**
 * How much of a request body tsresty keeps in memory, per listening socket.
 *
 * nginx holds client_body_buffer_size of a body in memory and writes the rest to a temp file,
 * so the only bound it knows is the client_max_body_size of the location the request ends up
 * in (0: none). tsresty keeps a body whole in memory, and decodes it as it arrives — before
 * the server and location, and so the limit, are known. A socket therefore keeps up to the
 * largest limit any location of any server it serves can need, and each location still
 * applies its own limit when the body is read (proxy/client-body.ts) or declared (413 at
 * location search).
 *
 * A body kept in memory must still have a bound, whatever the conf says: a limit of 0
 * ("unlimited") or above BODY_MEMORY_CEILING keeps at most that much, and a body past it is
 * refused with 413 where nginx would have spooled it to disk. That is the one place tsresty
 * is stricter than nginx here; the error log says so.
 */
import type { LocationNode } from "../location-tree.js";
import type { LocationPlan } from "./location-plan.js";
import type { ServerPlan } from "./server-plan.js";

/** The most body bytes one request keeps in memory (64 MiB). */
export const BODY_MEMORY_CEILING = 64 * 1024 * 1024;

/** A client_max_body_size as a number of bytes a body may reach (0 is no limit). */
function bodyLimit(plan: LocationPlan): number {
  return plan.clientMaxBodySize > 0 ? plan.clientMaxBodySize : Number.POSITIVE_INFINITY;
}

function largestInNodes(nodes: readonly LocationNode<LocationPlan>[]): number {
  let max = 0;
  for (const node of nodes) max = Math.max(max, bodyLimit(node.conf), largestInNodes(node.children));
  return max;
}

/**
 * The largest limit a request to this server can meet: its own, its locations' (nested and
 * named ones included). `if` blocks cannot set one; they take their location's.
 */
export function largestBodyLimit(conf: LocationPlan, locations: readonly LocationNode<LocationPlan>[]): number {
  return Math.max(bodyLimit(conf), largestInNodes(locations));
}

/** The body bytes a socket serving `servers` keeps per request. */
export function bodyMemoryCap(servers: Iterable<ServerPlan>): number {
  let max = 0;
  for (const s of servers) max = Math.max(max, s.largestBodyLimit);
  return Math.min(max, BODY_MEMORY_CEILING);
}
