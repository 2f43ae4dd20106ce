/**
 * Single sign-on logins between the redirect to the provider and its answer: the state, nonce and
 * PKCE verifier stay on the server, the browser holds only a random id (in a cookie). Each is used
 * once and lives a few minutes; the number kept is capped, so anonymous requests cannot fill memory.
 */
import { randomBytes } from "node:crypto";
import type { LoginChecks } from "./oidc.ts";

export interface PendingLogins {
  /** Keeps the checks of a new login; returns the id for the browser. */
  add(checks: LoginChecks): string;
  /** The checks for this id, removed whether they are used or not; null when unknown or expired. */
  take(id: string): LoginChecks | null;
}

export function createPendingLogins({ ttlMs = 10 * 60_000, max = 10_000, clock }: { ttlMs?: number; max?: number; clock: () => Date }): PendingLogins {
  const pending = new Map<string, LoginChecks & { createdAt: number }>();
  const isExpired = (createdAt: number) => clock().getTime() - createdAt > ttlMs;
  return {
    add(checks) {
      // Maps iterate in insertion order: the oldest go first, expired or over the cap.
      for (const [id, login] of pending) {
        if (!isExpired(login.createdAt) && pending.size < max) break;
        pending.delete(id);
      }
      const id = randomBytes(32).toString("base64url");
      pending.set(id, { ...checks, createdAt: clock().getTime() });
      return id;
    },
    take(id) {
      const login = pending.get(id);
      pending.delete(id);
      if (!login || isExpired(login.createdAt)) return null;
      const { state, nonce, codeVerifier } = login;
      return { state, nonce, codeVerifier };
    },
  };
}
