// How much of a request body each listening socket keeps in memory: the largest limit any
// location of any server it serves can need, within a ceiling.
import { describe, expect, test } from "vitest";
import { BODY_MEMORY_CEILING, bodyMemoryCap } from "../../src/runtime/plan/body-memory.js";
import { buildRuntimePlan } from "../../src/runtime/plan/runtime-plan.js";
import { loadHttp } from "../directives/http-core-fixture.js";

/** The cap of each socket of `body` (an http level), in socket order. */
function caps(body: string): number[] {
  const plan = buildRuntimePlan(loadHttp(body).conf);
  return plan.sockets.map((s) => bodyMemoryCap([s.own, ...s.byLocalAddress.values()].flatMap((a) => a.servers)));
}

describe("bodyMemoryCap", () => {
  test("nginx's default 1m where nothing is set", () => {
    expect(caps("server { listen 127.0.0.1:1; }")).toEqual([1024 * 1024]);
  });

  test("a location's limit above its server's, nested and named ones included", () => {
    expect(caps("server { listen 127.0.0.1:1; client_max_body_size 1k; location / { client_max_body_size 2m; } }")).toEqual([2 * 1024 * 1024]);
    expect(caps("server { listen 127.0.0.1:1; location / { location /a { client_max_body_size 3m; } } }")).toEqual([3 * 1024 * 1024]);
    expect(caps("server { listen 127.0.0.1:1; location @n { client_max_body_size 4m; } }")).toEqual([4 * 1024 * 1024]);
  });

  test("every server of the socket counts, not only its default one", () => {
    expect(caps("server { listen 127.0.0.1:1; } server { listen 127.0.0.1:1; server_name b; client_max_body_size 5m; }")).toEqual([5 * 1024 * 1024]);
  });

  test("servers on other sockets do not", () => {
    expect(caps("server { listen 127.0.0.1:1; } server { listen 127.0.0.1:2; client_max_body_size 5m; }")).toEqual([1024 * 1024, 5 * 1024 * 1024]);
  });

  test("no limit (0) and limits past the ceiling keep at most the ceiling", () => {
    expect(caps("server { listen 127.0.0.1:1; location / { client_max_body_size 0; } }")).toEqual([BODY_MEMORY_CEILING]);
    expect(caps("server { listen 127.0.0.1:1; client_max_body_size 1g; }")).toEqual([BODY_MEMORY_CEILING]);
  });
});
