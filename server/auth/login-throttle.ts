/** At most `limit` failed logins per window, counted per username and per client address. */
export interface LoginThrottle {
  isBlocked(keys: string[]): boolean;
  recordFailure(keys: string[]): void;
  reset(keys: string[]): void;
}

export function createLoginThrottle({ limit = 10, windowMs = 60_000, clock }: { limit?: number; windowMs?: number; clock: () => Date }): LoginThrottle {
  const failures = new Map<string, number[]>();
  const recent = (key: string) => (failures.get(key) ?? []).filter((t) => clock().getTime() - t < windowMs);
  return {
    isBlocked: (keys) => keys.some((key) => recent(key).length >= limit),
    recordFailure(keys) {
      for (const key of keys) failures.set(key, [...recent(key), clock().getTime()]);
    },
    reset(keys) {
      for (const key of keys) failures.delete(key);
    },
  };
}
