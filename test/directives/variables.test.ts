import { describe, expect, test } from "vitest";
import { ConfError } from "../../src/directives/errors.js";
import { ConfLoader } from "../../src/directives/loader.js";
import {
  checkUnknownVariables,
  compileComplexValue,
  defineChangeableVariable,
  defineRegexCaptures,
  isKnownVariable,
} from "../../src/directives/variables.js";

function newLoader(): ConfLoader {
  return new ConfLoader({ prefix: "/p/", confPrefix: "/p/conf", modules: [] });
}

function compile(raw: string, loader = newLoader()) {
  return compileComplexValue(raw, loader);
}

function compileError(raw: string): string {
  try {
    compile(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfError);
    expect((e as ConfError).place).toBeUndefined();
    return (e as ConfError).message;
  }
  throw new Error(`"${raw}" compiled`);
}

describe("compileComplexValue parts", () => {
  test("a value without $ is constant text", () => {
    expect(compile("plain {text}")).toEqual({ raw: "plain {text}", parts: [{ text: "plain {text}" }], constant: true });
    expect(compile("")).toEqual({ raw: "", parts: [], constant: true });
  });

  test("variables, braces and captures, names lower-cased", () => {
    expect(compile("a$URI-${Host}x$1$9b").parts).toEqual([
      { text: "a" },
      { variable: "uri" },
      { text: "-" },
      { variable: "host" },
      { text: "x" },
      { capture: 1 },
      { capture: 9 },
      { text: "b" },
    ]);
    expect(compile("$uri").constant).toBe(false);
    expect(compile("$1").constant).toBe(false);
  });

  test("a name ends at the first byte outside [A-Za-z0-9_]", () => {
    expect(compile("$request_uri.html").parts).toEqual([{ variable: "request_uri" }, { text: ".html" }]);
    expect(compile("$a$b").parts).toEqual([{ variable: "a" }, { variable: "b" }]);
    expect(compile("$12").parts).toEqual([{ capture: 1 }, { text: "2" }]);
  });

  test("$0 and ${1} are variables named 0 and 1, not captures", () => {
    expect(compile("$0").parts).toEqual([{ variable: "0" }]);
    expect(compile("${1}").parts).toEqual([{ variable: "1" }]);
  });

  test("bad references give nginx's messages", () => {
    expect(compileError("a$")).toBe("invalid variable name");
    expect(compileError("$-")).toBe("invalid variable name");
    expect(compileError("x${")).toBe("invalid variable name");
    expect(compileError("${}")).toBe("invalid variable name");
    expect(compileError("${uri")).toBe('the closing bracket in "uri" variable is missing');
    expect(compileError("${uri-x}")).toBe('the closing bracket in "uri" variable is missing');
    expect(compileError("${-}")).toBe('the closing bracket in "" variable is missing');
  });
});

describe("variable definitions and the unknown-variable check", () => {
  test("unknown names are reported in order of first use, lower-cased, without a place", () => {
    const loader = newLoader();
    compile("$Zeta $uri", loader);
    compile("$alpha $zeta", loader);
    let err: ConfError | undefined;
    try {
      checkUnknownVariables(loader);
    } catch (e) {
      err = e as ConfError;
    }
    expect(err?.message).toBe('unknown "zeta" variable');
    expect(err?.place).toBeNull();
  });

  test("a name defined after its use is known; definitions fold case", () => {
    const loader = newLoader();
    compile("$late", loader);
    defineChangeableVariable(loader, "LATE");
    expect(() => checkUnknownVariables(loader)).not.toThrow();
  });

  test("built-ins, prefixes (even bare) and case", () => {
    const loader = newLoader();
    for (const n of ["uri", "URI", "proxy_add_x_forwarded_for", "realip_remote_addr", "upstream_cache_etag"]) {
      expect(isKnownVariable(loader, n)).toBe(true);
    }
    for (const n of ["arg_", "arg_id", "Http_User_Agent", "cookie_sid", "sent_trailer_x", "upstream_cookie_x"]) {
      expect(isKnownVariable(loader, n)).toBe(true);
    }
    for (const n of ["ssl_protocol", "gzip_ratio", "0", "{uri}", "proxy_protocol_tlv_x"]) {
      expect(isKnownVariable(loader, n)).toBe(false);
    }
  });

  test("assigning: read-only built-ins and the empty name are refused", () => {
    const loader = newLoader();
    expect(() => defineChangeableVariable(loader, "URI")).toThrow('the duplicate "URI" variable');
    expect(() => defineChangeableVariable(loader, "http_host")).toThrow('the duplicate "http_host" variable');
    expect(() => defineChangeableVariable(loader, "")).toThrow('invalid variable name "$"');
    for (const n of ["args", "limit_rate", "proxy_host", "proxy_port", "http_x", "a-b", "x", "x"]) {
      expect(() => defineChangeableVariable(loader, n)).not.toThrow();
    }
  });

  test("named captures define variables and may not shadow read-only built-ins", () => {
    const loader = newLoader();
    defineRegexCaptures(loader, [{ name: "Slug" }]);
    expect(isKnownVariable(loader, "slug")).toBe(true);
    expect(() => defineRegexCaptures(loader, [{ name: "ok" }, { name: "status" }])).toThrow(
      'the duplicate "status" variable',
    );
  });
});
