import { type RoutingTable, resolve } from '@wygc/routing-core';
import { type SampleSummary, summarizeSamples } from './sample-summary.ts';

export interface LatencyOptions {
  readonly warmupLookups: number;
  readonly batches: number;
  readonly batchSize: number;
  readonly singleCalls: number;
}

export interface LookupLatency {
  /** Nanoseconds per call: each batch's time divided by its size, summarised across batches. */
  readonly batched: SampleSummary;
  /** Nanoseconds per single call timed with process.hrtime.bigint, timer overhead included. */
  readonly single: SampleSummary;
  /** Nanoseconds between two back-to-back process.hrtime.bigint calls. */
  readonly timerOverhead: SampleSummary;
  /** Attempts summed over every decision looked up, so no lookup can be optimised away. */
  readonly attempts: number;
  readonly lookups: number;
}

/** `instants.length` must be a power of two. */
const timeBatches = (table: RoutingTable, instants: Float64Array, options: LatencyOptions) => {
  const mask = instants.length - 1;
  const perCall = new Float64Array(options.batches);
  let cursor = 0;
  let attempts = 0;
  for (let batch = 0; batch < options.batches; batch++) {
    const start = performance.now();
    for (let i = 0; i < options.batchSize; i++) {
      attempts += resolve(table, instants[cursor] as number).attempts.length;
      cursor = (cursor + 1) & mask;
    }
    perCall[batch] = ((performance.now() - start) * 1e6) / options.batchSize;
  }
  return { perCall, attempts };
};

const timeSingleCalls = (table: RoutingTable, instants: Float64Array, count: number) => {
  const mask = instants.length - 1;
  const durations = new Float64Array(count);
  let attempts = 0;
  for (let call = 0; call < count; call++) {
    const at = instants[call & mask] as number;
    const start = process.hrtime.bigint();
    const decision = resolve(table, at);
    durations[call] = Number(process.hrtime.bigint() - start);
    attempts += decision.attempts.length;
  }
  return { durations, attempts };
};

const timeTimer = (count: number): Float64Array => {
  const durations = new Float64Array(count);
  for (let call = 0; call < count; call++) {
    const start = process.hrtime.bigint();
    durations[call] = Number(process.hrtime.bigint() - start);
  }
  return durations;
};

/**
 * Lookup latency two ways: batches timed with performance.now (per-call cost without timer noise, but
 * a batch average), and single calls timed with process.hrtime.bigint (true tail, plus timer overhead,
 * which is measured the same way and reported beside it).
 */
export const measureLookupLatency = (
  table: RoutingTable,
  instants: Float64Array,
  options: LatencyOptions,
): LookupLatency => {
  const warmupBatches = Math.ceil(options.warmupLookups / options.batchSize);
  const warmup = timeBatches(table, instants, { ...options, batches: warmupBatches });
  timeSingleCalls(table, instants, options.singleCalls);
  timeTimer(options.singleCalls);

  const batched = timeBatches(table, instants, options);
  const single = timeSingleCalls(table, instants, options.singleCalls);
  return {
    batched: summarizeSamples(batched.perCall),
    single: summarizeSamples(single.durations),
    timerOverhead: summarizeSamples(timeTimer(options.singleCalls)),
    attempts: warmup.attempts + batched.attempts + single.attempts,
    lookups: (warmupBatches + options.batches) * options.batchSize + options.singleCalls,
  };
};
