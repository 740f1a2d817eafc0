import {
  type CalendarChanges,
  type CalendarEvent,
  type CalendarSource,
  compileCalendar,
  createContactDirectory,
  parseContact,
  period,
  resolve,
  type ZoneDefinitions,
} from '@wygc/routing-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalDavAdapter } from './caldav-adapter.ts';
import type { SyncError } from './sync-error.ts';
import { isRadicaleInstalled, type RadicaleServer, startRadicale } from './testing/radicale-server.ts';

const amsterdam = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Amsterdam',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const vcalendar = (...lines: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//WYGC//test//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');

const vevent = (uid: string, ...lines: string[]) => [
  'BEGIN:VEVENT',
  `UID:${uid}`,
  'DTSTAMP:20270101T000000Z',
  ...lines,
  'END:VEVENT',
];

const shift = (subject: string, uid = 'shift') =>
  vcalendar(
    ...amsterdam,
    ...vevent(
      uid,
      `SUMMARY:${subject}`,
      'DTSTART;TZID=Europe/Amsterdam:20270326T170000',
      'DTEND;TZID=Europe/Amsterdam:20270329T080000',
    ),
  );

const horizon = period(Date.parse('2027-03-20T00:00:00Z'), Date.parse('2027-04-20T00:00:00Z'));

const contacts = createContactDirectory([
  parseContact({ key: 'JD', phone: '06 12345678' }),
  parseContact({ key: 'PK', phone: '06 87654321' }),
]);

/** The events a pipeline would keep for one source, and who its routing table rings. */
const createRoster = () => {
  const events = new Map<string, CalendarEvent>();
  let timeZone = 'Europe/Amsterdam';
  let zones: ZoneDefinitions = {};
  return {
    apply: (changes: CalendarChanges) => {
      if (changes.replaceAll) events.clear();
      for (const id of changes.deletes) events.delete(id);
      for (const { externalId, event } of changes.upserts) events.set(externalId, event);
      timeZone = changes.timeZone ?? timeZone;
      zones = changes.zones ?? zones;
    },
    who: (iso: string): string[][] => {
      const { table } = compileCalendar({
        events: [...events.values()],
        timeZone,
        zones,
        contacts,
        settings: {},
        horizon,
        version: 1,
        compiledAt: horizon.start,
      });
      return resolve(table, Date.parse(iso)).attempts.map((a) => a.targets.map((t) => t.key ?? t.phone));
    },
  };
};

const failure = async (promise: Promise<unknown>): Promise<SyncError> => {
  try {
    await promise;
  } catch (error) {
    return error as SyncError;
  }
  throw new Error('expected a rejection');
};

const skipReason = isRadicaleInstalled()
  ? undefined
  : 'radicale is not installed (Debian: apt-get install radicale)';

