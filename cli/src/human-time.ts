import { inZone } from './iso-instant.ts';

const minuteMs = 60_000;

/** "Sat 27 Mar 2027 10:30" */
export const formatDateTime = (instant: number, zone: string): string =>
  inZone(instant, zone).toFormat('ccc d LLL yyyy HH:mm');

/** "Sat 27 Mar 2027" */
export const formatDay = (instant: number, zone: string): string =>
  inZone(instant, zone).toFormat('ccc d LLL yyyy');

/** "10:30" */
export const formatClock = (instant: number, zone: string): string => inZone(instant, zone).toFormat('HH:mm');

const isMidnight = (instant: number, zone: string): boolean =>
  +inZone(instant, zone).startOf('day') === instant;

/**
 * "Sat 27 Mar 10:00–14:00", "Fri 26 Mar 17:00 – Mon 29 Mar 08:00", or "Sun 28 Mar, all day" for one
 * whole local day (23 or 25 hours on a DST day).
 */
export const formatSpan = (start: number, end: number, zone: string): string => {
  const from = inZone(start, zone);
  const to = inZone(end, zone);
  if (isMidnight(start, zone) && +from.plus({ days: 1 }) === end)
    return `${from.toFormat('ccc d LLL')}, all day`;
  if (from.hasSame(to, 'day')) return `${from.toFormat('ccc d LLL HH:mm')}–${to.toFormat('HH:mm')}`;
  return `${from.toFormat('ccc d LLL HH:mm')} – ${to.toFormat('ccc d LLL HH:mm')}`;
};

/** How long a change is away, said from `at`: "14:00" on the same day, else "Mon 29 Mar 08:00". */
export const formatLater = (at: number, later: number, zone: string): string =>
  inZone(at, zone).hasSame(inZone(later, zone), 'day')
    ? formatClock(later, zone)
    : inZone(later, zone).toFormat('ccc d LLL HH:mm');

/** "15 h", "2 h 30 min", "1 d 6 h": elapsed time, so a gap across a DST change counts real hours. */
export const formatDuration = (ms: number): string => {
  const totalMinutes = Math.round(ms / minuteMs);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const parts = [
    days > 0 ? `${days} d` : '',
    hours > 0 ? `${hours} h` : '',
    minutes > 0 ? `${minutes} min` : '',
  ];
  return parts.filter((part) => part !== '').join(' ') || '0 min';
};
