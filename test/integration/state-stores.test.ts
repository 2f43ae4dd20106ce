/**
 * The state stores (sessions, login throttle, audit log, accounts, alerts) run the same tests against
 * both state databases: the embedded DuckDB file and a real PostgreSQL (test/support/postgres.ts).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAlertStore } from "../../src/engine/alerts/alert-store.ts";
import { createAuditLog } from "../../src/engine/auth/audit-log.ts";
import { resolveSsoUser } from "../../src/engine/auth/oidc-users.ts";
import { createSessionStore, LAST_SEEN_WRITE_MS } from "../../src/engine/auth/session-store.ts";
import { createStoredLoginThrottle } from "../../src/engine/auth/stored-login-throttle.ts";
import { addAccount, authenticate, ensureDemoUsers, listAccounts, recordLogin, updateAccount } from "../../src/engine/auth/users.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { embeddedState } from "../../src/store/state/embedded-state.ts";
import { openPostgresState } from "../../src/store/state/postgres-state.ts";
import type { StateDb } from "../../src/store/state/state-db.ts";
import { startPostgres, type Postgres } from "../support/postgres.ts";
import { migrateState } from "../../src/store/state/migrate-state.ts";
import pg from "pg";

const MINUTE = 60_000;
let postgres: Postgres;
let duckdb: Database;
const opened: StateDb[] = [];

beforeAll(async () => {
  [postgres, duckdb] = await Promise.all([startPostgres(), openDatabase(":memory:")]);
});
afterAll(async () => {
  for (const state of opened) await state.close();
  await duckdb?.close();
  await postgres?.stop();
});

/** A fresh state database per test: a new PostgreSQL database, or the one DuckDB with its rows cleared. */
const backends: Record<string, (name: string) => Promise<StateDb>> = {
  embedded: async () => {
    for (const table of ["sessions", "account_versions", "login_attempts", "audit_log", "alerts", "oidc_users", "users"])
      await duckdb.query(`DELETE FROM meta.${table}`);
    return embeddedState(duckdb);
  },
  postgres: async (name) => {
    const state = await openPostgresState(await postgres.createDatabase(name));
    opened.push(state);
    return state;
  },
};
let databases = 0;

function clockAt(start: string) {
  let now = new Date(start).getTime();
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms) };
}

