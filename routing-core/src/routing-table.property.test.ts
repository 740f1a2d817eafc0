import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { CalendarEvent, EventTime } from './calendar-event.ts';
import { compileRoutingTable } from './compile-routing-table.ts';
import type { Contact } from './contact.ts';
import { type EventInstance, expandEvents } from './expand-events.ts';
import { type Period, period } from './horizon.ts';
import type { NumberSettingsInput } from './number-settings.ts';
import { type Decision, resolve } from './resolve-decision.ts';
import { isRoutingError } from './routing-error.ts';
import { parseRoutingTable, type RoutingTable, type RoutingTarget } from './routing-table.ts';
import {
  allContacts,
  amsterdam,
  customAmsterdamZone,
  directory,
  hour,
  jd,
  minute,
  newYork,
} from './test-support.ts';

// Random rosters around the 2027 DST changes, compiled, checked against a naive scan written from
// DESIGN.md §4 alone. Nothing here reuses compileRoutingTable's internals.

const day = 24 * hour;
const quarter = 15 * minute;

/** 2027 DST changes: Amsterdam 28 March / 31 October, New York 14 March / 7 November. */
const transitionDays = ['2027-03-14', '2027-03-28', '2027-10-31', '2027-11-07'] as const;
const zones = [amsterdam, newYork] as const;

// ---------------------------------------------------------------------------------------------------
// Scenarios

interface Override {
  readonly index: number;
  readonly shiftQuarters: number;
  readonly cancelled: boolean;
  readonly subject: string;
}

interface Recurrence {
  readonly freq: 'DAILY' | 'WEEKLY';
  /** COUNT, or UNTIL (in UTC; a date for all-day series) at or just after the occurrence `count - 1`. */
  readonly count: number;
  readonly until: 'none' | 'exact' | 'midway';
  readonly exdate: number | null;
  readonly override: Override | null;
}

interface EventSpec {
  readonly allDay: boolean;
  /** `custom`: Amsterdam's rules in a VTIMEZONE with a made-up TZID, as Outlook exports write them. */
  readonly zone: 'calendar' | 'other' | 'custom' | 'utc';
  readonly dayOffset: number;
  readonly startQuarter: number;
  readonly lengthQuarters: number;
  readonly days: number;
  readonly subject: string;
  readonly cancelled: boolean;
  readonly recurrence: Recurrence | null;
}

interface Scenario {
  readonly calendarZone: string;
  readonly transitionDay: string;
  readonly horizonFromDay: number;
  readonly horizonQuarter: number;
  readonly horizonDays: number;
  readonly specs: readonly EventSpec[];
  readonly caseSensitive: boolean;
  readonly settings: {
    overlapPolicy: 'layered' | 'override';
    strategy: 'sequential' | 'simultaneous';
    fallback: string | null;
  };
  readonly randomProbes: readonly number[];
}

const tokens = ['JD', 'PK', 'ÉB', 'FB', 'jd', 'pk', 'éb', 'XX', 'Storing', 'mobiel', '42'];
const separators = ['', '+', ' + ', ', ', ' ', '/', ' (', ') '];

const oneIn = (n: number): fc.Arbitrary<boolean> =>
  fc.integer({ min: 1, max: n }).map((drawn) => drawn === 1);

const subjectArb = fc
  .array(fc.tuple(fc.constantFrom(...tokens), fc.constantFrom(...separators)), { maxLength: 4 })
  .map((parts) => parts.map(([token, separator]) => token + separator).join(''));

/** Night hours (where the DST changes are) are drawn as often as the rest of the day; a few fixed
 * starts make events start together, so that ordering ties are exercised. */
const startQuarterArb = fc.oneof(
  fc.integer({ min: 0, max: 95 }),
  fc.integer({ min: 4, max: 16 }),
  fc.constantFrom(0, 10, 68),
);

