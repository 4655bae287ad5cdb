import { describe, expect, test } from "vitest";
import { packagePathCandidates, tsMainConf } from "../../src/directives/modules/ts.js";
import { parsePackagePath } from "../../src/directives/modules/ts/package-path.js";
import { level, loadOk } from "./ts-fixture.js";

describe("lua_package_path", () => {
  test("`;;` marks the default path, `$prefix`/`${prefix}` become the -p folder (with its slash)", () => {
    expect(parsePackagePath("$prefix/lua/?.lua;${prefix}lua2/?.lua;;", "/p/").entries).toEqual([
      { template: "/p//lua/?.lua" },
      { template: "/p/lua2/?.lua" },
      { defaults: true },
    ]);
  });

  test("defaults in the middle, empty templates skipped, raw text kept", () => {
    const p = parsePackagePath("/a/?.ts;;/b/?/index.ts;;;", "/p/");
    expect(p.raw).toBe("/a/?.ts;;/b/?/index.ts;;;");
    expect(p.entries).toEqual([
      { template: "/a/?.ts" },
      { defaults: true },
      { template: "/b/?/index.ts" },
      { defaults: true },
    ]);
  });

  test("templates are decoded from conf bytes as UTF-8", () => {
    const raw = Buffer.from("/srv/modulé/?.ts", "utf8").toString("latin1");
    expect(parsePackagePath(raw, "/p/").entries).toEqual([{ template: "/srv/modulé/?.ts" }]);
  });

  test("candidates: `?` is the module name with dots as slashes; defaults spliced in", () => {
    const p = parsePackagePath("/a/?.ts;;/b/?/init.ts", "/p/");
    expect(packagePathCandidates(p, "resty.http", ["/d/?.ts"])).toEqual([
      "/a/resty/http.ts",
      "/d/resty/http.ts",
      "/b/resty/http/init.ts",
    ]);
    expect(packagePathCandidates(null, "x", ["/d/?.ts", "/e/?.ts"])).toEqual(["/d/x.ts", "/e/x.ts"]);
  });

  test("stored on the http level, parsed against the real prefix", () => {
    const { main, prefix } = loadOk('events {}\nhttp {\n lua_package_path "$prefix/lib/?.ts;;";\n}\n');
    const conf = tsMainConf(level(main, 1));
    expect(conf.packagePath).toEqual({
      raw: "$prefix/lib/?.ts;;",
      entries: [{ template: `${prefix}/lib/?.ts` }, { defaults: true }],
    });
  });

  test('an empty `lua_package_path "";` means no path (and allows a later one)', () => {
    const { main } = loadOk('events {}\nhttp {\n lua_package_path "";\n lua_package_path "/x/?.ts";\n}\n');
    expect(tsMainConf(level(main, 1)).packagePath?.entries).toEqual([{ template: "/x/?.ts" }]);
    const { main: m2 } = loadOk('events {}\nhttp {\n lua_package_path "";\n}\n');
    expect(tsMainConf(level(m2, 1)).packagePath).toBeNull();
  });
});
