/** A token bucket: `capacity` requests at once, refilled evenly at `capacity` per `intervalMs`. */
export interface RateLimit {
  readonly capacity: number;
  readonly intervalMs: number;
}

export type RateDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

export interface RateLimiter {
  /** Takes one token from the key's bucket, or says how long until one is available. */
  take(key: string): RateDecision;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Buckets kept before full ones are dropped: a full bucket is the same as no bucket. */
const pruneThreshold = 10_000;

/**
 * In-memory token buckets per key (an IP address, an email). Per instance: with several instances an
 * attacker gets the limit once per instance, which the per-account lockout in the store backs up.
 */
export const createRateLimiter = ({
  limit,
  clock,
}: {
  limit: RateLimit;
  clock: () => number;
}): RateLimiter => {
  const buckets = new Map<string, Bucket>();
  const refillPerMs = limit.capacity / limit.intervalMs;

  const refilled = (bucket: Bucket, now: number): number =>
    Math.min(limit.capacity, bucket.tokens + Math.max(0, now - bucket.updatedAt) * refillPerMs);

  const prune = (now: number): void => {
    for (const [key, bucket] of buckets) {
      if (refilled(bucket, now) >= limit.capacity) buckets.delete(key);
    }
  };

  return {
    take: (key) => {
      const now = clock();
      if (buckets.size >= pruneThreshold) prune(now);
      const current = buckets.get(key);
      const tokens = current ? refilled(current, now) : limit.capacity;
      if (tokens < 1) {
        buckets.set(key, { tokens, updatedAt: now });
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / refillPerMs / 1000)),
        };
      }
      buckets.set(key, { tokens: tokens - 1, updatedAt: now });
      return { allowed: true };
    },
  };
};
