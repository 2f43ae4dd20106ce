import { describe, expect, it } from "vitest";
import { createSessionStore } from "../../../src/engine/auth/session-store.ts";

const MINUTE = 60_000;

function storeAt(start: string) {
  let now = new Date(start).getTime();
  const store = createSessionStore({ idleMs: 30 * MINUTE, absoluteMs: 10 * 60 * MINUTE, clock: () => new Date(now) });
  return { store, advance: (ms: number) => (now += ms) };
}

describe("the session store", () => {
  it("ends a session after 30 idle minutes, and keeps one that is used", () => {
    const { store, advance } = storeAt("2026-01-05T08:00:00Z");
    const idle = store.create({ username: "a", role: "policy" }, 0)!;
    const busy = store.create({ username: "b", role: "policy" }, 0)!;
    for (let i = 0; i < 3; i++) {
      advance(20 * MINUTE);
      expect(store.touch(busy.id)).not.toBeNull();
    }
    expect(store.touch(idle.id)).toBeNull();
  });

  it("ends even a busy session after 10 hours", () => {
    const { store, advance } = storeAt("2026-01-05T08:00:00Z");
    const session = store.create({ username: "a", role: "policy" }, 0)!;
    for (let i = 0; i < 20; i++) {
      advance(29 * MINUTE);
      store.touch(session.id);
    }
    advance(29 * MINUTE);
    expect(store.touch(session.id)).toBeNull();
  });

  it("gives every session a new random id and token, and ends all of one user's sessions at once", () => {
    const { store } = storeAt("2026-01-05T08:00:00Z");
    const [a1, a2, b] = [
      store.create({ username: "a", role: "permit" }, 0)!,
      store.create({ username: "a", role: "permit" }, 0)!,
      store.create({ username: "b", role: "permit" }, 0)!,
    ];
    expect(new Set([a1.id, a2.id, b.id, a1.csrfToken]).size).toBe(4);
    expect(a1.id).toMatch(/^[\w-]{43}$/);
    expect(store.endSessionsOf("a")).toBe(2);
    expect([store.touch(a1.id), store.touch(a2.id)]).toEqual([null, null]);
    expect(store.touch(b.id)).not.toBeNull();
  });

  it("refuses a session for an account read before its sessions were ended, and stores one read after", () => {
    const { store } = storeAt("2026-01-05T08:00:00Z");
    const readBefore = store.accountVersion("a");
    // An admin changes the account while the login is still checking the password.
    store.endSessionsOf("a");
    expect(store.create({ username: "a", role: "admin" }, readBefore)).toBeNull();
    const readAfter = store.accountVersion("a");
    expect(readAfter).not.toBe(readBefore);
    const session = store.create({ username: "a", role: "policy" }, readAfter);
    expect(session && store.touch(session.id)?.role).toBe("policy");
    // Another account's change does not touch this one's logins.
    const readB = store.accountVersion("b");
    store.endSessionsOf("a");
    expect(store.create({ username: "b", role: "permit" }, readB)).not.toBeNull();
  });
});
