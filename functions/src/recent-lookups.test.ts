import { describe, expect, it } from 'vitest';
import { createRecentLookups } from './recent-lookups.ts';

describe('recent lookups', () => {
  const setup = (capacity?: number) => {
    const clock = { now: 0 };
    const loads: string[] = [];
    const lookups = createRecentLookups<string>({
      clock: () => clock.now,
      ttlMs: 1000,
      ...(capacity === undefined ? {} : { capacity }),
    });
    const get = (key: string, found = true) =>
      lookups.get(key, async () => {
        loads.push(key);
        return found ? `owner of ${key}` : undefined;
      });
    return { clock, loads, lookups, get };
  };

  it('answers a found key from memory until its time is up, then loads it again', async () => {
    const { clock, loads, get } = setup();
    expect(await get('a')).toBe('owner of a');
    clock.now = 999;
    expect(await get('a')).toBe('owner of a');
    expect(loads).toEqual(['a']);
    clock.now = 1000;
    expect(await get('a')).toBe('owner of a');
    expect(loads).toEqual(['a', 'a']);
  });

  it('never keeps a key that was not found, and forgets on request', async () => {
    const { loads, lookups, get } = setup();
    expect(await get('gone', false)).toBeUndefined();
    expect(await get('gone', false)).toBeUndefined();
    await get('b');
    lookups.forget('b');
    await get('b');
    expect(loads).toEqual(['gone', 'gone', 'b', 'b']);
  });

  it('keeps at most its capacity, dropping expired entries first and then the oldest', async () => {
    const { clock, loads, get } = setup(2);
    await get('a');
    clock.now = 500;
    await get('b');
    await get('c');
    // a, the oldest, made room for c; b and c are still remembered.
    loads.length = 0;
    await get('b');
    await get('c');
    expect(loads).toEqual([]);
    await get('a');
    expect(loads).toEqual(['a']);
  });
});