describe.skipIf(skipReason !== undefined)(
  `createCalDavAdapter against Radicale${skipReason ? ` — skipped: ${skipReason}` : ''}`,
  () => {
    let server: RadicaleServer;
    let calendars = 0;
    // Radicale runs on loopback, which production refuses.
    const adapter = createCalDavAdapter({ allowHosts: ['127.0.0.1'] });

    beforeAll(async () => {
      server = await startRadicale();
    }, 60_000);
    afterAll(async () => {
      await server?.stop();
    });

    const newSource = async (extra: Partial<CalendarSource> = {}): Promise<CalendarSource> => ({
      id: `source-${++calendars}`,
      tenantId: 'tenant-1',
      provider: 'caldav',
      externalId: await server.createCalendar(`duty-${calendars}`, { displayName: 'Storingsdienst' }),
      name: '',
      timeZone: 'Europe/Amsterdam',
      zones: {},
      credentials: { username: server.username, password: server.password },
      createdAt: 0,
      ...extra,
    });

    it('routes events created over CalDAV, follows a change and a delete', async () => {
      let source = await newSource();
      const roster = createRoster();
      await server.putEvent(source.externalId, 'shift.ics', shift('Storing JD'));

      const created = await adapter.fetchChanges(source, { horizon });
      expect(created.replaceAll).toBe(true);
      expect(created.upserts.map((u) => u.externalId)).toEqual([
        `${new URL(source.externalId).pathname}shift.ics#shift`,
      ]);
      roster.apply(created);
      expect(roster.who('2027-03-28T12:00:00+02:00')).toEqual([['JD']]);
      expect(roster.who('2027-03-29T08:00:00+02:00')).toEqual([]);

      source = { ...source, ...(created.cursor ? { cursor: created.cursor } : {}) };
      await server.putEvent(source.externalId, 'shift.ics', shift('Storing PK'));
      const changed = await adapter.fetchChanges(source, { horizon });
      expect(changed.cursor).not.toBe(created.cursor);
      roster.apply(changed);
      expect(roster.who('2027-03-28T12:00:00+02:00')).toEqual([['PK']]);

      source = { ...source, ...(changed.cursor ? { cursor: changed.cursor } : {}) };
      await server.deleteEvent(source.externalId, 'shift.ics');
      const deleted = await adapter.fetchChanges(source, { horizon });
      expect(deleted).toMatchObject({ upserts: [], replaceAll: true });
      roster.apply(deleted);
      expect(roster.who('2027-03-28T12:00:00+02:00')).toEqual([]);
    });

    it('reports no changes and keeps the cursor when nothing changed', async () => {
      const source = await newSource();
      await server.putEvent(source.externalId, 'shift.ics', shift('Storing JD'));
      const first = await adapter.fetchChanges(source, { horizon });
      expect(JSON.parse(first.cursor ?? '')).toMatchObject({ syncToken: expect.stringMatching(/^http/) });
      const again = await adapter.fetchChanges(
        { ...source, ...(first.cursor ? { cursor: first.cursor } : {}) },
        { horizon },
      );
      expect(again).toEqual({ upserts: [], deletes: [], replaceAll: false, cursor: first.cursor });
    });

    it('keeps a recurring event and its override, stored as one object', async () => {
      const source = await newSource();
      const roster = createRoster();
      await server.putEvent(
        source.externalId,
        'weekend.ics',
        vcalendar(
          ...amsterdam,
          ...vevent(
            'weekend',
            'SUMMARY:Storing JD',
            'DTSTART;TZID=Europe/Amsterdam:20270319T170000',
            'DTEND;TZID=Europe/Amsterdam:20270322T080000',
            'RRULE:FREQ=WEEKLY;BYDAY=FR',
          ),
          ...vevent(
            'weekend',
            'SUMMARY:Storing PK',
            'RECURRENCE-ID;TZID=Europe/Amsterdam:20270402T170000',
            'DTSTART;TZID=Europe/Amsterdam:20270402T170000',
            'DTEND;TZID=Europe/Amsterdam:20270405T080000',
          ),
        ),
      );
      const changes = await adapter.fetchChanges(source, { horizon });
      const href = `${new URL(source.externalId).pathname}weekend.ics`;
      expect(changes.upserts.map((u) => u.externalId).sort()).toEqual([
        `${href}#weekend`,
        `${href}#weekend|2027-04-02T17:00:00`,
      ]);
      roster.apply(changes);
      expect(roster.who('2027-03-27T12:00:00+01:00')).toEqual([['JD']]);
      expect(roster.who('2027-04-03T12:00:00+02:00')).toEqual([['PK']]);
      expect(roster.who('2027-04-10T12:00:00+02:00')).toEqual([['JD']]);
    });

    it('lists everything again when the server no longer knows the sync token', async () => {
      const source = await newSource();
      await server.putEvent(source.externalId, 'shift.ics', shift('Storing JD'));
      const stale = JSON.stringify({ syncToken: `http://radicale.org/ns/sync/${'0'.repeat(64)}` });
      const changes = await adapter.fetchChanges({ ...source, cursor: stale }, { horizon });
      expect(changes.replaceAll).toBe(true);
      expect(changes.upserts).toHaveLength(1);
      expect(changes.cursor).not.toBe(stale);
    });

    it('falls back to the CTag when the cursor holds no sync token', async () => {
      const source = await newSource();
      await server.putEvent(source.externalId, 'shift.ics', shift('Storing JD'));
      const { cursor } = await adapter.fetchChanges(source, { horizon });
      const ctagOnly = JSON.stringify({ ctag: JSON.parse(cursor ?? '').ctag });
      await expect(adapter.fetchChanges({ ...source, cursor: ctagOnly }, { horizon })).resolves.toEqual({
        upserts: [],
        deletes: [],
        replaceAll: false,
        cursor: ctagOnly,
      });
      await server.putEvent(source.externalId, 'other.ics', shift('Storing PK', 'other'));
      const changed = await adapter.fetchChanges({ ...source, cursor: ctagOnly }, { horizon });
      expect(changed.replaceAll).toBe(true);
      expect(changed.upserts).toHaveLength(2);
    });

    it('describes the calendar by displayname and calendar-timezone, and uses that zone for floating times', async () => {
      const externalId = await server.createCalendar(`tz-${++calendars}`, {
        displayName: 'Storingsdienst Noord',
        timeZoneIcs: vcalendar(...amsterdam),
      });
      const source = { ...(await newSource()), externalId, timeZone: 'UTC' };
      await expect(adapter.describe(source)).resolves.toEqual({
        name: 'Storingsdienst Noord',
        timeZone: 'Europe/Amsterdam',
      });
      await server.putEvent(
        externalId,
        'floating.ics',
        vcalendar(...vevent('floating', 'SUMMARY:JD', 'DTSTART:20270327T090000', 'DTEND:20270327T110000')),
      );
      const changes = await adapter.fetchChanges(source, { horizon });
      expect(changes.timeZone).toBe('Europe/Amsterdam');
      expect(changes.upserts[0]?.event.start).toEqual({
        dateTime: '2027-03-27T09:00:00',
        timeZone: 'Europe/Amsterdam',
      });
    });

    it('refuses a wrong password with AUTH_FAILED, without repeating it', async () => {
      const source = await newSource();
      const wrong = { ...source, credentials: { username: server.username, password: 'not-the-password' } };
      const error = await failure(adapter.fetchChanges(wrong, { horizon }));
      expect([error.code, error.status]).toEqual(['AUTH_FAILED', 401]);
      expect(error.message).not.toContain('not-the-password');
      await expect(adapter.describe(wrong)).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    });

    it('refuses a URL that is not a calendar, and one that does not exist', async () => {
      const source = await newSource();
      const home = new URL(`/${server.username}/`, server.url).href;
      await expect(adapter.fetchChanges({ ...source, externalId: home }, { horizon })).rejects.toMatchObject({
        code: 'INVALID_CONFIG',
      });
      await expect(adapter.describe({ ...source, externalId: `${home}missing/` })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('refuses a loopback server by default', async () => {
      const source = await newSource();
      await expect(createCalDavAdapter().fetchChanges(source, { horizon })).rejects.toMatchObject({
        code: 'INVALID_CONFIG',
      });
    });
  },
);
