/**
 * Server-side sessions in the state database (meta.sessions), so a restart keeps everyone logged in
 * and several processes share them (ADR 0028). The cookie holds a random 256-bit token; the table
 * holds only its SHA-256, so a copy of the database (a backup) holds no usable session.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Role } from "../../ground/contract/contract.ts";
import type { StateDb, StateTransaction } from "../../store/state/state-db.ts";
import { millisOf, utcTimestamp } from "../../store/state/timestamps.ts";
import type { User } from "./users.ts";

export interface Session extends User {
  /** The token in the cookie; never stored. */
  id: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionStore {
  /**
   * How often this account's sessions were ended (disabled, role or password changed). A login reads
   * it before it reads the account, and hands it to `create`.
   */
  accountVersion(username: string): Promise<number>;
  /**
   * A new session, or null when the account changed after `accountVersion` was read: the login read
   * an account that no longer exists as it was, and must read it again. The version is checked and
   * the session stored in one transaction that `endSessionsOf` cannot fall into.
   */
  create(user: User, accountVersion: number): Promise<Session | null>;
  /** The live session for this token, its idle timer renewed; expired sessions are removed. */
  touch(id: string): Promise<Session | null>;
  destroy(id: string): Promise<void>;
  /** Ends every session of this user at once, and of every login still in flight for it. */
  endSessionsOf(username: string): Promise<number>;
}

/**
 * Last use is written at most this often per session, not on every request: the idle timeout is
 * measured in minutes, and a write per request would make every page view a database write.
 */
export const LAST_SEEN_WRITE_MS = 30_000;
/** Expired rows are deleted when read, and all at once at most this often (at a login). */
const SWEEP_MS = 60_000;

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");
/** The lock that orders a login's check-and-store against an account change. */
const accountLock = (tx: StateTransaction, username: string) => tx.lock(`session:${username}`);

async function versionIn(db: Pick<StateTransaction, "query">, username: string): Promise<number> {
  const [row] = await db.query("SELECT version FROM meta.account_versions WHERE username = $1", [username]);
  return row ? Number(row.version) : 0;
}

export function createSessionStore({
  state,
  idleMs,
  absoluteMs,
  clock,
}: {
  state: StateDb;
  idleMs: number;
  absoluteMs: number;
  clock: () => Date;
}): SessionStore {
  let lastSweep = -Infinity;
  const expired = (now: number, createdAt: number, lastSeenAt: number) => now - lastSeenAt > idleMs || now - createdAt > absoluteMs;
  const remove = (hash: string) => state.transaction((tx) => tx.query("DELETE FROM meta.sessions WHERE token_hash = $1", [hash]));

  async function sweepIfDue(now: number) {
    if (now - lastSweep < SWEEP_MS) return;
    lastSweep = now;
    await state.transaction((tx) =>
      tx.query("DELETE FROM meta.sessions WHERE last_seen_at < $1::TIMESTAMP OR created_at < $2::TIMESTAMP", [
        utcTimestamp(now - idleMs),
        utcTimestamp(now - absoluteMs),
      ]),
    );
  }

  return {
    accountVersion: (username) => versionIn(state, username),

    async create(user, readVersion) {
      const now = clock().getTime();
      await sweepIfDue(now);
      const session: Session = { username: user.username, role: user.role, id: newToken(), csrfToken: newToken(), createdAt: now, lastSeenAt: now };
      const stored = await state.transaction(async (tx) => {
        await accountLock(tx, user.username);
        if ((await versionIn(tx, user.username)) !== readVersion) return false;
        await tx.query(
          "INSERT INTO meta.sessions (token_hash, csrf_token, username, role, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5::TIMESTAMP, $5::TIMESTAMP)",
          [hashOf(session.id), session.csrfToken, session.username, session.role, utcTimestamp(now)],
        );
        return true;
      });
      return stored ? session : null;
    },

    async touch(id) {
      const hash = hashOf(id);
      const [row] = await state.query("SELECT csrf_token, username, role, created_at, last_seen_at FROM meta.sessions WHERE token_hash = $1", [hash]);
      if (!row) return null;
      const now = clock().getTime();
      const createdAt = millisOf(row.created_at);
      let lastSeenAt = millisOf(row.last_seen_at);
      if (expired(now, createdAt, lastSeenAt)) {
        await remove(hash);
        return null;
      }
      if (now - lastSeenAt >= LAST_SEEN_WRITE_MS) {
        // Only forward: a slower request of the same session must not set it back.
        await state.transaction((tx) =>
          tx.query("UPDATE meta.sessions SET last_seen_at = $2::TIMESTAMP WHERE token_hash = $1 AND last_seen_at < $2::TIMESTAMP", [hash, utcTimestamp(now)]),
        );
        lastSeenAt = now;
      }
      return { id, csrfToken: String(row.csrf_token), username: String(row.username), role: row.role as Role, createdAt, lastSeenAt };
    },

    destroy: async (id) => void (await remove(hashOf(id))),

    endSessionsOf(username) {
      return state.transaction(async (tx) => {
        await accountLock(tx, username);
        const raised = await tx.query("UPDATE meta.account_versions SET version = version + 1 WHERE username = $1 RETURNING version", [username]);
        if (raised.length === 0) await tx.query("INSERT INTO meta.account_versions (username, version) VALUES ($1, 1)", [username]);
        const ended = await tx.query("DELETE FROM meta.sessions WHERE username = $1 RETURNING token_hash", [username]);
        return ended.length;
      });
    },
  };
}
