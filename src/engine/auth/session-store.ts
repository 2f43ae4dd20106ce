/**
 * Server-side sessions keyed by a random id; the cookie holds only the id. Kept in memory: a
 * restart logs everyone out, which is acceptable for this single-process server (see ADR 0002).
 */
import { randomBytes } from "node:crypto";
import type { User } from "./users.ts";

export interface Session extends User {
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
  accountVersion(username: string): number;
  /**
   * A new session, or null when the account changed after `accountVersion` was read: the login read
   * an account that no longer exists as it was, and must read it again. Checked and stored in one
   * synchronous step, so no change can slip in between.
   */
  create(user: User, accountVersion: number): Session | null;
  /** The live session for this id, its idle timer renewed; expired sessions are removed. */
  touch(id: string): Session | null;
  destroy(id: string): void;
  /** Ends every session of this user at once, and of every login still in flight for it. */
  endSessionsOf(username: string): number;
}

export function createSessionStore({ idleMs, absoluteMs, clock }: { idleMs: number; absoluteMs: number; clock: () => Date }): SessionStore {
  const sessions = new Map<string, Session>();
  // Only accounts that were ever changed have an entry: as many as there are accounts, at most.
  const versions = new Map<string, number>();
  const token = () => randomBytes(32).toString("base64url");
  const accountVersion = (username: string) => versions.get(username) ?? 0;
  return {
    accountVersion,
    create(user, readVersion) {
      if (accountVersion(user.username) !== readVersion) return null;
      const now = clock().getTime();
      const session = { username: user.username, role: user.role, id: token(), csrfToken: token(), createdAt: now, lastSeenAt: now };
      sessions.set(session.id, session);
      return session;
    },
    touch(id) {
      const session = sessions.get(id);
      if (!session) return null;
      const now = clock().getTime();
      if (now - session.lastSeenAt > idleMs || now - session.createdAt > absoluteMs) {
        sessions.delete(id);
        return null;
      }
      session.lastSeenAt = now;
      return session;
    },
    destroy: (id) => void sessions.delete(id),
    endSessionsOf(username) {
      versions.set(username, accountVersion(username) + 1);
      let ended = 0;
      for (const [id, session] of sessions) {
        if (session.username !== username) continue;
        sessions.delete(id);
        ended++;
      }
      return ended;
    },
  };
}
