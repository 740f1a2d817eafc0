import { summarizeSamples } from './sample-summary.ts';

/** Median wall time of `runs` calls in milliseconds, after one untimed call that warms up the code. */
export const medianDuration = (runs: number, action: () => unknown): number => {
  action();
  const durations = new Float64Array(runs);
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    action();
    durations[run] = performance.now() - start;
  }
  return summarizeSamples(durations).median;
};