describe.each(Object.keys(backends))("with the %s state database", (backend) => {
  const fresh = () => backends[backend]!(`test_${++databases}`);

  describe("sessions", () => {
    const storeOn = (state: StateDb, start = "2026-01-05T08:00:00Z") => {
      const { clock, advance } = clockAt(start);
      return { store: createSessionStore({ state, idleMs: 30 * MINUTE, absoluteMs: 10 * 60 * MINUTE, clock }), advance };
    };

    it("ends a session after 30 idle minutes, keeps one that is used, and ends even a busy one after 10 hours", async () => {
      const { store, advance } = storeOn(await fresh());
      const idle = (await store.create({ username: "a", role: "policy" }, 0))!;
      const busy = (await store.create({ username: "b", role: "policy" }, 0))!;
      for (let i = 0; i < 3; i++) {
        advance(20 * MINUTE);
        expect(await store.touch(busy.id)).toMatchObject({ username: "b", role: "policy", csrfToken: busy.csrfToken });
      }
      expect(await store.touch(idle.id)).toBeNull();
      for (let i = 0; i < 18; i++) {
        advance(29 * MINUTE);
        expect(await store.touch(busy.id)).not.toBeNull();
      }
      advance(29 * MINUTE);
      expect(await store.touch(busy.id)).toBeNull();
    });

    it("stores only the token's SHA-256, writes the last use at most every 30 s, and is read by a new store (a restart)", async () => {
      const state = await fresh();
      const { store, advance } = storeOn(state);
      const session = (await store.create({ username: "a", role: "analyst" }, 0))!;
      expect(session.id).toMatch(/^[\w-]{43}$/);
      const rows = await state.query("SELECT token_hash, last_seen_at FROM meta.sessions");
      expect(rows.map((r) => r.token_hash)).toEqual([createHash("sha256").update(session.id).digest("hex")]);
      const lastSeen = async () => ((await state.query("SELECT last_seen_at FROM meta.sessions"))[0]!.last_seen_at as Date).toISOString();
      advance(LAST_SEEN_WRITE_MS - 1000);
      await store.touch(session.id);
      expect(await lastSeen()).toBe("2026-01-05T08:00:00.000Z");
      advance(1000);
      await store.touch(session.id);
      expect(await lastSeen()).toBe("2026-01-05T08:00:30.000Z");
      const restarted = storeOn(state, "2026-01-05T08:20:00Z").store;
      expect(await restarted.touch(session.id)).toMatchObject({ username: "a", role: "analyst", csrfToken: session.csrfToken });
      await restarted.destroy(session.id);
      expect(await store.touch(session.id)).toBeNull();
    });

    it("gives every session a new random id and token, and ends all of one user's sessions at once", async () => {
      const { store } = storeOn(await fresh());
      const [a1, a2, b] = [
        (await store.create({ username: "a", role: "permit" }, 0))!,
        (await store.create({ username: "a", role: "permit" }, 0))!,
        (await store.create({ username: "b", role: "permit" }, 0))!,
      ];
      expect(new Set([a1.id, a2.id, b.id, a1.csrfToken]).size).toBe(4);
      expect(await store.endSessionsOf("a")).toBe(2);
      expect([await store.touch(a1.id), await store.touch(a2.id)]).toEqual([null, null]);
      expect(await store.touch(b.id)).not.toBeNull();
    });

    it("refuses a session for an account read before its sessions were ended, and stores one read after", async () => {
      const { store } = storeOn(await fresh());
      const readBefore = await store.accountVersion("a");
      await store.endSessionsOf("a");
      expect(await store.create({ username: "a", role: "admin" }, readBefore)).toBeNull();
      const readAfter = await store.accountVersion("a");
      expect(readAfter).not.toBe(readBefore);
      const session = await store.create({ username: "a", role: "policy" }, readAfter);
      expect(session && (await store.touch(session.id))?.role).toBe("policy");
      const readB = await store.accountVersion("b");
      await store.endSessionsOf("a");
      expect(await store.create({ username: "b", role: "permit" }, readB)).not.toBeNull();
    });

    it("lets no login that read the account before an account change keep a session, however they interleave", async () => {
      const state = await fresh();
      // Two processes: two stores on one database.
      const [one, two] = [storeOn(state).store, storeOn(state).store];
      for (let round = 0; round < 5; round++) {
        const read = await one.accountVersion("race");
        const logins = Array.from({ length: 8 }, (_, i) => (i % 2 ? one : two).create({ username: "race", role: "policy" }, read));
        const [ended, ...created] = await Promise.all([two.endSessionsOf("race"), ...logins]);
        const stored = created.filter((s) => s !== null);
        // Every login either lost (null), or was stored before the change and ended by it.
        expect(ended).toBe(stored.length);
        for (const session of stored) expect(await one.touch(session.id)).toBeNull();
      }
    });
  });

  describe("the stored login throttle", () => {
    it("admits `limit` attempts per key in the window, counted across processes, and takes back a given-back one", async () => {
      const state = await fresh();
      const { clock, advance } = clockAt("2026-01-05T08:00:00Z");
      const [one, two] = [
        createStoredLoginThrottle(state, { limit: 3, windowMs: MINUTE, clock }),
        createStoredLoginThrottle(state, { limit: 3, windowMs: MINUTE, clock }),
      ];
      const keys = ["user:a", "ip:1"];
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? one : two).begin(keys)));
      expect(results.filter((r) => r.admitted)).toHaveLength(3);
      expect(results.find((r) => !r.admitted)).toEqual({ admitted: false, retryAfterSeconds: 60 });
      // Another user from another address is not held up.
      expect((await one.begin(["user:b", "ip:2"])).admitted).toBe(true);
      const admitted = results.find((r) => r.admitted)!;
      await two.giveBack(admitted.admitted ? admitted.attempt : (undefined as never));
      expect((await one.begin(keys)).admitted).toBe(true);
      expect((await one.begin(keys)).admitted).toBe(false);
      advance(20_000);
      expect(await two.begin(["ip:1"])).toEqual({ admitted: false, retryAfterSeconds: 40 });
      advance(40_000);
      expect((await two.begin(keys)).admitted).toBe(true);
    });
  });

  describe("the audit log", () => {
    it("records entries in order and lists them filtered and paged, newest first", async () => {
      const state = await fresh();
      const { clock, advance } = clockAt("2026-03-01T22:30:00Z");
      const audit = createAuditLog(state, clock);
      await audit.record({ username: "Anna", role: "admin" }, "login", "password");
      advance(3_600_000);
      await audit.record({ username: "bob", role: "permit" }, "view-establishment", "E_100%");
      advance(86_400_000);
      await audit.record({ username: "anna", role: "admin" }, "user-add", "bob\nforged");
      const all = await audit.list({ limit: 10, offset: 0 }, {});
      expect(all.total).toBe(3);
      expect(all.entries.map((e) => [e.at, e.username, e.action, e.subject])).toEqual([
        ["2026-03-02T23:30:00Z", "anna", "user-add", "bob\\u000aforged"],
        ["2026-03-01T23:30:00Z", "bob", "view-establishment", "E_100%"],
        ["2026-03-01T22:30:00Z", "Anna", "login", "password"],
      ]);
      const subjects = async (filter: Parameters<typeof audit.list>[0]) => (await audit.list(filter, {})).entries.map((e) => e.subject);
      expect(await subjects({ user: "ANNA", limit: 10, offset: 0 })).toEqual(["bob\\u000aforged", "password"]);
      expect(await subjects({ action: ["login", "view-establishment"], limit: 10, offset: 0 })).toEqual(["E_100%", "password"]);
      expect(await subjects({ subject: "0%", limit: 10, offset: 0 })).toEqual(["E_100%"]);
      expect(await subjects({ subject: "E_1", limit: 10, offset: 0 })).toEqual(["E_100%"]);
      expect(await subjects({ subject: "EX1", limit: 10, offset: 0 })).toEqual([]);
      // 2026-03-01 22:30 UTC is 23:30 on 1 March in Amsterdam; 23:30 UTC is already 2 March there.
      expect(await subjects({ from: "2026-03-02", to: "2026-03-02", limit: 10, offset: 0 })).toEqual(["E_100%"]);
      expect(await subjects({ q: "BOB", limit: 10, offset: 0 })).toEqual(["bob\\u000aforged", "E_100%"]);
      expect(await audit.list({ limit: 1, offset: 1 }, {})).toMatchObject({ total: 3, entries: [{ username: "bob" }] });
      expect(await audit.list({ limit: 10, offset: 5 }, {})).toEqual({ total: 3, entries: [] });
    });
  });

  describe("accounts", () => {
    it("adds, authenticates, changes and lists accounts, with the times as the API writes them", async () => {
      const state = await fresh();
      await addAccount(state, "inge", "groene daken 2030", "policy", new Date("2026-01-05T08:00:00.250Z"));
      await expect(addAccount(state, "inge", "groene daken 2030", "policy", new Date())).rejects.toThrow(/inge/);
      expect(await authenticate(state, "inge", "groene daken 2030")).toEqual({ username: "inge", role: "policy" });
      expect(await authenticate(state, "inge", "fout wachtwoord!!")).toBeNull();
      await recordLogin(state, "inge", new Date("2026-01-06T09:10:11.900Z"));
      await updateAccount(state, "inge", { role: "analyst", disabled: true });
      expect(await authenticate(state, "inge", "groene daken 2030")).toBeNull();
      expect(await listAccounts(state)).toEqual([
        { username: "inge", role: "analyst", disabled: true, createdAt: "2026-01-05T08:00:00Z", lastLoginAt: "2026-01-06T09:10:11Z", sso: false },
      ]);
    });

    it("makes one account for six first single sign-on logins of one subject at once", async () => {
      const state = await fresh();
      const identity = { issuer: "https://idp.example", subject: "sub-race", claims: { preferred_username: "Race" } };
      const logins = await Promise.all(Array.from({ length: 6 }, () => resolveSsoUser(state, identity, "policy", new Date("2026-01-05T08:00:00Z"))));
      expect(new Set(logins.map((l) => ("user" in l ? l.user.username : l.refused)))).toEqual(new Set(["sso:race"]));
      expect(await listAccounts(state)).toMatchObject([{ username: "sso:race", role: "policy", sso: true }]);
      const other = { ...identity, subject: "sub-other" };
      expect(await resolveSsoUser(state, other, "admin", new Date())).toMatchObject({ user: { username: "sso:race-2", role: "admin" } });
    });
  });

  describe("alerts", () => {
    it("opens, resolves and lists alerts by kind", async () => {
      const store = createAlertStore(await fresh());
      const condition = (rule: string, kind: "pipeline-failed" | "station-24h") => ({
        rule,
        kind,
        subject: rule,
        message: { nl: `nl ${rule}`, en: `en ${rule}` },
        details: { n: 1 },
      });
      const first = await store.insert(condition("r1", "pipeline-failed"), new Date("2026-01-05T08:00:00.500Z"), "pending");
      expect(first).toMatchObject({
        rule: "r1",
        openedAt: "2026-01-05T08:00:00Z",
        resolvedAt: null,
        details: { n: 1 },
        delivery: { status: "pending", attempts: 0 },
      });
      await store.insert(condition("r2", "station-24h"), new Date("2026-01-05T09:00:00Z"), "none");
      await store.recordDelivery(first.id, "opened", "delivered", 1, null);
      expect((await store.pendingDeliveries()).map((a) => a.rule)).toEqual([]);
      const resolved = await store.resolve(first.id, new Date("2026-01-05T10:00:00Z"), "pending");
      expect(resolved).toMatchObject({ resolvedAt: "2026-01-05T10:00:00Z", delivery: { event: "resolved", status: "pending" } });
      expect((await store.open()).map((a) => a.rule)).toEqual(["r2"]);
      expect((await store.list(["pipeline-failed", "station-24h"], "all", {})).map((a) => a.rule)).toEqual(["r2", "r1"]);
      expect((await store.list(["station-24h"], "open", {})).map((a) => a.rule)).toEqual(["r2"]);
      expect(await store.list([], "all", {})).toEqual([]);
    });
  });
});

