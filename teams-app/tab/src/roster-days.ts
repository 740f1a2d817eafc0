import { DateTime } from 'luxon';
import type { Attempts, Coverage } from './api-schemas.ts';
import { toApiInstant } from './zoned-time.ts';

/**
 * A period on one day's bar: `start` and `end` are the whole period's (a shift may span days), `left`
 * and `width` place the part on this day, in percent of the day.
 */
export interface RosterSegment {
  readonly start: string;
  readonly end: string;
  readonly left: number;
  readonly width: number;
}

export interface DutySegment extends RosterSegment {
  readonly attempts: Attempts;
}

export interface UnmatchedSegment extends RosterSegment {
  readonly uid: string;
  readonly subject: string;
  readonly unmatchedTokens: readonly string[];
}

export interface RosterDay {
  /** Local midnight to midnight: 23 or 25 hours on the days clocks change. */
  readonly start: string;
  readonly end: string;
  readonly duty: readonly DutySegment[];
  readonly gaps: readonly RosterSegment[];
  readonly unmatched: readonly UnmatchedSegment[];
}

interface Period {
  readonly start: string;
  readonly end: string;
}

const millis = (instant: string) => DateTime.fromISO(instant, { setZone: true }).toMillis();

/**
 * Cuts the coverage report into calendar days of the organisation's zone, each with the duty slices,
 * gaps and unmatched events that fall on it, positioned for a timeline.
 */
export const rosterDays = (report: Coverage): RosterDay[] => {
  const zone = report.timeZone;
  const end = millis(report.to);
  const days: RosterDay[] = [];
  for (
    let day = DateTime.fromISO(report.from, { zone }).startOf('day');
    day.toMillis() < end;
    day = day.plus({ days: 1 })
  ) {
    const dayStart = day.toMillis();
    const dayEnd = day.plus({ days: 1 }).toMillis();
    const length = dayEnd - dayStart;
    const clip = <P extends Period>(period: P): (P & RosterSegment) | undefined => {
      const from = Math.max(millis(period.start), dayStart);
      const until = Math.min(millis(period.end), dayEnd);
      if (until <= from) return undefined;
      return {
        ...period,
        left: ((from - dayStart) / length) * 100,
        width: ((until - from) / length) * 100,
      };
    };
    const within = <P extends Period>(periods: readonly P[]) =>
      periods.map(clip).filter((segment): segment is P & RosterSegment => segment !== undefined);
    days.push({
      start: toApiInstant(day),
      end: toApiInstant(day.plus({ days: 1 })),
      duty: within(report.slices),
      gaps: within(report.gaps),
      unmatched: within(report.unmatched),
    });
  }
  return days;
};
