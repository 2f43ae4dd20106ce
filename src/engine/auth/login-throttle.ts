/**
 * At most `limit` logins per window, counted per username and per client address. An attempt counts
 * the moment it starts, before its password is checked, so parallel guesses are counted as they
 * arrive; a login that succeeds gives back its own attempt and nothing else, so logging in to one's
 * own account never buys more guesses at another.
 */
export type Attempt = { readonly keys: readonly string[]; readonly at: number };
export type Admission = { admitted: true; attempt: Attempt } | { admitted: false; retryAfterSeconds: number };

export interface LoginThrottle {
  /** Counts an attempt against every key, or none when one key's budget is spent. */
  begin(keys: string[]): Admission;
  /** The attempt succeeded (or was never evaluated): it no longer counts. */
  giveBack(attempt: Attempt): void;
}

/** Keys are cheap to make (any username): expired ones are swept once there are this many. */
const SWEEP_AT = 10_000;

export function createLoginThrottle({ limit = 10, windowMs = 60_000, clock }: { limit?: number; windowMs?: number; clock: () => Date }): LoginThrottle {
  const attempts = new Map<string, number[]>();
  const recent = (key: string, now: number) => (attempts.get(key) ?? []).filter((t) => now - t < windowMs);
  const sweep = (now: number) => {
    for (const key of attempts.keys()) if (recent(key, now).length === 0) attempts.delete(key);
  };
  return {
    begin(keys) {
      const now = clock().getTime();
      if (attempts.size >= SWEEP_AT) sweep(now);
      const counted = keys.map((key) => recent(key, now));
      const spent = counted.filter((times) => times.length >= limit);
      if (spent.length) {
        // Until the oldest attempt of the fullest key leaves the window.
        const freeAt = Math.max(...spent.map((times) => times[times.length - limit]! + windowMs));
        return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now) / 1000)) };
      }
      keys.forEach((key, i) => attempts.set(key, [...counted[i]!, now]));
      return { admitted: true, attempt: { keys, at: now } };
    },
    giveBack({ keys, at }) {
      for (const key of keys) {
        const times = attempts.get(key);
        const index = times?.indexOf(at) ?? -1;
        if (index >= 0) times!.splice(index, 1);
      }
    },
  };
}
