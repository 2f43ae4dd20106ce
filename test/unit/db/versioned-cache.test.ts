import { describe, expect, it } from "vitest";
import { createVersionedCache } from "../../../src/store/versioned-cache.ts";

describe("createVersionedCache", () => {
  it("computes once per key and version, sharing concurrent calls", async () => {
    const cache = createVersionedCache<number>();
    let calls = 0;
    const compute = async () => ++calls;
    const [a, b] = await Promise.all([cache.get("k", "1", compute), cache.get("k", "1", compute)]);
    expect([a, b, calls]).toEqual([1, 1, 1]);
    expect(await cache.get("k", "2", compute)).toBe(2);
    expect(await cache.get("other", "2", compute)).toBe(3);
  });

  it("forgets a failed computation", async () => {
    const cache = createVersionedCache<string>();
    await expect(cache.get("k", "1", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await cache.get("k", "1", async () => "ok")).toBe("ok");
  });

  it("keeps at most maxEntries, dropping the oldest", async () => {
    const cache = createVersionedCache<string>(2);
    let calls = 0;
    const compute = async () => `v${++calls}`;
    await cache.get("a", "1", compute);
    await cache.get("b", "1", compute);
    await cache.get("c", "1", compute);
    expect(await cache.get("b", "1", compute)).toBe("v2");
    expect(await cache.get("a", "1", compute)).toBe("v4");
  });
});
