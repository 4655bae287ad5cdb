/**
 * The model of a generated location conf and its rendering as nginx.conf text. Every location
 * answers something that names it (`return 200 "<id>…"`), or hands the request to a named
 * location or an internal redirect that does, so an answer shows which location ran.
 */

export type LocationModifier = "exact" | "noregex" | "prefix" | "regex" | "caselessRegex" | "named";

export type LocationContent =
  /** `return 200 "<body>";` — the body may hold `$uri` or captures. */
  | { readonly kind: "return"; readonly body: string }
  /** `proxy_pass http://127.0.0.1:1;` (gives the trailing-slash auto-redirect to a name ending
   * in `/`), with a `return` that answers first, or alone (nothing listens there: 502). */
  | { readonly kind: "proxy"; readonly body: string | null }
  /** `error_page 404 [=] <target>; return 404;` */
  | { readonly kind: "errorPage"; readonly target: string; readonly useTargetStatus: boolean }
  /** `try_files /nonexistent <target>;` */
  | { readonly kind: "tryFiles"; readonly target: string };

export interface GeneratedLocation {
  readonly id: string;
  readonly modifier: LocationModifier;
  /** latin1 bytes as nginx compares them; the source text for regexes. */
  readonly name: string;
  /** Written as `=/x`, `^~/x`, `~re`, `~*re` (one word) instead of two. */
  readonly glued: boolean;
  readonly internal: boolean;
  readonly content: LocationContent;
  readonly children: GeneratedLocation[];
}

export interface GeneratedServer {
  /** `server_name`, and the Host header that reaches it. */
  readonly name: string;
  readonly mergeSlashes: boolean;
  readonly locations: GeneratedLocation[];
  /** Decoded paths worth requesting: location names, strings the regexes match, near misses. */
  readonly probes: readonly string[];
}

/** Where a proxy location would send a request: a port nothing listens on, on loopback. */
export const DEAD_UPSTREAM = "http://127.0.0.1:1";

const MODIFIER_TEXT: Record<LocationModifier, string> = {
  exact: "=",
  noregex: "^~",
  prefix: "",
  regex: "~",
  caselessRegex: "~*",
  named: "",
};

/**
 * A word in double quotes. The lexer translates only `\"`, `\'`, `\\`, `\t`, `\r`, `\n`
 * (other backslashes stay, so regex escapes like `\.` survive); the generators avoid those and
 * bare `"`, so the text reaches nginx unchanged.
 */
function quoted(s: string): string {
  if (/"|\\["'\\trn]/.test(s)) throw new Error(`cannot quote ${JSON.stringify(s)} unchanged`);
  return `"${s}"`;
}

function locationHead(l: GeneratedLocation): string {
  const mod = MODIFIER_TEXT[l.modifier];
  if (l.modifier === "named") return `location ${l.name}`;
  if (l.glued) return `location ${mod}${l.name}`;
  return mod === "" ? `location ${quoted(l.name)}` : `location ${mod} ${quoted(l.name)}`;
}

function contentLines(c: LocationContent): string[] {
  switch (c.kind) {
    case "return":
      return [`return 200 ${quoted(c.body)};`];
    case "proxy":
      return [`proxy_pass ${DEAD_UPSTREAM};`, ...(c.body === null ? [] : [`return 200 ${quoted(c.body)};`])];
    case "errorPage":
      return [`error_page 404 ${c.useTargetStatus ? "= " : ""}${c.target};`, "return 404;"];
    case "tryFiles":
      return [`try_files /nonexistent ${c.target};`];
  }
}

export function renderLocation(l: GeneratedLocation, indent: string): string {
  const inner = indent + "    ";
  let out = `${indent}${locationHead(l)} {\n`;
  if (l.internal) out += `${inner}internal;\n`;
  for (const line of contentLines(l.content)) out += `${inner}${line}\n`;
  for (const child of l.children) out += renderLocation(child, inner);
  return out + `${indent}}\n`;
}

/** One `server {}`; the root does not exist, so requests no location takes are a plain 404. */
export function renderServer(s: GeneratedServer, port: number, prefix: string, isDefault: boolean): string {
  let out = `    server {\n        listen 127.0.0.1:${port}${isDefault ? " default_server" : ""};\n        server_name ${s.name};\n`;
  out += `        root ${prefix}/html/no-such-dir;\n`;
  if (!s.mergeSlashes) out += "        merge_slashes off;\n";
  for (const l of s.locations) out += renderLocation(l, "        ");
  return out + "    }\n";
}

export function renderServers(servers: readonly GeneratedServer[], port: number, prefix: string): string {
  return servers.map((s, i) => renderServer(s, port, prefix, i === 0)).join("");
}
