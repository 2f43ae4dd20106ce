/**
 * `npm run restore` swaps the database file, and the sessions with it: the live sessions and the
 * account versions are carried across from the replaced file, so a restore keeps valid sessions valid
 * and does not bring back one ended after the backup was taken.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createSessionStore, type SessionStore } from "../../src/engine/auth/session-store.ts";
import { addAccount, updateAccount } from "../../src/engine/auth/users.ts";
import { backupDatabase, restoreDatabase } from "../../src/engine/operations/backup.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { embeddedState } from "../../src/store/state/embedded-state.ts";

const tmp = mkdtempSync(path.join(os.tmpdir(), "mm-restore-sessions-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const NOW = new Date("2026-03-02T09:00:00Z");
const storeOf = (db: Database): SessionStore => createSessionStore({ state: embeddedState(db), idleMs: 3_600_000, absoluteMs: 36_000_000, clock: () => NOW });
const PASSWORD = "lang genoeg wachtwoord";

describe("restoring a backup", () => {
  it("keeps the sessions live at the restore and leaves ended ones ended", async () => {
    const file = path.join(tmp, "monitor.duckdb");
    const backup = path.join(tmp, "backups", "nightly.duckdb");
    let db = await openDatabase(file);
    for (const name of ["anna", "bert", "cees"]) await addAccount(db, name, PASSWORD, "policy", NOW);
    let sessions = storeOf(db);
    const user = (username: string) => ({ username, role: "policy" as const });
    const loggedOut = (await sessions.create(user("anna"), 0))!;
    const ofDisabled = (await sessions.create(user("bert"), 0))!;
    const live = (await sessions.create(user("cees"), 0))!;
    await backupDatabase(db, backup);

    // After the backup: a logout, an account disabled, a new login, and a new account with a session.
    await sessions.destroy(loggedOut.id);
    await updateAccount(db, "bert", { disabled: true });
    await sessions.endSessionsOf("bert");
    const newer = (await sessions.create(user("anna"), 0))!;
    await addAccount(db, "dirk", PASSWORD, "policy", NOW);
    const ofNewAccount = (await sessions.create(user("dirk"), 0))!;
    await db.close();

    expect(await restoreDatabase(backup, file, NOW)).toMatchObject({ sessions: 2 });
    db = await openDatabase(file);
    try {
      sessions = storeOf(db);
      const valid = async (id: string) => (await sessions.touch(id)) !== null;
      expect({
        live: await valid(live.id),
        newer: await valid(newer.id),
        loggedOut: await valid(loggedOut.id),
        ofDisabled: await valid(ofDisabled.id),
        // The restored file has no such account: its session cannot stand.
        ofNewAccount: await valid(ofNewAccount.id),
      }).toEqual({ live: true, newer: true, loggedOut: false, ofDisabled: false, ofNewAccount: false });
      // The account is enabled again in the restored file; a login that read it before the change still loses.
      expect(await sessions.accountVersion("bert")).toBe(1);
      expect(await sessions.create(user("bert"), 0)).toBeNull();
    } finally {
      await db.close();
    }
  });

  it("keeps no session of the backup when there was no database to replace", async () => {
    const source = path.join(tmp, "source.duckdb");
    const backup = path.join(tmp, "backups", "second.duckdb");
    const db = await openDatabase(source);
    await addAccount(db, "anna", PASSWORD, "policy", NOW);
    const session = (await storeOf(db).create({ username: "anna", role: "policy" }, 0))!;
    await backupDatabase(db, backup);
    await db.close();

    const target = path.join(tmp, "new", "monitor.duckdb");
    expect(await restoreDatabase(backup, target, NOW)).toEqual({ replaced: null, sessions: 0 });
    const restored = await openDatabase(target);
    try {
      expect(await storeOf(restored).touch(session.id)).toBeNull();
    } finally {
      await restored.close();
    }
  });
});
