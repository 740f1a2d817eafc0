import { describe, expect, it } from 'vitest';
import type { CalendarEvent } from './calendar-event.ts';
import type { CalendarSource } from './calendar-source.ts';
import { compileNumber } from './compile-number.ts';
import { period } from './horizon.ts';
import type { E164 } from './phone-number.ts';
import { resolve } from './resolve-decision.ts';
import type { RoutedNumber } from './routed-number.ts';
import { tenantSettingsSchema } from './tenant.ts';
import { allContacts, amsterdam, keysOf, local, newYork } from './test-support.ts';

const source = (id: string, timeZone: string): CalendarSource => ({
  id,
  tenantId: 't1',
  provider: 'ics',
  externalId: `https://example.test/${id}.ics`,
  name: id,
  timeZone,
  zones: {},
  credentials: {},
  createdAt: 0,
});

const number: RoutedNumber = {
  id: 'n1',
  tenantId: 't1',
  did: '+31501234500' as E164,
  name: 'Storingsdienst',
  sourceIds: ['nl', 'us'],
  fallback: 'FB',
  strategy: 'sequential',
  ringSeconds: 30,
  overlapPolicy: 'layered',
  createdAt: 0,
};

const allDay = (uid: string, subject: string, date: string, next: string): CalendarEvent => ({
  uid,
  subject,
  status: 'confirmed',
  start: { date },
  end: { date: next },
});

const compileFor = (caseSensitiveKeys: boolean) =>
  compileNumber({
    tenant: {
      id: 't1',
      name: 'Klant',
      status: 'active',
      timeZone: amsterdam,
      settings: tenantSettingsSchema.parse({ caseSensitiveKeys }),
      createdAt: 0,
    },
    number,
    contacts: allContacts,
    sources: [
      { source: source('nl', amsterdam), events: [allDay('nl-day', 'JD', '2027-03-28', '2027-03-29')] },
      { source: source('us', newYork), events: [allDay('us-day', 'pk', '2027-03-28', '2027-03-29')] },
    ],
    horizon: period(local('2027-03-22T00:00'), local('2027-04-05T00:00')),
    version: 4,
    compiledAt: local('2027-03-22T00:00'),
  });

describe('compileNumber', () => {
  it('expands each calendar in its own time zone and applies the number settings', () => {
    const { table } = compileFor(false);
    const who = (at: number) => keysOf(resolve(table, at).attempts.map((a) => a.targets));
    // 28 March is 23 hours in Amsterdam; in New York it starts six hours later and lasts 24 hours.
    expect(who(local('2027-03-28T00:00'))).toEqual([['JD'], ['FB']]);
    expect(who(local('2027-03-28T00:00', newYork))).toEqual([['PK'], ['JD'], ['FB']]);
    expect(who(local('2027-03-29T00:00'))).toEqual([['PK'], ['FB']]);
    expect(who(local('2027-03-29T00:00', newYork))).toEqual([['FB']]);
    expect(table).toMatchObject({ did: '+31501234500', ringSeconds: 30, version: 4, timeZone: amsterdam });
  });

  it('matches keys as the tenant chose', () => {
    const { table, unmatched } = compileFor(true);
    expect(unmatched.map((u) => u.id)).toEqual(['us-day']);
    expect(keysOf(table.slices.flatMap((s) => s.groups))).toEqual([['JD']]);
  });
});
