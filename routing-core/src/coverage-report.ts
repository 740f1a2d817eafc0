import type { UnmatchedEvent } from './compile-routing-table.ts';
import { period as makePeriod, type Period } from './horizon.ts';
import type { RoutingSlice, RoutingTable, RoutingTarget } from './routing-table.ts';

/** What will happen in a period: who is on duty when, where nobody is, and which events match no one. */
export interface CoverageReport {
  /** The period reported on: the requested one, clipped to the table's horizon. */
  readonly period: Period;
  /** True when part of the requested period lay outside the horizon and is not reported. */
  readonly clipped: boolean;
  readonly timeZone: string;
  readonly version: number;
  readonly fallback: RoutingTarget | null;
  readonly slices: readonly RoutingSlice[];
  /** Time with no duty event: only the fallback rings, or nobody. */
  readonly gaps: readonly Period[];
  readonly unmatched: readonly UnmatchedEvent[];
}

export interface CoverageOptions {
  readonly period: Period;
  readonly unmatched?: readonly UnmatchedEvent[];
}

const touches = (event: { start: number; end: number }, within: Period): boolean =>
  event.end > event.start
    ? event.start < within.end && event.end > within.start
    : event.start >= within.start && event.start < within.end;

/** The same report feeds the tab, the add-on, the bot and the CLI. */
export const createCoverageReport = (table: RoutingTable, options: CoverageOptions): CoverageReport => {
  const start = Math.max(options.period.start, table.horizon.start);
  const end = Math.max(start, Math.min(options.period.end, table.horizon.end));
  const within = makePeriod(start, end);
  const slices = table.slices
    .filter((slice) => slice.start < within.end && slice.end > within.start)
    .map((slice) => ({
      ...slice,
      start: Math.max(slice.start, within.start),
      end: Math.min(slice.end, within.end),
    }));
  const gaps: Period[] = [];
  let cursor = within.start;
  for (const slice of slices) {
    if (slice.start > cursor) gaps.push({ start: cursor, end: slice.start });
    cursor = slice.end;
  }
  if (cursor < within.end) gaps.push({ start: cursor, end: within.end });
  return {
    period: within,
    clipped: within.start !== options.period.start || within.end !== options.period.end,
    timeZone: table.timeZone,
    version: table.version,
    fallback: table.fallback,
    slices,
    gaps,
    unmatched: (options.unmatched ?? []).filter((event) => touches(event, within)),
  };
};
