import type { Period } from '@wygc/routing-core';
import type { SeededRandom } from './seeded-random.ts';

const dayMs = 86_400_000;

/**
 * Random whole-millisecond instants over the horizon and one day either side, so that gaps and both
 * out-of-horizon answers are looked up too. The length is a power of two: loops wrap with a mask.
 */
export const createLookupInstants = (
  random: SeededRandom,
  horizon: Period,
  log2Count: number,
): Float64Array => {
  const from = horizon.start - dayMs;
  const span = horizon.end + dayMs - from;
  const instants = new Float64Array(2 ** log2Count);
  for (let i = 0; i < instants.length; i++) instants[i] = from + Math.floor(random.next() * span);
  return instants;
};
