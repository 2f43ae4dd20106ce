/**
 * Single sign-on logins between the redirect to the provider and its answer: the state, nonce and
 * PKCE verifier stay on the server, the browser holds only a random id (in a cookie). Each is used
 * once and lives a few minutes; the number kept is capped, so anonymous requests cannot fill memory.
 */
import { randomBytes } from "node:crypto";
import type { LoginChecks } from "./oidc.ts";

/** What a login started here keeps: the provider checks, and the app page to return to (validated by the route). */
export interface PendingLogin {
  checks: LoginChecks;
  returnTo: string | null;
}

export interface PendingLogins {
  /** Keeps the checks of a new login; returns the id for the browser. */
  add(checks: LoginChecks, returnTo?: string | null): string;
  /** The login for this id, removed whether it is used or not; null when unknown or expired. */
  take(id: string): PendingLogin | null;
}

export function createPendingLogins({ ttlMs = 10 * 60_000, max = 10_000, clock }: { ttlMs?: number; max?: number; clock: () => Date }): PendingLogins {
  const pending = new Map<string, PendingLogin & { createdAt: number }>();
  const isExpired = (createdAt: number) => clock().getTime() - createdAt > ttlMs;
  return {
    add(checks, returnTo = null) {
      // Maps iterate in insertion order: the oldest go first, expired or over the cap.
      for (const [id, login] of pending) {
        if (!isExpired(login.createdAt) && pending.size < max) break;
        pending.delete(id);
      }
      const id = randomBytes(32).toString("base64url");
      const { state, nonce, codeVerifier } = checks;
      pending.set(id, { checks: { state, nonce, codeVerifier }, returnTo, createdAt: clock().getTime() });
      return id;
    },
    take(id) {
      const login = pending.get(id);
      pending.delete(id);
      if (!login || isExpired(login.createdAt)) return null;
      return { checks: login.checks, returnTo: login.returnTo };
    },
  };
}