const overrideArb: fc.Arbitrary<Override> = fc.record({
  index: fc.integer({ min: 0, max: 4 }),
  shiftQuarters: fc.integer({ min: -12, max: 12 }),
  cancelled: fc.boolean(),
  subject: subjectArb,
});

const recurrenceArb: fc.Arbitrary<Recurrence> = fc.record({
  freq: fc.constantFrom('DAILY' as const, 'WEEKLY' as const),
  count: fc.integer({ min: 1, max: 5 }),
  until: fc.constantFrom('none' as const, 'exact' as const, 'midway' as const),
  exdate: fc.option(fc.integer({ min: 0, max: 4 })),
  override: fc.option(overrideArb),
});

const eventSpecArb: fc.Arbitrary<EventSpec> = fc.record({
  allDay: oneIn(4),
  zone: fc.constantFrom(
    'calendar' as const,
    'calendar' as const,
    'other' as const,
    'custom' as const,
    'utc' as const,
  ),
  dayOffset: fc.integer({ min: -8, max: 6 }),
  startQuarter: startQuarterArb,
  lengthQuarters: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 1, max: 16 }),
    fc.integer({ min: 1, max: 3 * 96 }),
  ),
  days: fc.integer({ min: 1, max: 3 }),
  subject: subjectArb,
  cancelled: oneIn(4),
  recurrence: fc.option(recurrenceArb, { freq: 2 }),
});

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  calendarZone: fc.constantFrom(...zones),
  transitionDay: fc.constantFrom(...transitionDays),
  horizonFromDay: fc.integer({ min: -6, max: -1 }),
  horizonQuarter: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 95 })),
  horizonDays: fc.integer({ min: 2, max: 9 }),
  specs: fc.array(eventSpecArb, { maxLength: 10 }),
  caseSensitive: fc.boolean(),
  settings: fc.record({
    overlapPolicy: fc.constantFrom('layered' as const, 'override' as const),
    strategy: fc.constantFrom('sequential' as const, 'simultaneous' as const),
    fallback: fc.constantFrom(null, 'FB', 'PK', 'fb', '+31301234567', jd.phone as string),
  }),
  randomProbes: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 10, maxLength: 30 }),
});

// ---------------------------------------------------------------------------------------------------
// From specs to calendar events (the input) and to the instances the calendar means (the oracle)

