import { PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { type RoutingTable, resolve } from '@wygc/routing-core';

export interface LookupGcs {
  readonly lookups: number;
  /** Garbage collections (any kind) that started while the lookups ran. */
  readonly gcs: number;
  /** Heap growth across the lookups; without a collection in between, what they allocated. */
  readonly heapGrowthBytes: number;
  /** Attempts summed over every decision looked up, so no lookup can be optimised away. */
  readonly attempts: number;
}

/** `instants.length` must be a power of two. */
const lookUp = (table: RoutingTable, instants: Float64Array, lookups: number): number => {
  const mask = instants.length - 1;
  let attempts = 0;
  for (let i = 0; i < lookups; i++) attempts += resolve(table, instants[i & mask] as number).attempts.length;
  return attempts;
};

/**
 * Proves the hot path allocates nothing: a young-generation collection follows every few MB of
 * allocation, so even 8 bytes per lookup would show as several GCs over millions of lookups.
 */
export const countLookupGcs = async (
  table: RoutingTable,
  instants: Float64Array,
  lookups: number,
): Promise<LookupGcs> => {
  lookUp(table, instants, Math.min(lookups, 1_000_000));
  // Lets collections that the setup's garbage already scheduled finish before counting starts.
  await sleep(100);
  const gcStarts: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcStarts.push(entry.startTime);
  });
  observer.observe({ entryTypes: ['gc'] });

  const heapBefore = process.memoryUsage().heapUsed;
  const from = performance.now();
  const attempts = lookUp(table, instants, lookups);
  const until = performance.now();
  const heapAfter = process.memoryUsage().heapUsed;

  // GC entries are delivered asynchronously.
  await sleep(100);
  observer.disconnect();
  return {
    lookups,
    gcs: gcStarts.filter((start) => start >= from && start <= until).length,
    heapGrowthBytes: heapAfter - heapBefore,
    attempts,
  };
};
