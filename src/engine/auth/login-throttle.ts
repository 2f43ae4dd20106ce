/**
 * At most `limit` logins per window, counted per username and per client address. An attempt counts
 * the moment it starts, before its password is checked, so parallel guesses are counted as they
 * arrive; a login that succeeds gives back its own attempt and nothing else, so logging in to one's
 * own account never buys more guesses at another. This one counts in memory (one process, the
 * embedded default); stored-login-throttle.ts counts in the shared state (MM_STATE_URL).
 */
export type Attempt = { readonly keys: readonly string[]; readonly at: number; readonly id?: string };
export type Admission = { admitted: true; attempt: Attempt } | { admitted: false; retryAfterSeconds: number };

export interface LoginThrottle {
  /** Counts an attempt against every key, or none when one key's budget is spent. */
  begin(keys: string[]): Promise<Admission>;
  /** The attempt succeeded (or was never evaluated): it no longer counts. */
  giveBack(attempt: Attempt): Promise<void>;
}

export interface ThrottleSettings {
  limit?: number;
  windowMs?: number;
  clock: () => Date;
}

/** Keys are cheap to make (any username): expired ones are swept once there are this many. */
const SWEEP_AT = 10_000;

/** null when every key has budget left; else the seconds until the oldest attempt of the fullest spent key leaves the window. */
export function secondsUntilAdmitted(
  counted: readonly (readonly number[])[],
  { limit, windowMs, now }: { limit: number; windowMs: number; now: number },
): number | null {
  const spent = counted.filter((times) => times.length >= limit);
  if (!spent.length) return null;
  const freeAt = Math.max(...spent.map((times) => times[times.length - limit]! + windowMs));
  return Math.max(1, Math.ceil((freeAt - now) / 1000));
}

export function createLoginThrottle({ limit = 10, windowMs = 60_000, clock }: ThrottleSettings): LoginThrottle {
  const attempts = new Map<string, number[]>();
  const recent = (key: string, now: number) => (attempts.get(key) ?? []).filter((t) => now - t < windowMs);
  const sweep = (now: number) => {
    for (const key of attempts.keys()) if (recent(key, now).length === 0) attempts.delete(key);
  };
  return {
    async begin(keys) {
      const now = clock().getTime();
      if (attempts.size >= SWEEP_AT) sweep(now);
      const counted = keys.map((key) => recent(key, now));
      const retryAfterSeconds = secondsUntilAdmitted(counted, { limit, windowMs, now });
      if (retryAfterSeconds !== null) return { admitted: false, retryAfterSeconds };
      keys.forEach((key, i) => attempts.set(key, [...counted[i]!, now]));
      return { admitted: true, attempt: { keys, at: now } };
    },
    async giveBack({ keys, at }) {
      for (const key of keys) {
        const times = attempts.get(key);
        const index = times?.indexOf(at) ?? -1;
        if (index >= 0) times!.splice(index, 1);
      }
    },
  };
}
