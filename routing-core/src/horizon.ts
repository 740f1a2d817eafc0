import { RoutingError } from './routing-error.ts';

/** A half-open period of instants [start, end), epoch milliseconds. */
export interface Period {
  readonly start: number;
  readonly end: number;
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

export const defaultHorizonDays = { before: 1, after: 35 } as const;

/** The window routing tables are compiled for: by default one day back and 35 days ahead of `now`. */
export const horizonAround = (
  now: number,
  days: { before: number; after: number } = defaultHorizonDays,
): Period => period(now - days.before * dayMs, now + days.after * dayMs);

export const period = (start: number, end: number): Period => {
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
    throw new RoutingError('INVALID_ARGUMENT', 'a period needs finite start and end with start <= end');
  }
  return { start, end };
};

export const overlaps = (a: Period, b: Period): boolean => a.start < b.end && b.start < a.end;
