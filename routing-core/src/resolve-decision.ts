import type { RoutingTable, RoutingTarget, TargetGroup } from './routing-table.ts';

/** One step of a call: these targets ring together for `ringSeconds`, then the next attempt. */
export interface Attempt {
  readonly targets: TargetGroup;
  readonly ringSeconds: number;
}

/**
 * `duty`: someone on duty rings (the fallback may follow); `fallback`: nobody on duty, only the
 * fallback rings; `none`: nobody to ring, the call is refused.
 */
export type DecisionReason = 'duty' | 'fallback' | 'none';

/** Who rings at an instant and why: what a call needs, and what a call record keeps. */
export interface Decision {
  readonly version: number;
  readonly reason: DecisionReason;
  /** True when the number's fallback is one of the attempts. */
  readonly fallbackUsed: boolean;
  readonly attempts: readonly Attempt[];
  /**
   * The event instances that put these groups on duty during [from, until). Equal neighbouring slices
   * merge, so this can name more events than cover one instant; first come those of the first piece,
   * in priority order.
   */
  readonly events: readonly string[];
  /** The period in which this same decision holds: [from, until). */
  readonly from: number;
  readonly until: number;
  /** False when the instant lies outside the table's horizon: only the fallback can be offered. */
  readonly withinHorizon: boolean;
}

interface PreparedTable {
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  readonly duty: readonly Decision[];
  /** gaps[i] is the time before slice i; gaps[slices.length] the time after the last one. */
  readonly gaps: readonly Decision[];
  readonly before: Decision;
  readonly after: Decision;
}

const prepared = new WeakMap<RoutingTable, PreparedTable>();

const freeze = <T extends object>(value: T): Readonly<T> => Object.freeze(value);

const sameTarget = (a: RoutingTarget, b: RoutingTarget): boolean => a.phone === b.phone;

const decide = (
  table: RoutingTable,
  groups: readonly TargetGroup[],
  events: readonly string[],
  from: number,
  until: number,
  withinHorizon: boolean,
): Decision => {
  const { fallback, ringSeconds } = table;
  const attempts: Attempt[] = groups.map((targets) => freeze({ targets, ringSeconds }));
  const fallbackAlreadyRings =
    fallback !== null && groups.some((group) => group.some((t) => sameTarget(t, fallback)));
  const fallbackUsed = fallback !== null && !fallbackAlreadyRings;
  if (fallbackUsed) attempts.push(freeze({ targets: [fallback], ringSeconds }));
  const reason: DecisionReason = groups.length > 0 ? 'duty' : fallback ? 'fallback' : 'none';
  return freeze({
    version: table.version,
    reason,
    fallbackUsed: fallbackUsed || fallbackAlreadyRings,
    attempts: freeze(attempts),
    events,
    from,
    until,
    withinHorizon,
  });
};

/** Builds every possible decision once, so that a lookup allocates nothing. */
const prepare = (table: RoutingTable): PreparedTable => {
  const { slices, horizon } = table;
  const starts = new Float64Array(slices.length);
  const ends = new Float64Array(slices.length);
  const duty: Decision[] = [];
  const gaps: Decision[] = [];
  slices.forEach((slice, i) => {
    starts[i] = slice.start;
    ends[i] = slice.end;
    duty.push(decide(table, slice.groups, slice.events, slice.start, slice.end, true));
  });
  for (let i = 0; i <= slices.length; i++) {
    const from = i === 0 ? horizon.start : (slices[i - 1]?.end ?? horizon.start);
    const until = i === slices.length ? horizon.end : (slices[i]?.start ?? horizon.end);
    gaps.push(decide(table, [], [], from, until, true));
  }
  return {
    starts,
    ends,
    duty,
    gaps,
    before: decide(table, [], [], Number.NEGATIVE_INFINITY, horizon.start, false),
    after: decide(table, [], [], horizon.end, Number.POSITIVE_INFINITY, false),
  };
};

/**
 * Who rings at instant `at` (epoch ms): O(log n) binary search over the slices; the decisions are
 * built on first use of a table and shared, so the hot path allocates nothing.
 */
export const resolve = (table: RoutingTable, at: number): Decision => {
  let ready = prepared.get(table);
  if (!ready) {
    ready = prepare(table);
    prepared.set(table, ready);
  }
  if (at < table.horizon.start) return ready.before;
  if (at >= table.horizon.end) return ready.after;
  const { starts } = ready;
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if ((starts[mid] as number) <= at) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  if (found >= 0 && at < (ready.ends[found] as number)) return ready.duty[found] as Decision;
  return ready.gaps[found + 1] as Decision;
};
