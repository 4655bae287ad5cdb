/**
 * `lua_package_path "<templates>"`: where bare imports of handler modules are looked up before
 * `node_modules` (design.md §3). Lua's search-path syntax is kept: `;`-separated templates,
 * `?` stands for the module name (dots become slashes), `;;` for the default path, and
 * `$prefix` / `${prefix}` for the `-p` folder (which ends in `/`, so `$prefix/lib` has two
 * slashes, as in OpenResty).
 */

/** One element of the search path: a template, or the place where the default path goes. */
export type PackagePathEntry = { readonly template: string } | { readonly defaults: true };

export interface PackagePath {
  /** The directive's argument as written (latin1 bytes of the conf). */
  readonly raw: string;
  /** The search order, with `$prefix` substituted and text decoded as UTF-8. */
  readonly entries: readonly PackagePathEntry[];
}

/** A byte that cannot occur in conf text marks where `;;` was, as OpenResty does with "\1". */
const DEFAULTS_MARK = "\u0001";

function replaceAll(s: string, what: string, by: string): string {
  return s.split(what).join(by);
}

/**
 * Parses the argument the way OpenResty builds `package.path`: `;;` first, then `$prefix`,
 * then `${prefix}`; empty templates are skipped, as Lua's searcher skips them.
 */
export function parsePackagePath(raw: string, prefix: string): PackagePath {
  let s = Buffer.from(raw, "latin1").toString("utf8");
  s = replaceAll(s, ";;", `;${DEFAULTS_MARK};`);
  s = replaceAll(s, "$prefix", prefix);
  s = replaceAll(s, "${prefix}", prefix);
  const entries: PackagePathEntry[] = [];
  for (const part of s.split(";")) {
    if (part === "") continue;
    entries.push(part === DEFAULTS_MARK ? { defaults: true } : { template: part });
  }
  return { raw, entries };
}

/**
 * The files to try for `import "<name>"`, in order. `defaults` is what `;;` stands for (and
 * the whole path when no `lua_package_path` was given).
 */
export function packagePathCandidates(
  path: PackagePath | null,
  name: string,
  defaults: readonly string[],
): string[] {
  const fileName = name.split(".").join("/");
  const templates: string[] = [];
  if (path === null) templates.push(...defaults);
  else {
    for (const e of path.entries) {
      if ("defaults" in e) templates.push(...defaults);
      else templates.push(e.template);
    }
  }
  return templates.map((t) => replaceAll(t, "?", fileName));
}
