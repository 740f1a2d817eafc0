import { DateTime } from 'luxon';
import type { Language } from './language.ts';

const localeOf = (language: Language): string => (language === 'nl' ? 'nl-NL' : 'en-GB');

const inZone = (instant: string, zone: string, language: Language): DateTime =>
  DateTime.fromISO(instant, { zone }).setLocale(localeOf(language));

/** "Fri 26 Mar, 17:00" / "vr 26 mrt, 17:00". */
export const formatDateTime = (instant: string, zone: string, language: Language): string =>
  inZone(instant, zone, language).toFormat('ccc d LLL, HH:mm');

/** "17:00". */
export const formatTime = (instant: string, zone: string, language: Language): string =>
  inZone(instant, zone, language).toFormat('HH:mm');

/** "Friday 26 March" / "vrijdag 26 maart". */
export const formatDay = (instant: string, zone: string, language: Language): string =>
  inZone(instant, zone, language).toFormat('cccc d LLLL');

/** "Fri 26 Mar 17:00 – Mon 29 Mar 08:00", or "Sat 27 Mar 10:00 – 14:00" within one day. */
export const formatRange = (start: string, end: string, zone: string, language: Language): string => {
  const from = inZone(start, zone, language);
  const until = inZone(end, zone, language);
  const sameDay = from.hasSame(until, 'day');
  return `${from.toFormat('ccc d LLL HH:mm')} – ${until.toFormat(sameDay ? 'HH:mm' : 'ccc d LLL HH:mm')}`;
};
