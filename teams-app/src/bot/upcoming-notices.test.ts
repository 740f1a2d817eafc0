import { type PublishedTable, type RoutingTable, toE164 } from '@wygc/routing-core';
import { describe, expect, it } from 'vitest';
import { findUpcomingNotices } from './upcoming-notices.ts';

const hour = 3_600_000;
const jd = { key: 'JD', phone: toE164('+31612345678') };
const pk = { key: 'PK', phone: toE164('+31623456789') };

const published = (
  table: Partial<RoutingTable>,
  unmatched: PublishedTable['unmatched'] = [],
): PublishedTable =>
  ({
    tenantId: 't',
    numberId: 'n',
    did: '+31501234567',
    version: 1,
    unmatched,
    table: {
      format: 1,
      version: 1,
      compiledAt: 0,
      timeZone: 'Europe/Amsterdam',
      horizon: { start: 0, end: 100 * hour },
      ringSeconds: 20,
      strategy: 'sequential',
      overlapPolicy: 'layered',
      fallback: null,
      slices: [],
      ...table,
    },
  }) as PublishedTable;

const options = { problemWindowMs: 48 * hour, dutyLeadMs: hour / 4, dutyGraceMs: hour };

describe('findUpcomingNotices', () => {
  it('reports gaps that start within the window or are under way, known by their start', () => {
    const table = published({
      slices: [
        { start: 0, end: 30 * hour, groups: [[jd]], events: ['a'] },
        { start: 40 * hour, end: 90 * hour, groups: [[pk]], events: ['b'] },
      ],
    });
    expect(findUpcomingNotices(table, { now: 10 * hour, ...options })).toEqual([
      {
        kind: 'gap',
        id: 'gap:n:108000000',
        numberId: 'n',
        start: 30 * hour,
        end: 40 * hour,
        keepUntil: 40 * hour,
      },
    ]);
    // Under way at 35 h; the gap from 90 h enters the 48-hour window at 42 h.
    expect(findUpcomingNotices(table, { now: 35 * hour, ...options }).map((n) => n.id)).toEqual([
      'gap:n:108000000',
    ]);
    expect(findUpcomingNotices(table, { now: 43 * hour, ...options }).map((n) => n.id)).toEqual([
      'gap:n:324000000',
    ]);
  });

  it('keeps the id of a gap that was already open at the horizon start across recompiles', () => {
    const at = (horizonStart: number) =>
      findUpcomingNotices(
        published({
          horizon: { start: horizonStart, end: 100 * hour },
          slices: [{ start: 20 * hour, end: 100 * hour, groups: [[jd]], events: ['a'] }],
        }),
        { now: 10 * hour, ...options },
      ).map((notice) => notice.id);
    expect(at(0)).toEqual(['gap:n:open']);
    expect(at(5 * hour)).toEqual(['gap:n:open']);
  });

  it('reports unmatched events that start within the window or are under way', () => {
    const event = (id: string, start: number, end: number) => ({
      id,
      uid: id,
      start,
      end,
      subject: 'XY',
      unmatchedTokens: ['XY'],
    });
    const table = published({ slices: [{ start: 0, end: 100 * hour, groups: [[jd]], events: ['a'] }] }, [
      event('past', 1 * hour, 2 * hour),
      event('now', 9 * hour, 11 * hour),
      event('soon', 50 * hour, 51 * hour),
      event('later', 70 * hour, 71 * hour),
      event('instant', 12 * hour, 12 * hour),
    ]);
    expect(findUpcomingNotices(table, { now: 10 * hour, ...options }).map((n) => n.id)).toEqual([
      'unmatched:n:now',
      'unmatched:n:soon',
      'unmatched:n:instant',
    ]);
  });

  it('tells a contact their duty start within the lead time, with the end of their whole duty', () => {
    const table = published({
      slices: [
        { start: 10 * hour, end: 12 * hour, groups: [[jd]], events: ['a'] },
        { start: 12 * hour, end: 14 * hour, groups: [[jd, pk]], events: ['a', 'b'] },
        { start: 14 * hour, end: 20 * hour, groups: [[pk]], events: ['b'] },
      ],
    });
    const duty = (now: number) =>
      findUpcomingNotices(table, { now, ...options }).filter((notice) => notice.kind === 'on-duty');
    expect(duty(9 * hour)).toEqual([]);
    expect(duty(10 * hour - 10 * 60_000)).toEqual([
      {
        kind: 'on-duty',
        id: 'on-duty:n:JD:36000000',
        numberId: 'n',
        contactKey: 'JD',
        start: 10 * hour,
        end: 14 * hour,
        keepUntil: 14 * hour,
      },
    ]);
    // PK joins at 12:00 and stays until 20:00; JD was already on duty, so is not told again.
    expect(duty(12 * hour - 5 * 60_000).map((notice) => [notice.contactKey, notice.end])).toEqual([
      ['PK', 20 * hour],
    ]);
    // A run that comes late still tells, up to the grace period.
    expect(duty(12 * hour + 50 * 60_000).map((notice) => notice.contactKey)).toEqual(['PK']);
    expect(duty(13 * hour + 10 * 60_000)).toEqual([]);
  });
});