describe("PostgreSQL only", () => {
  it("lets a writer and two readers ensure the demo accounts at the same moment", async () => {
    const state = await openPostgresState(await postgres.createDatabase("demo_accounts"));
    opened.push(state);
    await Promise.all([1, 2, 3].map(() => ensureDemoUsers(state, new Date("2026-01-05T08:00:00Z"))));
    expect((await listAccounts(state)).map((a) => a.username)).toEqual(["admin", "analyst", "permit", "policy"]);
  });

  it("migrates once when three processes start at the same moment", async () => {
    const url = await postgres.createDatabase("three_at_once");
    const states = await Promise.all([1, 2, 3].map(() => openPostgresState(url)));
    opened.push(...states);
    expect(await states[0]!.query("SELECT version, name FROM meta.schema_migrations")).toEqual([{ version: 1, name: "0001-state.sql" }]);
    const pool = new pg.Pool({ connectionString: url });
    try {
      expect(await migrateState(pool)).toEqual([]);
    } finally {
      await pool.end();
    }
  });

  it("lets `npm run users` manage accounts in PostgreSQL without the DuckDB file, ending a changed account's sessions", async () => {
    const url = await postgres.createDatabase("users_cli");
    const dir = mkdtempSync(path.join(os.tmpdir(), "mm-users-pg-"));
    const file = path.join(dir, "never-opened.duckdb");
    const cli = (args: string[], stdin = "") =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ["--import", "tsx", "src/app/cli/users.ts", ...args], {
          cwd: path.resolve(import.meta.dirname, "../.."),
          env: { ...process.env, MM_DB: file, MM_STATE_URL: url },
        });
        let [stdout, stderr] = ["", ""];
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("close", (code) => resolve({ code, stdout, stderr }));
        child.stdin.end(stdin);
      });
    try {
      expect(await cli(["add", "anna", "--role", "analyst"], "lange zin als wachtwoord\n")).toMatchObject({ code: 0, stdout: "added anna\n" });
      const state = await openPostgresState(url);
      opened.push(state);
      const sessions = createSessionStore({ state, idleMs: 3_600_000, absoluteMs: 36_000_000, clock: () => new Date() });
      const session = (await sessions.create({ username: "anna", role: "analyst" }, 0))!;
      expect(await cli(["disable", "anna"])).toMatchObject({ code: 0, stdout: "disable: anna done; 1 session(s) ended\n" });
      expect(await sessions.touch(session.id)).toBeNull();
      expect((await cli(["list"])).stdout).toMatch(/^anna\s+analyst\s+true\s/m);
      expect(existsSync(file)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
