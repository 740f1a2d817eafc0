import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.ts';

const setup = () => {
  let now = 1_000_000;
  const limiter = createRateLimiter({ limit: { capacity: 3, intervalMs: 60_000 }, clock: () => now });
  return { limiter, advance: (ms: number) => (now += ms) };
};

describe('createRateLimiter', () => {
  it('allows a burst up to the capacity, then says when the next request may come', () => {
    const { limiter } = setup();
    expect([1, 2, 3].map(() => limiter.take('ip').allowed)).toEqual([true, true, true]);
    expect(limiter.take('ip')).toEqual({ allowed: false, retryAfterSeconds: 20 });
  });

  it('refills evenly over the interval', () => {
    const { limiter, advance } = setup();
    for (let i = 0; i < 3; i++) limiter.take('ip');
    advance(19_000);
    expect(limiter.take('ip')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    advance(1_000);
    expect(limiter.take('ip')).toEqual({ allowed: true });
    expect(limiter.take('ip').allowed).toBe(false);
  });

  it('never holds more than the capacity after a long pause', () => {
    const { limiter, advance } = setup();
    advance(3_600_000);
    expect([1, 2, 3, 4].map(() => limiter.take('ip').allowed)).toEqual([true, true, true, false]);
  });

  it('keeps a bucket per key', () => {
    const { limiter } = setup();
    for (let i = 0; i < 3; i++) limiter.take('a');
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });
});
