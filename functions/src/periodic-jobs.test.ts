import type { Store } from '@wygc/routing-core';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPeriodicJobs } from './periodic-jobs.ts';

afterEach(() => {
  vi.useRealTimers();
});

const noTenants = { tenants: { list: async () => [] } } as unknown as Store;

describe('periodic jobs', () => {
  it('runs at start, then every minute and every day, never one job twice at once', async () => {
    vi.useFakeTimers();
    const calls = { runDue: 0, rollHorizon: 0 };
    let finishRunDue: () => void = () => {};
    const scheduler = {
      runDue: () => {
        calls.runDue++;
        return new Promise<{ polled: number; channelsRenewed: number; failures: number }>((resolve) => {
          finishRunDue = () => resolve({ polled: 0, channelsRenewed: 0, failures: 0 });
        });
      },
      rollHorizon: async () => {
        calls.rollHorizon++;
        return { tablesPublished: 0, failures: 0 };
      },
    };
    const jobs = startPeriodicJobs({
      scheduler,
      store: noTenants,
      clock: Date.now,
      logger: pino({ level: 'silent' }),
    });
    expect(calls).toEqual({ runDue: 1, rollHorizon: 1 });

    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.runDue).toBe(1);
    finishRunDue();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.runDue).toBe(2);
    finishRunDue();

    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(calls.rollHorizon).toBe(2);
    finishRunDue();
    await jobs.stop();
    const after = { ...calls };
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(calls).toEqual(after);
  });
});
