/**
 * Answers of a lookup remembered for a short time, for hot paths that would otherwise ask the store
 * the same question again and again. Only found answers are kept: a flood of unknown keys must neither
 * fill the memory nor be answered from it.
 */
export interface RecentLookups<T> {
  get(key: string, load: () => Promise<T | undefined>): Promise<T | undefined>;
  forget(key: string): void;
}

export const createRecentLookups = <T>(options: {
  readonly clock: () => number;
  readonly ttlMs: number;
  readonly capacity?: number;
}): RecentLookups<T> => {
  const capacity = options.capacity ?? 10_000;
  const entries = new Map<string, { readonly value: T; readonly until: number }>();
  return {
    async get(key, load) {
      const now = options.clock();
      const entry = entries.get(key);
      if (entry && entry.until > now) return entry.value;
      entries.delete(key);
      const value = await load();
      if (value === undefined) return undefined;
      if (entries.size >= capacity) {
        for (const [old, { until }] of entries) if (until <= now) entries.delete(old);
        // Still full of live entries: the oldest goes.
        const oldest = entries.keys().next();
        if (entries.size >= capacity && !oldest.done) entries.delete(oldest.value);
      }
      entries.set(key, { value, until: now + options.ttlMs });
      return value;
    },
    forget(key) {
      entries.delete(key);
    },
  };
};