const wallOfDay = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`);
const isoDateTime = (wall: number): string => new Date(wall).toISOString().slice(0, 19);
const isoDate = (wall: number): string => new Date(wall).toISOString().slice(0, 10);

const customZoneId = 'Amsterdam, Berlijn (eigen)';
const customZones = { [customZoneId]: customAmsterdamZone(customZoneId).join('\r\n') };

/** The TZID written in the event; the oracle reads the custom zone as the IANA zone it copies. */
const zoneOf = (spec: EventSpec, calendarZone: string): string => {
  if (spec.zone === 'utc') return 'UTC';
  if (spec.zone === 'custom') return customZoneId;
  if (spec.zone === 'other') return calendarZone === amsterdam ? newYork : amsterdam;
  return calendarZone;
};

/** Wall-clock milliseconds to an instant with luxon; times in a DST gap move forward, as calendars do. */
const instantOf = (wall: number, zone: string): number => {
  const d = new Date(wall);
  const oracleZone = zone === customZoneId ? amsterdam : zone;
  return DateTime.fromObject(
    {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
    },
    { zone: oracleZone },
  ).toMillis();
};

interface Shape {
  readonly zone: string;
  readonly startWall: number;
  readonly lengthWall: number;
  readonly allDay: boolean;
}

const shapeOf = (spec: EventSpec, scenario: Scenario): Shape => {
  const base = wallOfDay(scenario.transitionDay) + spec.dayOffset * day;
  return spec.allDay
    ? { zone: scenario.calendarZone, startWall: base, lengthWall: spec.days * day, allDay: true }
    : {
        zone: zoneOf(spec, scenario.calendarZone),
        startWall: base + spec.startQuarter * quarter,
        lengthWall: spec.lengthQuarters * quarter,
        allDay: false,
      };
};

const eventTime = (wall: number, shape: Shape): EventTime =>
  shape.allDay ? { date: isoDate(wall) } : { dateTime: isoDateTime(wall), timeZone: shape.zone };

const stepOf = (recurrence: Recurrence): number => (recurrence.freq === 'DAILY' ? day : 7 * day);

const utcStamp = (instant: number): string => new Date(instant).toISOString().replace(/[-:]|\.\d{3}/g, '');

/** The rule part that ends the series after `count` occurrences. */
const limitOf = (recurrence: Recurrence, shape: Shape): string => {
  const lastWall = shape.startWall + (recurrence.count - 1) * stepOf(recurrence);
  if (recurrence.until === 'none') return `COUNT=${recurrence.count}`;
  if (shape.allDay) return `UNTIL=${isoDate(lastWall).replace(/-/g, '')}`;
  const last = instantOf(lastWall, shape.zone);
  return `UNTIL=${utcStamp(recurrence.until === 'exact' ? last : last + stepOf(recurrence) / 2)}`;
};

/** The override's new start: whole days for all-day events, quarter hours otherwise. */
const overrideShift = (override: Override, shape: Shape): number =>
  shape.allDay ? Math.sign(override.shiftQuarters) * day : override.shiftQuarters * quarter;

/** An exdate that names the overridden occurrence is dropped, so that both rules stay unambiguous. */
const exdateOf = (recurrence: Recurrence): number | null =>
  recurrence.exdate !== null && recurrence.exdate !== recurrence.override?.index ? recurrence.exdate : null;

const toCalendarEvents = (spec: EventSpec, index: number, scenario: Scenario): CalendarEvent[] => {
  const shape = shapeOf(spec, scenario);
  const uid = `event-${index}`;
  const master: CalendarEvent = {
    uid,
    subject: spec.subject,
    status: spec.cancelled ? 'cancelled' : 'confirmed',
    start: eventTime(shape.startWall, shape),
    end: eventTime(shape.startWall + shape.lengthWall, shape),
  };
  const { recurrence } = spec;
  if (!recurrence) return [master];
  const step = stepOf(recurrence);
  const exdate = exdateOf(recurrence);
  const events: CalendarEvent[] = [
    {
      ...master,
      recurrence: {
        rrules: [`FREQ=${recurrence.freq};${limitOf(recurrence, shape)}`],
        rdates: [],
        exdates: exdate === null ? [] : [eventTime(shape.startWall + exdate * step, shape)],
      },
    },
  ];
  const { override } = recurrence;
  if (override) {
    const originalWall = shape.startWall + override.index * step;
    const startWall = originalWall + overrideShift(override, shape);
    events.push({
      uid,
      recurrenceId: eventTime(originalWall, shape),
      subject: override.subject,
      status: override.cancelled ? 'cancelled' : 'confirmed',
      start: eventTime(startWall, shape),
      end: eventTime(startWall + shape.lengthWall, shape),
    });
  }
  return events;
};

const horizonOf = (scenario: Scenario): Period => {
  const start =
    instantOf(wallOfDay(scenario.transitionDay) + scenario.horizonFromDay * day, scenario.calendarZone) +
    scenario.horizonQuarter * quarter;
  return period(start, start + scenario.horizonDays * day);
};

const touchesHorizon = (start: number, end: number, horizon: Period): boolean =>
  start < horizon.end && (end > horizon.start || start >= horizon.start);

/** What the calendar means, computed by stepping wall-clock days: every occurrence keeps its local times. */
const expectedInstances = (scenario: Scenario, horizon: Period): EventInstance[] => {
  const expected: EventInstance[] = [];
  scenario.specs.forEach((spec, index) => {
    if (spec.cancelled) return;
    const shape = shapeOf(spec, scenario);
    const uid = `event-${index}`;
    const occurrence = (id: string, subject: string, startWall: number) => {
      const start = instantOf(startWall, shape.zone);
      const end = Math.max(start, instantOf(startWall + shape.lengthWall, shape.zone));
      if (touchesHorizon(start, end, horizon))
        expected.push({ id, uid, subject, start, end, allDay: shape.allDay });
    };
    const { recurrence } = spec;
    if (!recurrence) {
      occurrence(uid, spec.subject, shape.startWall);
      return;
    }
    const exdate = exdateOf(recurrence);
    const { override } = recurrence;
    // An override naming an occurrence beyond the rule still stands on its own, like a single event.
    const last = Math.max(recurrence.count, (override?.index ?? -1) + 1);
    for (let k = 0; k < last; k++) {
      const wall = shape.startWall + k * stepOf(recurrence);
      const id = `${uid}/${shape.allDay ? isoDate(wall) : new Date(instantOf(wall, shape.zone)).toISOString()}`;
      if (override?.index === k) {
        if (!override.cancelled) occurrence(id, override.subject, wall + overrideShift(override, shape));
      } else if (k < recurrence.count && k !== exdate) {
        occurrence(id, spec.subject, wall);
      }
    }
  });
  return expected.sort(
    (a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
};

// ---------------------------------------------------------------------------------------------------
// The naive reference: DESIGN.md §4 read literally, one instant at a time

const naiveKeyMatch = (token: string, contact: Contact, caseSensitive: boolean): boolean =>
  caseSensitive ? token === contact.key : token.toUpperCase() === contact.key.toUpperCase();

/** Subject to groups of contact keys: "+" between two keys joins them, anything else separates. */
const parseNaively = (subject: string, caseSensitive: boolean): string[][] => {
  const text = subject.normalize('NFC');
  const written: string[][] = [];
  let afterPreviousKey = -1;
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const contact = allContacts.find((c) => naiveKeyMatch(match[0], c, caseSensitive));
    if (!contact) continue;
    const between = afterPreviousKey < 0 ? null : text.slice(afterPreviousKey, match.index);
    afterPreviousKey = match.index + match[0].length;
    const last = written.at(-1);
    if (last && between?.trim() === '+') last.push(contact.key);
    else written.push([contact.key]);
  }
  return written;
};

const parsedSubjects = new Map<string, string[][]>();

/** Memoised only because the scan asks for the same few subjects at every probe. */
const naiveGroups = (subject: string, caseSensitive: boolean): string[][] => {
  const key = `${caseSensitive}:${subject}`;
  let groups = parsedSubjects.get(key);
  if (!groups) {
    groups = parseNaively(subject, caseSensitive);
    parsedSubjects.set(key, groups);
  }
  return groups;
};

const withoutRepeats = (groups: readonly (readonly string[])[]): string[][] => {
  const seen = new Set<string>();
  const result: string[][] = [];
  for (const group of groups) {
    const fresh: string[] = [];
    for (const key of group) {
      if (!seen.has(key)) fresh.push(key);
      seen.add(key);
    }
    if (fresh.length > 0) result.push(fresh);
  }
  return result;
};

type NaiveFallback = RoutingTarget | null | 'invalid';

const naiveFallback = (fallback: string | null, caseSensitive: boolean): NaiveFallback => {
  if (fallback === null) return null;
  const contact = allContacts.find((c) => naiveKeyMatch(fallback, c, caseSensitive));
  if (contact) return { key: contact.key, phone: contact.phone };
  return fallback.startsWith('+') ? { phone: fallback as RoutingTarget['phone'] } : 'invalid';
};

interface NaiveDecision {
  readonly groups: string[][];
  readonly reason: Decision['reason'];
  readonly attempts: RoutingTarget[][];
  readonly covering: string[];
}

const byPriority = (a: EventInstance, b: EventInstance): number =>
  b.start - a.start || a.end - a.start - (b.end - b.start) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const naiveDecision = (
  instances: readonly EventInstance[],
  scenario: Scenario,
  fallback: RoutingTarget | null,
  horizon: Period,
  at: number,
): NaiveDecision => {
  const inHorizon = at >= horizon.start && at < horizon.end;
  const covering = inHorizon
    ? instances
        .filter((i) => i.start <= at && at < i.end)
        .filter((i) => naiveGroups(i.subject, scenario.caseSensitive).length > 0)
        .sort(byPriority)
    : [];
  const chosen = scenario.settings.overlapPolicy === 'override' ? covering.slice(0, 1) : covering;
  let groups = withoutRepeats(chosen.flatMap((i) => naiveGroups(i.subject, scenario.caseSensitive)));
  if (scenario.settings.strategy === 'simultaneous' && groups.length > 1) groups = [groups.flat()];
  const phoneOf = (key: string) => allContacts.find((c) => c.key === key)?.phone;
  const attempts: RoutingTarget[][] = groups.map((group) =>
    group.map((key) => ({ key, phone: phoneOf(key) as RoutingTarget['phone'] })),
  );
  if (fallback && !attempts.flat().some((t) => t.phone === fallback.phone)) attempts.push([fallback]);
  const reason = groups.length > 0 ? 'duty' : fallback ? 'fallback' : 'none';
  return { groups, reason, attempts, covering: covering.map((i) => i.id) };
};

// ---------------------------------------------------------------------------------------------------
// Checks

const keysSignature = (groups: readonly (readonly RoutingTarget[])[]): string =>
  groups.map((group) => group.map((t) => t.key).join('+')).join('|');

/** Sorted, non-empty, inside the horizon, not overlapping, and equal neighbours merged. */
const tableFaults = (table: RoutingTable, horizon: Period): string[] =>
  table.slices.flatMap((slice, i) => {
    const faults: string[] = [];
    if (slice.start >= slice.end || slice.groups.length === 0) faults.push(`slice ${i} is empty`);
    if (slice.start < horizon.start || slice.end > horizon.end) faults.push(`slice ${i} leaves the horizon`);
    const previous = table.slices[i - 1];
    if (previous && previous.end > slice.start) faults.push(`slice ${i} overlaps or precedes slice ${i - 1}`);
    if (previous?.end === slice.start && keysSignature(previous.groups) === keysSignature(slice.groups)) {
      faults.push(`slice ${i} equals its neighbour`);
    }
    return faults;
  });

const probesOf = (instances: readonly EventInstance[], horizon: Period, scenario: Scenario): number[] => {
  const probes = [horizon.start - 1, horizon.start, horizon.end - 1, horizon.end];
  for (const i of instances) probes.push(i.start - 1, i.start, i.end - 1, i.end);
  const span = horizon.end - horizon.start + 4 * hour;
  for (const fraction of scenario.randomProbes)
    probes.push(Math.floor(horizon.start - 2 * hour + fraction * span));
  return probes;
};

/** What a caller of resolve sees at one instant, next to what the naive scan says it should be. */
const decisionView = (decision: Decision, at: number) => ({
  at,
  version: decision.version,
  reason: decision.reason,
  attempts: decision.attempts,
  fallbackUsed: decision.fallbackUsed,
  withinHorizon: decision.withinHorizon,
});

const expectedView = (naive: NaiveDecision, fallback: RoutingTarget | null, horizon: Period, at: number) => ({
  at,
  version: 1,
  reason: naive.reason,
  attempts: naive.attempts.map((targets) => ({ targets, ringSeconds: 20 })),
  fallbackUsed: fallback !== null,
  withinHorizon: at >= horizon.start && at < horizon.end,
});

/**
 * What must hold of [from, until): it contains the instant, the same decision object is returned at
 * both ends, the naive groups are the same at both ends and differ just outside (the slice is as long
 * as it can be), and its events are those on duty now plus only others on duty somewhere in it.
 */
const rangeFaults = (
  table: RoutingTable,
  decision: Decision,
  naive: NaiveDecision,
  groupsAt: (t: number) => string[][],
  instances: readonly EventInstance[],
  at: number,
): string[] => {
  const faults: string[] = [];
  const { from, until } = decision;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!(from <= at && at < until)) faults.push('instant outside [from, until)');
  if (!decision.withinHorizon) return faults;
  if (resolve(table, from) !== decision || resolve(table, until - 1) !== decision)
    faults.push('not one object');
  if (!same(groupsAt(from), naive.groups) || !same(groupsAt(until - 1), naive.groups))
    faults.push('groups vary');
  if (from > table.horizon.start && same(groupsAt(from - 1), naive.groups))
    faults.push('could start earlier');
  if (until < table.horizon.end && same(groupsAt(until), naive.groups)) faults.push('could end later');
  if (naive.covering.some((id) => !decision.events.includes(id))) faults.push('misses an event on duty');
  const behind = (id: string) => instances.some((i) => i.id === id && i.start < until && i.end > from);
  if (!decision.events.every(behind)) faults.push('names an event not on duty');
  return faults.map((fault) => `${fault} at ${at}`);
};

const compileScenario = (scenario: Scenario) => {
  const horizon = horizonOf(scenario);
  const events = scenario.specs.flatMap((spec, index) => toCalendarEvents(spec, index, scenario));
  const instances = expandEvents(events, { horizon, timeZone: scenario.calendarZone, zones: customZones });
  const settings: NumberSettingsInput = scenario.settings;
  const run = () =>
    compileRoutingTable({
      instances,
      contacts: directory(allContacts, scenario.caseSensitive),
      settings,
      horizon,
      timeZone: scenario.calendarZone,
      version: 1,
      compiledAt: horizon.start,
    });
  return { horizon, instances, run };
};

// A guard for machines under load, not a performance target: each property takes about a second.
const generous = { timeout: 60_000 };

describe('compiled routing table against a naive scan', () => {
  it(
    'expands random recurring rosters to the wall-clock occurrences they describe, across DST',
    generous,
    () => {
      fc.assert(
        fc.property(scenarioArb, (scenario) => {
          const { horizon, instances } = compileScenario(scenario);
          expect(instances).toEqual(expectedInstances(scenario, horizon));
        }),
        { numRuns: 300 },
      );
    },
  );

  it('resolves every instant like the naive scan, with a well-formed table', generous, () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { horizon, instances, run } = compileScenario(scenario);
        const fallback = naiveFallback(scenario.settings.fallback, scenario.caseSensitive);
        if (fallback === 'invalid') {
          let error: unknown;
          try {
            run();
          } catch (caught) {
            error = caught;
          }
          expect(isRoutingError(error) && error.code).toBe('INVALID_FALLBACK');
          return;
        }
        const { table, unmatched } = run();
        expect(tableFaults(table, horizon)).toEqual([]);
        expect(unmatched.map((u) => u.id).sort()).toEqual(
          instances
            .filter((i) => naiveGroups(i.subject, scenario.caseSensitive).length === 0)
            .map((i) => i.id)
            .sort(),
        );
        const copy = parseRoutingTable(JSON.parse(JSON.stringify(table)));
        const naiveAt = (t: number) => naiveDecision(instances, scenario, fallback, horizon, t);
        const probes = probesOf(instances, horizon, scenario);
        // One comparison per scenario: a failure shows the instants that differ.
        expect(probes.map((at) => decisionView(resolve(table, at), at))).toEqual(
          probes.map((at) => expectedView(naiveAt(at), fallback, horizon, at)),
        );
        expect(
          probes.flatMap((at) =>
            rangeFaults(table, resolve(table, at), naiveAt(at), (t) => naiveAt(t).groups, instances, at),
          ),
        ).toEqual([]);
        expect(probes.map((at) => resolve(copy, at))).toEqual(probes.map((at) => resolve(table, at)));
      }),
      { numRuns: 300 },
    );
  });
});
