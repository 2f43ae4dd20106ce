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
  create(user: User): Session;
  /** The live session for this id, its idle timer renewed; expired sessions are removed. */
  touch(id: string): Session | null;
  destroy(id: string): void;
  /** Ends every session of this user at once (disabled, role changed, password reset). */
  endSessionsOf(username: string): number;
}

export function createSessionStore({ idleMs, absoluteMs, clock }: { idleMs: number; absoluteMs: number; clock: () => Date }): SessionStore {
  const sessions = new Map<string, Session>();
  const token = () => randomBytes(32).toString("base64url");
  return {
    create(user) {
      const now = clock().getTime();
      const session = { ...user, id: token(), csrfToken: token(), createdAt: now, lastSeenAt: now };
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
