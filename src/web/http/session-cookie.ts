/**
 * The session cookie, the same for every way of logging in (password, single sign-on): HttpOnly,
 * SameSite=Strict, Secure with the __Host- prefix behind TLS, and a fresh session id at every login.
 */
import type { Response } from "express";
import type { Session, SessionStore } from "../../engine/auth/session-store.ts";
import type { User } from "../../engine/auth/users.ts";
import { sessionOf } from "./routes.ts";

export interface SessionCookie {
  readonly name: string;
  /**
   * Ends the session the request came with, if any, and starts a new one for `user` as read at
   * `accountVersion` (SessionStore); null, and nothing changed, when the account changed since.
   */
  start(res: Response, user: User, accountVersion: number): Promise<Session | null>;
  /** Ends the request's session and clears the cookie. */
  end(res: Response): Promise<void>;
}

export function createSessionCookie({ sessions, secure, maxAgeMs }: { sessions: SessionStore; secure: boolean; maxAgeMs: number }): SessionCookie {
  const name = secure ? "__Host-mm_session" : "mm_session";
  const options = { httpOnly: true, sameSite: "strict" as const, secure, path: "/" };
  return {
    name,
    async start(res, user, accountVersion) {
      const session = await sessions.create(user, accountVersion);
      if (!session) return null;
      // A planted session id is worthless after login: the old session ends, the new one has a new id.
      const previous = sessionOf(res);
      if (previous) await sessions.destroy(previous.id);
      res.cookie(name, session.id, { ...options, maxAge: maxAgeMs });
      return session;
    },
    async end(res) {
      const session = sessionOf(res);
      if (session) await sessions.destroy(session.id);
      res.clearCookie(name, options);
    },
  };
}
