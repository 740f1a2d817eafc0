import { describe, expect, it } from 'vitest';
import { lazy } from './lazy.ts';

describe('lazy', () => {
  it('creates once and shares the result', async () => {
    let created = 0;
    const get = lazy(async () => ++created);
    expect(await Promise.all([get(), get(), get()])).toEqual([1, 1, 1]);
    expect(created).toBe(1);
  });

  it('tries again after a failed creation', async () => {
    let attempts = 0;
    const get = lazy(async () => {
      attempts++;
      if (attempts === 1) throw new Error('KMS unreachable');
      return 'ready';
    });
    await expect(get()).rejects.toThrow('KMS unreachable');
    expect(await get()).toBe('ready');
    expect(await get()).toBe('ready');
    expect(attempts).toBe(2);
  });
});
