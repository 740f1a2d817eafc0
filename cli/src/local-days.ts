import type { Period } from '@wygc/routing-core';
import { inZone } from './iso-instant.ts';

/** One calendar day in a zone, clipped to the period it was cut from. */
export interface LocalDay extends Period {
  /** The local midnight the day starts at, even when the period starts later that day. */
  readonly midnight: number;
  /** The next local midnight: 23 or 25 hours after `midnight` on a DST day. */
  readonly nextMidnight: number;
}

/** Cuts a period at local midnights, so a roster can be shown day by day. */
export const localDays = (period: Period, zone: string): LocalDay[] => {
  const days: LocalDay[] = [];
  let midnight = +inZone(period.start, zone).startOf('day');
  while (midnight < period.end) {
    const nextMidnight = +inZone(midnight, zone).plus({ days: 1 });
    days.push({
      midnight,
      nextMidnight,
      start: Math.max(midnight, period.start),
      end: Math.min(nextMidnight, period.end),
    });
    midnight = nextMidnight;
  }
  return days;
};
