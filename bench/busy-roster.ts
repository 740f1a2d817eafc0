import { type CalendarEvent, type Contact, type Period, parseContact } from '@wygc/routing-core';
import { createSeededRandom, type SeededRandom } from './seeded-random.ts';

/** A year of a busy duty roster, as normalised calendar events: the worst realistic case for one number. */
export interface BusyRoster {
  readonly timeZone: string;
  readonly horizon: Period;
  readonly contacts: readonly Contact[];
  /** One event per hour of the year, plus 30-minute overrides inside some hours. */
  readonly single: readonly CalendarEvent[];
  /** The weekly weekend shift: the series, plus one moved and one cancelled occurrence. */
  readonly recurring: readonly CalendarEvent[];
}

export interface BusyRosterOptions {
  readonly seed: number;
  readonly year: number;
  readonly contactCount: number;
  /** Share of hours that get a 30-minute override inside them. */
  readonly overrideShare: number;
}

const timeZone = 'Europe/Amsterdam';
const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const weekMs = 7 * dayMs;

const wallText = (wall: number): string => new Date(wall).toISOString().slice(0, 19);

const at = (wall: number) => ({ dateTime: wallText(wall), timeZone });

const createContacts = (random: SeededRandom, count: number): Contact[] => {
  const keys = new Set<string>();
  const letter = () => String.fromCharCode(65 + random.below(26));
  while (keys.size < count) keys.add(letter() + letter());
  return [...keys].map((key, index) => parseContact({ key, phone: `0612${String(345_000 + index)}` }));
};

/** The ways people write who is on duty; a few subjects match nobody, as typos do. */
const hourSubject = (random: SeededRandom, keys: readonly string[]): string => {
  const a = random.pick(keys);
  const b = random.pick(keys.filter((key) => key !== a));
  const style = random.next();
  if (style < 0.5) return `Storing ${a}`;
  if (style < 0.6) return a;
  if (style < 0.75) return `${a}+${b}`;
  if (style < 0.9) return `${a}, ${b}`;
  if (style < 0.995) return `Dienst ${a.toLowerCase()} (mobiel)`;
  return 'Storing (nog invullen)';
};

const hourlyEvents = (
  random: SeededRandom,
  keys: readonly string[],
  options: BusyRosterOptions,
): CalendarEvent[] => {
  const events: CalendarEvent[] = [];
  const first = Date.UTC(options.year, 0, 1);
  const hours = (Date.UTC(options.year + 1, 0, 1) - first) / hourMs;
  for (let hour = 0; hour < hours; hour++) {
    const wall = first + hour * hourMs;
    events.push({
      uid: `hour-${hour}`,
      subject: hourSubject(random, keys),
      status: 'confirmed',
      start: at(wall),
      end: at(wall + hourMs),
    });
    if (random.chance(options.overrideShare)) {
      const start = wall + random.pick([0, 15, 30]) * 60_000;
      events.push({
        uid: `override-${hour}`,
        subject: `Vervanging ${random.pick(keys)}`,
        status: 'confirmed',
        start: at(start),
        end: at(start + hourMs / 2),
      });
    }
  }
  return events;
};

const friday = 5;

/** Midnight (wall time) of the Friday on or before `wall`. */
const fridayOnOrBefore = (wall: number): number => {
  const midnight = wall - (wall % dayMs);
  return midnight - ((new Date(midnight).getUTCDay() - friday + 7) % 7) * dayMs;
};

/**
 * Friday 17:00 to Monday 08:00 every week, in a series that began a year earlier (expansion walks its
 * past too, as it does for a long-running roster), with one moved, one cancelled and one excluded weekend.
 */
const weekendShift = (random: SeededRandom, keys: readonly string[], year: number): CalendarEvent[] => {
  const seriesStart = fridayOnOrBefore(Date.UTC(year - 1, 0, 1)) + 17 * hourMs;
  const firstInYear = fridayOnOrBefore(Date.UTC(year, 0, 7)) + 17 * hourMs;
  const length = 63 * hourMs;
  const moved = firstInYear + 16 * weekMs;
  const cancelled = moved + weekMs;
  const uid = 'weekend-shift';
  return [
    {
      uid,
      subject: `Weekend achterwacht ${random.pick(keys)}+${random.pick(keys)}`,
      status: 'confirmed',
      start: at(seriesStart),
      end: at(seriesStart + length),
      recurrence: { rrules: ['FREQ=WEEKLY;BYDAY=FR'], rdates: [], exdates: [at(firstInYear + 50 * weekMs)] },
    },
    {
      uid,
      recurrenceId: at(moved),
      subject: `Weekend achterwacht ${random.pick(keys)}`,
      status: 'confirmed',
      start: at(moved + hourMs),
      end: at(moved + length + hourMs),
    },
    {
      uid,
      recurrenceId: at(cancelled),
      subject: '',
      status: 'cancelled',
      start: at(cancelled),
      end: at(cancelled + length),
    },
  ];
};

/** Builds the same roster for the same options, every time. */
export const createBusyRoster = (options: BusyRosterOptions): BusyRoster => {
  const random = createSeededRandom(options.seed);
  const contacts = createContacts(random, options.contactCount);
  const keys = contacts.map((contact) => contact.key);
  return {
    timeZone,
    // New Year is always in winter time in Amsterdam: UTC+1.
    horizon: {
      start: Date.parse(`${options.year}-01-01T00:00:00+01:00`),
      end: Date.parse(`${options.year + 1}-01-01T00:00:00+01:00`),
    },
    contacts,
    single: hourlyEvents(random, keys, options),
    recurring: weekendShift(random, keys, options.year),
  };
};
