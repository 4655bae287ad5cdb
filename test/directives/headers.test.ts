import { describe, expect, test } from "vitest";
import {
  ADD_HEADER_SLOT,
  ADD_TRAILER_SLOT,
  EXPIRES_SLOT,
  parseExpires,
  type AddedHeader,
  type ExpiresSpec,
} from "../../src/directives/modules/headers.js";
import { at, loadOk } from "./http-modules-fixture.js";

const CONF = `events {}
http {
    add_header X-A a;
    add_trailer X-T t;
    server {
        add_header X-B $host always;
        expires 1h;
        location /own {
            add_header X-C "";
            expires modified -5m;
        }
        location /inherit {
            expires $arg_e;
        }
        location /daily {
            expires @15h30m;
            if ($arg_x) {
                add_header X-If yes;
            }
        }
    }
}
`;

function names(v: unknown): string[] {
  return (v as AddedHeader[]).map((h) => h.name);
}

describe("add_header / add_trailer", () => {
  test("a level with its own add_header replaces the inherited list (nginx's array merge)", () => {
    const { main } = loadOk(CONF);
    expect(names(at(main).settings[ADD_HEADER_SLOT])).toEqual(["X-A"]);
    expect(names(at(main, 0).settings[ADD_HEADER_SLOT])).toEqual(["X-B"]);
    expect(names(at(main, 0, 0).settings[ADD_HEADER_SLOT])).toEqual(["X-C"]);
    expect(names(at(main, 0, 1).settings[ADD_HEADER_SLOT])).toEqual(["X-B"]);
    expect(names(at(main, 0, 2, 0).settings[ADD_HEADER_SLOT])).toEqual(["X-If"]);
  });

  test("trailers merge on their own: add_header below does not hide them", () => {
    const { main } = loadOk(CONF);
    expect(names(at(main, 0, 0).settings[ADD_TRAILER_SLOT])).toEqual(["X-T"]);
  });

  test("values are compiled; always is kept", () => {
    const { main } = loadOk(CONF);
    const [b] = at(main, 0).settings[ADD_HEADER_SLOT] as AddedHeader[];
    expect(b).toEqual({ name: "X-B", always: true, value: { raw: "$host", parts: [{ variable: "host" }], constant: false } });
    const [c] = at(main, 0, 0).settings[ADD_HEADER_SLOT] as AddedHeader[];
    expect(c!.value).toEqual({ raw: "", parts: [], constant: true });
    expect(c!.always).toBe(false);
  });
});

describe("expires", () => {
  test("stored per level and inherited; off by default", () => {
    const { main } = loadOk(CONF);
    expect(at(main).settings[EXPIRES_SLOT]).toEqual({ kind: "off" });
    expect(at(main, 0).settings[EXPIRES_SLOT]).toEqual({ kind: "access", seconds: 3600 });
    expect(at(main, 0, 0).settings[EXPIRES_SLOT]).toEqual({ kind: "modified", seconds: -300 });
    expect(at(main, 0, 1).settings[EXPIRES_SLOT]).toMatchObject({ kind: "variable", modified: false });
    expect(at(main, 0, 2).settings[EXPIRES_SLOT]).toEqual({ kind: "daily", seconds: 15 * 3600 + 30 * 60 });
    expect(at(main, 0, 2, 0).settings[EXPIRES_SLOT]).toEqual({ kind: "daily", seconds: 15 * 3600 + 30 * 60 });
  });

  test("parseExpires follows nginx's rules (also for values with variables at run time)", () => {
    const cases: [string, boolean, ExpiresSpec | string][] = [
      ["epoch", false, { kind: "epoch" }],
      ["max", false, { kind: "max" }],
      ["off", false, { kind: "off" }],
      ["max", true, "invalid value"],
      ["+1d", false, { kind: "access", seconds: 86400 }],
      ["0", false, { kind: "access", seconds: 0 }],
      ["@24h", false, { kind: "daily", seconds: 86400 }],
      ["@24h1s", false, "daily time value must be less than 24 hours"],
      ["@1h", true, 'daily time cannot be used with "modified" parameter'],
      ["@-1h", false, "invalid value"],
      ["", false, "invalid value"],
    ];
    for (const [text, modified, want] of cases) expect(parseExpires(text, modified), text).toEqual(want);
  });
});
