/**
 * Results computed from published tables, kept until a publish changes the tables they read.
 * The version is the run ids of those tables; concurrent callers share one computation, and a
 * failed computation is forgotten so the next caller tries again.
 */
export interface VersionedCache<T> {
  get(key: string, version: string, compute: () => Promise<T>): Promise<T>;
}

export function createVersionedCache<T>(maxEntries = 500): VersionedCache<T> {
  const entries = new Map<string, { version: string; value: Promise<T> }>();
  return {
    get(key, version, compute) {
      const hit = entries.get(key);
      if (hit?.version === version) return hit.value;
      const entry = { version, value: compute() };
      entries.delete(key);
      entries.set(key, entry);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      entry.value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return entry.value;
    },
  };
}
