/**
 * The login throttle of login-throttle.ts, counted in the state database (meta.login_attempts) so
 * that every process behind the load balancer counts the same attempts. One transaction per login
 * counts the keys and records the attempt, under a lock per key (taken in one order, so two logins
 * never wait on each other crosswise): parallel guesses through different processes are counted as
 * they arrive, as in memory.
 */
import { randomUUID } from "node:crypto";
import type { StateDb } from "../../store/state/state-db.ts";
import { secondsUntilAdmitted, type LoginThrottle, type ThrottleSettings } from "./login-throttle.ts";

/** Attempts older than the window are deleted at most this often. */
const SWEEP_MS = 60_000;

export function createStoredLoginThrottle(state: StateDb, { limit = 10, windowMs = 60_000, clock }: ThrottleSettings): LoginThrottle {
  let lastSweep = -Infinity;
  return {
    async begin(keys) {
      const now = clock().getTime();
      if (now - lastSweep >= SWEEP_MS) {
        lastSweep = now;
        await state.query("DELETE FROM meta.login_attempts WHERE at_ms <= $1", [now - windowMs]);
      }
      const id = randomUUID();
      const retryAfterSeconds = await state.transaction(async (tx) => {
        for (const key of [...new Set(keys)].sort()) await tx.lock(`login:${key}`);
        const counted = [];
        for (const key of keys) {
          const rows = await tx.query("SELECT at_ms FROM meta.login_attempts WHERE key = $1 AND at_ms > $2 ORDER BY at_ms", [key, now - windowMs]);
          counted.push(rows.map((r) => Number(r.at_ms)));
        }
        const refused = secondsUntilAdmitted(counted, { limit, windowMs, now });
        if (refused === null)
          for (const key of keys) await tx.query("INSERT INTO meta.login_attempts (attempt_id, key, at_ms) VALUES ($1, $2, $3)", [id, key, now]);
        return refused;
      });
      return retryAfterSeconds === null ? { admitted: true, attempt: { keys, at: now, id } } : { admitted: false, retryAfterSeconds };
    },
    async giveBack(attempt) {
      if (attempt.id) await state.query("DELETE FROM meta.login_attempts WHERE attempt_id = $1", [attempt.id]);
    },
  };
}
