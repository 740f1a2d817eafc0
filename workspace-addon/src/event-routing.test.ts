import type { Contact, E164, RoutedNumber } from '@wygc/routing-core';
import { describe, expect, it } from 'vitest';
import { describeEventRouting } from './event-routing.ts';

const contacts: Contact[] = [
  { key: 'JD', phone: '+31612345678' as E164, description: 'Jan de Vries' },
  { key: 'PK', phone: '+31623456789' as E164 },
  { key: 'MK', phone: '+31507654321' as E164 },
];

const number = (patch: Partial<RoutedNumber> = {}): RoutedNumber => ({
  id: 'n1',
  tenantId: 't1',
  did: '+31501234567' as E164,
  name: 'Storingsdienst',
  sourceIds: ['s1'],
  fallback: 'MK',
  strategy: 'sequential',
  ringSeconds: 20,
  overlapPolicy: 'layered',
  createdAt: 0,
  ...patch,
});

const keysOf = (groups: readonly (readonly { key?: string }[])[]) => groups.map((g) => g.map((t) => t.key));

describe('event routing', () => {
  it('rings the groups in order, then the fallback', () => {
    const routing = describeEventRouting({
      subject: 'JD+PK, storing',
      contacts,
      caseSensitive: false,
      numbers: [number()],
    });
    expect(routing.matched).toBe(true);
    expect(routing.unmatchedTokens).toEqual(['storing']);
    expect(keysOf(routing.numbers[0]?.groups ?? [])).toEqual([['JD', 'PK']]);
    expect(routing.numbers[0]?.fallback).toEqual({ key: 'MK', phone: '+31507654321' });
  });

  it('matches keys without regard to case unless the organisation chose otherwise', () => {
    expect(describeEventRouting({ subject: 'jd', contacts, caseSensitive: false, numbers: [] }).matched).toBe(
      true,
    );
    expect(describeEventRouting({ subject: 'jd', contacts, caseSensitive: true, numbers: [] }).matched).toBe(
      false,
    );
  });

  it('rings everyone at once for a simultaneous number', () => {
    const routing = describeEventRouting({
      subject: 'JD, PK',
      contacts,
      caseSensitive: false,
      numbers: [number({ strategy: 'simultaneous' })],
    });
    expect(keysOf(routing.numbers[0]?.groups ?? [])).toEqual([['JD', 'PK']]);
  });

  it('does not ring the fallback twice when it is on duty', () => {
    const routing = describeEventRouting({
      subject: 'MK',
      contacts,
      caseSensitive: false,
      numbers: [number()],
    });
    expect(routing.numbers[0]?.fallback).toBeNull();
  });

  it('uses a phone number as fallback, and shows none when the fallback no longer resolves', () => {
    const byPhone = describeEventRouting({
      subject: 'JD',
      contacts,
      caseSensitive: false,
      numbers: [number({ fallback: '050 111 2222' })],
    });
    expect(byPhone.numbers[0]?.fallback).toEqual({ phone: '+31501112222' });
    const gone = describeEventRouting({
      subject: 'JD',
      contacts,
      caseSensitive: false,
      numbers: [number({ fallback: 'XX' })],
    });
    expect(gone.numbers[0]?.fallback).toBeNull();
  });

  it('reports a subject that selects nobody as unmatched, with its tokens', () => {
    const routing = describeEventRouting({
      subject: 'JDD (reserve)',
      contacts,
      caseSensitive: false,
      numbers: [number()],
    });
    expect(routing).toMatchObject({ matched: false, unmatchedTokens: ['JDD', 'reserve'] });
    expect(routing.numbers[0]?.groups).toEqual([]);
  });
});
