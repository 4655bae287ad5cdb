import { describe, expect, test } from "vitest";
import { makePeer, PeerGroup, PeerPicker } from "../../src/runtime/proxy/upstream-peers.js";

function group(weights: number[], backup: number[] = []): PeerGroup {
  const peers = weights.map((w, i) => makePeer("inet", `127.0.0.${i + 1}`, 80, { weight: w, maxFails: 1, failTimeout: 10, maxConns: 0, down: false }));
  const backups = backup.map((w, i) => makePeer("inet", `127.0.1.${i + 1}`, 80, { weight: w, maxFails: 1, failTimeout: 10, maxConns: 0, down: false }));
  return new PeerGroup("up", peers, backups.length > 0 ? new PeerGroup("up", backups, null, true) : null);
}

/** The first pick of `n` requests in a row, each released as `ok`. */
function sequence(g: PeerGroup, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const picker = new PeerPicker(g, 0);
    const p = picker.pick()!;
    out.push(p.name);
    picker.release(p, "ok");
  }
  return out;
}

describe("PeerPicker", () => {
  test("smooth weighted round robin (nginx's order for 5:1:1)", () => {
    expect(sequence(group([5, 1, 1]), 7)).toEqual([
      "127.0.0.1:80", "127.0.0.1:80", "127.0.0.2:80", "127.0.0.1:80", "127.0.0.3:80", "127.0.0.1:80", "127.0.0.1:80",
    ]);
  });

  test("one request never picks the same server twice; tries count servers", () => {
    const picker = new PeerPicker(group([1, 1, 1]), 0);
    expect(picker.tries).toBe(3);
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const p = picker.pick()!;
      seen.add(p.name);
      picker.release(p, "failed");
    }
    expect(seen.size).toBe(3);
    expect(picker.tries).toBe(0);
  });

  test("proxy_next_upstream_tries limits the tries", () => {
    expect(new PeerPicker(group([1, 1, 1]), 2).tries).toBe(2);
  });

  test("a failed server is skipped by later requests until fail_timeout", () => {
    const g = group([1, 1]);
    const first = new PeerPicker(g, 0);
    const p = first.pick()!;
    expect(first.release(p, "failed")).toBe(true);
    for (const name of sequence(g, 4)) expect(name).not.toBe(p.name);
  });

  test("backups only when every primary failed; then none live", () => {
    const g = group([1], [1]);
    const picker = new PeerPicker(g, 0);
    expect(picker.tries).toBe(2);
    const a = picker.pick()!;
    expect(a.name).toBe("127.0.0.1:80");
    picker.release(a, "failed");
    const b = picker.pick()!;
    expect(b.name).toBe("127.0.1.1:80");
    picker.release(b, "failed");
    expect(picker.pick()).toBeNull();
    expect(picker.busyName).toBe("up");
  });

  test("a lone server is never marked failed and leaves no tries", () => {
    const g = group([1]);
    const picker = new PeerPicker(g, 0);
    const p = picker.pick()!;
    expect(picker.release(p, "failed")).toBe(false);
    expect(picker.tries).toBe(0);
    expect(new PeerPicker(g, 0).pick()?.name).toBe("127.0.0.1:80");
  });

  test("down servers are not tried", () => {
    const down = makePeer("inet", "127.0.0.9", 80, { weight: 1, maxFails: 1, failTimeout: 10, maxConns: 0, down: true });
    const up = makePeer("inet", "127.0.0.8", 80);
    const picker = new PeerPicker(new PeerGroup("d", [down, up], null), 0);
    expect(picker.tries).toBe(1);
    expect(picker.pick()?.name).toBe("127.0.0.8:80");
  });

  test("peer names as nginx logs them", () => {
    expect(makePeer("inet6", "::1", 8080).name).toBe("[::1]:8080");
    expect(makePeer("inet6", "[::1]", 8080).endpoint).toEqual({ kind: "inet", host: "::1", port: 8080 });
    expect(makePeer("unix", "/tmp/s.sock", 0).name).toBe("unix:/tmp/s.sock");
  });
});
