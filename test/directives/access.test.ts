import { describe, expect, test } from "vitest";
import { ACCESS_RULES_SLOT, checkAccess, type AccessRule } from "../../src/directives/modules/access.js";
import { parseCidr, parseIPv4, parseIPv6 } from "../../src/directives/modules/inet-address.js";
import { at, loadOk, rejected } from "./http-modules-fixture.js";

const CONF = `events {}
http {
    allow 127.0.0.1;
    deny all;
    server {
        location /a {
            allow 10.1.2.3/8;
            allow 2001:db8::/32;
            allow unix:;
            deny all;
        }
        location /b {
        }
    }
}
`;

describe("allow/deny rules", () => {
  test("stored in conf order with parsed networks; low bits warned and cleared", () => {
    const { main, warnings } = loadOk(CONF);
    const rules = at(main, 0, 0).settings[ACCESS_RULES_SLOT] as AccessRule[];
    expect(rules.map((r) => [r.action, r.match])).toEqual([
      ["allow", "cidr"],
      ["allow", "cidr"],
      ["allow", "unix"],
      ["deny", "all"],
    ]);
    expect(rules[0]).toMatchObject({ cidr: { family: "ipv4", address: 0x0a000000, mask: 0xff000000 }, text: "10.1.2.3/8" });
    expect(rules[1]).toMatchObject({
      cidr: { family: "ipv6", address: 0x20010db8n << 96n, mask: ((1n << 32n) - 1n) << 96n },
    });
    expect(warnings).toEqual(["low address bits of 10.1.2.3/8 are meaningless"]);
  });

  test("a level with no rules inherits its parent's list whole; one with rules does not", () => {
    const { main } = loadOk(CONF);
    const http = at(main).settings[ACCESS_RULES_SLOT] as AccessRule[];
    expect(http.map((r) => r.action)).toEqual(["allow", "deny"]);
    expect(at(main, 0).settings[ACCESS_RULES_SLOT]).toBe(http);
    expect(at(main, 0, 1).settings[ACCESS_RULES_SLOT]).toBe(http);
    expect((at(main, 0, 0).settings[ACCESS_RULES_SLOT] as AccessRule[]).length).toBe(4);
  });

  test("the first rule of the client's family decides", () => {
    const { main } = loadOk(CONF);
    const rules = at(main, 0, 0).settings[ACCESS_RULES_SLOT] as AccessRule[];
    expect(checkAccess(rules, { address: "10.200.0.1" })).toBe("allow");
    expect(checkAccess(rules, { address: "11.0.0.1" })).toBe("deny");
    expect(checkAccess(rules, { address: "::ffff:10.0.0.9" })).toBe("allow");
    expect(checkAccess(rules, { address: "2001:db8:1::5" })).toBe("allow");
    expect(checkAccess(rules, { address: "2001:db9::5" })).toBe("deny");
    expect(checkAccess(rules, { unix: true })).toBe("allow");
    const v6only: AccessRule[] = [{ action: "deny", match: "cidr", cidr: parseCidr("::1")!.cidr, text: "::1" }];
    expect(checkAccess(v6only, { address: "127.0.0.1" })).toBeNull();
    expect(checkAccess(v6only, { address: "::1" })).toBe("deny");
  });

  test("nginx's messages", () => {
    const wrap = (rule: string) => `events {}\nhttp {\n    server {\n        ${rule}\n    }\n}\n`;
    expect(rejected(wrap("allow 10.0.0.0/33;"))).toBe('invalid parameter "10.0.0.0/33" @4');
    expect(rejected(wrap("deny unix:/tmp/s;"))).toBe('invalid parameter "unix:/tmp/s" @4');
    expect(rejected(wrap("deny localhost;"))).toBe('invalid parameter "localhost" @4');
  });
});

describe("address text as nginx reads it", () => {
  test("IPv4: empty octets are 0, no more than 255, and 255.255.255.255 is refused", () => {
    expect(parseIPv4("1..2.3")).toBe(0x01000203);
    expect(parseIPv4("01.2.3.4")).toBe(0x01020304);
    expect(parseIPv4("1.2.3")).toBeNull();
    expect(parseIPv4("1.2.3.4.")).toBeNull();
    expect(parseIPv4("1.2.3.256")).toBeNull();
    expect(parseIPv4("255.255.255.255")).toBeNull();
  });

  test("IPv6: one ::, at most 8 groups, a trailing dotted quad", () => {
    expect(parseIPv6("::")).toBe(0n);
    expect(parseIPv6("::1")).toBe(1n);
    expect(parseIPv6("1::")).toBe(1n << 112n);
    expect(parseIPv6("::ffff:1.2.3.4")).toBe((0xffffn << 32n) | 0x01020304n);
    expect(parseIPv6("1:2:3:4:5:6:1.2.3.4")).not.toBeNull();
    for (const bad of [":::", ":1", "1:", "1:2:3:4:5:6:7::", "12345::", "1:2:3:4:5:6:7:1.2.3.4", "a:b::c.d", "[::1]"]) {
      expect(parseIPv6(bad), bad).toBeNull();
    }
  });

  test("CIDR: mask bounds, host bits", () => {
    expect(parseCidr("0.0.0.0/0")).toEqual({ cidr: { family: "ipv4", address: 0, mask: 0 }, hostBitsSet: false });
    expect(parseCidr("1.2.3.4/0")?.hostBitsSet).toBe(true);
    expect(parseCidr("10.0.0.0/08")?.cidr).toEqual({ family: "ipv4", address: 0x0a000000, mask: 0xff000000 });
    expect(parseCidr("10.0.0.0/")).toBeNull();
    expect(parseCidr("::/129")).toBeNull();
    expect(parseCidr("1::/0")?.hostBitsSet).toBe(true);
  });
});
