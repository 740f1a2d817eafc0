import { describe, expect, it } from 'vitest';
import { createKeyedMutex } from './keyed-mutex.ts';

/** A promise the test settles by hand, to interleave tasks deterministically. */
const gate = () => {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
};

describe('createKeyedMutex', () => {
  it('runs tasks for one key one after another, in order', async () => {
    const mutex = createKeyedMutex();
    const log: string[] = [];
    const first = gate();
    const a = mutex.run('k', async () => {
      log.push('a start');
      await first.opened;
      log.push('a end');
    });
    const b = mutex.run('k', async () => {
      log.push('b');
    });
    await Promise.resolve();
    expect(log).toEqual(['a start']);
    first.open();
    await Promise.all([a, b]);
    expect(log).toEqual(['a start', 'a end', 'b']);
  });

  it('lets tasks for other keys run meanwhile', async () => {
    const mutex = createKeyedMutex();
    const held = gate();
    const slow = mutex.run('a', () => held.opened);
    expect(await mutex.run('b', async () => 'done')).toBe('done');
    held.open();
    await slow;
  });

  it('passes results and errors through and keeps going after a failure', async () => {
    const mutex = createKeyedMutex();
    const failed = mutex.run('k', async () => {
      throw new Error('boom');
    });
    const next = mutex.run('k', async () => 42);
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe(42);
  });
});
