/**
 * `expires` (ngx_http_headers_module): the `Expires` and `Cache-Control` headers of a
 * response, for the codes `add_header` applies to. Times are relative to now, or to the
 * file's modification time with `modified`; `@time` is the next such time of day.
 */
import { EXPIRES_SLOT, parseExpires, type ExpiresSpec } from "../../directives/modules/headers.js";
import type { Request } from "../context.js";
import type { HeaderList } from "../http/types.js";
import { evaluate } from "../variables/evaluate.js";
import { formatHttpDate } from "../variables/time-formats.js";

const MAX_EXPIRES = "Thu, 31 Dec 2037 23:55:55 GMT";
const EPOCH = "Thu, 01 Jan 1970 00:00:01 GMT";

function resolve(spec: ExpiresSpec, r: Request): ExpiresSpec | null {
  if (spec.kind !== "variable") return spec;
  const parsed = parseExpires(evaluate(spec.value, r), spec.modified);
  return typeof parsed === "string" ? null : parsed;
}

/** The headers `expires` adds, or none. `lastModified` (ms) is the file's, when there is one. */
export function expiresHeaders(r: Request, lastModified: number | null): HeaderList {
  const raw = r.loc.settings[EXPIRES_SLOT] as ExpiresSpec | undefined;
  if (raw === undefined || raw.kind === "off") return [];
  const spec = resolve(raw, r);
  if (spec === null || spec.kind === "off") return [];
  switch (spec.kind) {
    case "epoch":
      return [["Expires", EPOCH], ["Cache-Control", "no-cache"]];
    case "max":
      return [["Expires", MAX_EXPIRES], ["Cache-Control", "max-age=315360000"]];
    case "access":
    case "modified": {
      const now = Date.now();
      const base = spec.kind === "modified" && lastModified !== null ? lastModified : now;
      const expires = base + spec.seconds * 1000;
      const maxAge = Math.floor((expires - now) / 1000);
      const cache = spec.seconds < 0 || maxAge < 0 ? "no-cache" : spec.seconds === 0 && spec.kind === "access" ? "max-age=0" : `max-age=${maxAge}`;
      return [["Expires", formatHttpDate(expires)], ["Cache-Control", cache]];
    }
    case "daily": {
      const now = new Date();
      const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
      let expires = midnight + spec.seconds * 1000;
      if (expires <= now.getTime()) expires += 24 * 3600 * 1000;
      return [["Expires", formatHttpDate(expires)], ["Cache-Control", `max-age=${Math.floor((expires - now.getTime()) / 1000)}`]];
    }
    default:
      return [];
  }
}
