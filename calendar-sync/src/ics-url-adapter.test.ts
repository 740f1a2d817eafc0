import type { CalendarSource } from '@wygc/routing-core';
import { period } from '@wygc/routing-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createIcsUrlAdapter, type IcsUrlAdapterOptions } from './ics-url-adapter.ts';
import type { SyncError } from './sync-error.ts';
import { type IcsHttpFake, type IcsHttpFakeOptions, startIcsHttpFake } from './testing/ics-http-fake.ts';

const calendar = (...events: string[][]) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//WYGC//test//EN',
    'X-WR-CALNAME:Storingsdienst',
    'X-WR-TIMEZONE:Europe/Amsterdam',
    ...events.flat(),
    'END:VCALENDAR',
    '',
  ].join('\r\n');

const vevent = (...lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];

const roster = calendar(
  vevent(
    'UID:weekend',
    'SUMMARY:Storing JD',
    'DTSTART;TZID=Europe/Amsterdam:20270319T170000',
    'DTEND;TZID=Europe/Amsterdam:20270322T080000',
    'RRULE:FREQ=WEEKLY;BYDAY=FR',
  ),
  vevent(
    'UID:weekend',
    'SUMMARY:Storing PK',
    'RECURRENCE-ID;TZID=Europe/Amsterdam:20270402T170000',
    'DTSTART;TZID=Europe/Amsterdam:20270402T170000',
    'DTEND;TZID=Europe/Amsterdam:20270405T080000',
  ),
);

const horizon = period(Date.UTC(2027, 2, 20), Date.UTC(2027, 3, 20));

const sourceFor = (externalId: string, extra: Partial<CalendarSource> = {}): CalendarSource => ({
  id: 'source-1',
  tenantId: 'tenant-1',
  provider: 'ics',
  externalId,
  name: '',
  timeZone: 'Europe/Amsterdam',
  zones: {},
  credentials: {},
  createdAt: 0,
  ...extra,
});

let fake: IcsHttpFake | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

const start = async (options: IcsHttpFakeOptions = {}) => {
  fake = await startIcsHttpFake({ calendar: roster, ...options });
  return fake;
};

// Tests reach the fake on loopback, which production refuses.
const loopback = (options: IcsUrlAdapterOptions = {}) =>
  createIcsUrlAdapter({ allowHosts: ['127.0.0.1'], ...options });

const failure = async (promise: Promise<unknown>): Promise<SyncError> => {
  try {
    await promise;
  } catch (error) {
    return error as SyncError;
  }
  throw new Error('expected a rejection');
};

describe('createIcsUrlAdapter', () => {
  it('downloads the feed as a full listing with one id per series and override', async () => {
    const feed = await start();
    const changes = await loopback().fetchChanges(sourceFor(feed.url), { horizon });
    expect(changes.replaceAll).toBe(true);
    expect(changes.deletes).toEqual([]);
    expect(changes.upserts.map((u) => [u.externalId, u.event.subject])).toEqual([
      ['weekend', 'Storing JD'],
      ['weekend|2027-04-02T17:00:00', 'Storing PK'],
    ]);
    expect(changes.timeZone).toBe('Europe/Amsterdam');
    expect(JSON.parse(changes.cursor ?? '')).toMatchObject({
      etag: '"v1"',
      lastModified: 'Mon, 04 Jan 2027 09:00:00 GMT',
    });
    expect(feed.requests[0]?.headers['user-agent']).toMatch(/WhoYouGonnaCall/);
  });

  it('sends the validators back and reports no changes on 304', async () => {
    const feed = await start();
    const adapter = loopback();
    const first = await adapter.fetchChanges(sourceFor(feed.url), { horizon });
    const second = await adapter.fetchChanges(sourceFor(feed.url, { cursor: first.cursor }), { horizon });
    expect(second).toEqual({ upserts: [], deletes: [], replaceAll: false, cursor: first.cursor });
    expect(feed.requests[1]?.headers['if-none-match']).toBe('"v1"');
    expect(feed.requests[1]?.headers['if-modified-since']).toBe('Mon, 04 Jan 2027 09:00:00 GMT');
  });

  it('replaces everything when the feed changed', async () => {
    const feed = await start();
    const adapter = loopback();
    const first = await adapter.fetchChanges(sourceFor(feed.url), { horizon });
    feed.setCalendar(
      calendar(vevent('UID:dentist', 'SUMMARY:EB', 'DTSTART:20270327T090000Z', 'DTEND:20270327T110000Z')),
    );
    const second = await adapter.fetchChanges(sourceFor(feed.url, { cursor: first.cursor }), { horizon });
    expect(second.replaceAll).toBe(true);
    expect(second.upserts.map((u) => u.externalId)).toEqual(['dentist']);
    expect(JSON.parse(second.cursor ?? '')).toMatchObject({ etag: '"v2"' });
  });

  it('recognises an unchanged feed without validators by its content', async () => {
    const feed = await start({ validators: false });
    const adapter = loopback();
    const first = await adapter.fetchChanges(sourceFor(feed.url), { horizon });
    const same = await adapter.fetchChanges(sourceFor(feed.url, { cursor: first.cursor }), { horizon });
    expect(same).toMatchObject({ upserts: [], replaceAll: false, cursor: first.cursor });
    feed.setCalendar(roster.replace('Storing PK', 'Storing EB'));
    const changed = await adapter.fetchChanges(sourceFor(feed.url, { cursor: same.cursor }), { horizon });
    expect(changed.replaceAll).toBe(true);
    expect(changed.upserts[1]?.event.subject).toBe('Storing EB');
  });

  it('ignores a cursor it cannot read and downloads everything', async () => {
    const feed = await start();
    const changes = await loopback().fetchChanges(sourceFor(feed.url, { cursor: 'not json' }), { horizon });
    expect(changes.replaceAll).toBe(true);
    expect(feed.requests[0]?.headers['if-none-match']).toBeUndefined();
  });

  it('refuses a malformed feed with the line, but without its content', async () => {
    const feed = await start({
      calendar: calendar(
        vevent('UID:x', 'SUMMARY:Secret JD', 'DTSTART:2027-03-27 nine', 'DTEND:20270327T110000Z'),
      ),
    });
    const error = await failure(loopback().fetchChanges(sourceFor(feed.url), { horizon }));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toContain('line 9');
    expect(error.message).not.toMatch(/Secret|nine/);
  });

  it('sends basic and bearer credentials', async () => {
    const basic = `Basic ${Buffer.from('jan:geheim').toString('base64')}`;
    const feed = await start({ authorization: basic });
    const source = sourceFor(feed.url, { credentials: { username: 'jan', password: 'geheim' } });
    await expect(loopback().fetchChanges(source, { horizon })).resolves.toMatchObject({ replaceAll: true });
    const bearer = await failure(
      loopback().fetchChanges(sourceFor(feed.url, { credentials: { bearer: 't0k3n' } }), { horizon }),
    );
    expect(feed.requests[1]?.headers.authorization).toBe('Bearer t0k3n');
    expect(bearer.code).toBe('AUTH_FAILED');
  });

  it('maps a refused login to AUTH_FAILED', async () => {
    const feed = await start({ authorization: 'Basic something-else' });
    const source = sourceFor(feed.url, { credentials: { username: 'jan', password: 'wrong-password' } });
    const error = await failure(loopback().fetchChanges(source, { horizon }));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.status).toBe(401);
    expect(error.message).not.toContain('wrong-password');
  });

  it('refuses credentials of an unknown shape without repeating them', async () => {
    const feed = await start();
    const source = sourceFor(feed.url, { credentials: { user: 'jan', pass: 'hunter2' } });
    const error = await failure(loopback().fetchChanges(source, { horizon }));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.message).not.toContain('hunter2');
    expect(feed.requests).toHaveLength(0);
  });

  it('maps server errors and throttling to retryable errors', async () => {
    const feed = await start();
    feed.respondWith({ status: 500 });
    const outage = await failure(loopback().fetchChanges(sourceFor(feed.url), { horizon }));
    expect([outage.code, outage.retryable]).toEqual(['PROVIDER_UNAVAILABLE', true]);
    feed.respondWith({ status: 429, headers: { 'retry-after': '120' } });
    const throttled = await failure(loopback().fetchChanges(sourceFor(feed.url), { horizon }));
    expect([throttled.code, throttled.retryAfterMs]).toEqual(['RATE_LIMITED', 120_000]);
  });

  it('maps a missing feed to NOT_FOUND', async () => {
    const feed = await start();
    feed.respondWith({ status: 404 });
    const error = await failure(loopback().fetchChanges(sourceFor(feed.url), { horizon }));
    expect(error.code).toBe('NOT_FOUND');
  });

  it.each([false, true])('refuses a body over the size limit (chunked: %s)', async (chunked) => {
    const feed = await start({ chunked });
    const error = await failure(loopback({ maxBytes: 300 }).fetchChanges(sourceFor(feed.url), { horizon }));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toMatch(/larger than/);
  });

  it('refuses loopback and private addresses by default, before connecting', async () => {
    const feed = await start();
    const error = await failure(createIcsUrlAdapter().fetchChanges(sourceFor(feed.url), { horizon }));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(feed.requests).toHaveLength(0);
  });

  it('checks the address a host name resolves to, and connects to that address', async () => {
    const feed = await start();
    const url = feed.url.replace('127.0.0.1', 'calendar.example');
    const resolveHost = async () => [{ address: '127.0.0.1', family: 4 }];
    const refused = await failure(
      createIcsUrlAdapter({ resolveHost }).fetchChanges(sourceFor(url), { horizon }),
    );
    expect(refused.code).toBe('INVALID_CONFIG');
    expect(feed.requests).toHaveLength(0);
    const trusted = createIcsUrlAdapter({ resolveHost, allowHosts: ['calendar.example'] });
    await expect(trusted.fetchChanges(sourceFor(url), { horizon })).resolves.toMatchObject({
      replaceAll: true,
    });
    expect(feed.requests[0]?.headers.host).toMatch(/^calendar\.example:/);
  });

  it('checks every redirect hop and drops credentials on another origin', async () => {
    const feed = await start();
    const target = await startIcsHttpFake({ calendar: roster });
    try {
      const resolveHost = async () => [{ address: '127.0.0.1', family: 4 }];
      const adapter = loopback({ resolveHost, allowHosts: ['127.0.0.1', 'feeds.example'] });
      const source = sourceFor(feed.url, { credentials: { bearer: 'secret' } });
      feed.respondWith({
        status: 302,
        headers: { location: target.url.replace('127.0.0.1', 'feeds.example') },
      });
      await expect(adapter.fetchChanges(source, { horizon })).resolves.toMatchObject({ replaceAll: true });
      expect(target.requests[0]?.headers.authorization).toBeUndefined();
      feed.respondWith({
        status: 302,
        headers: { location: target.url.replace('127.0.0.1', 'intranet.example') },
      });
      const error = await failure(adapter.fetchChanges(source, { horizon }));
      expect(error.code).toBe('INVALID_CONFIG');
      expect(target.requests).toHaveLength(1);
    } finally {
      await target.stop();
    }
  });

  it('rewrites webcal:// to https:// and refuses other schemes', async () => {
    const seen: string[] = [];
    const adapter = createIcsUrlAdapter({
      fetch: async (input) => {
        seen.push(String(input));
        return new Response(roster, { status: 200 });
      },
    });
    await adapter.fetchChanges(sourceFor('webcal://calendar.example/team.ics'), { horizon });
    expect(seen).toEqual(['https://calendar.example/team.ics']);
    const error = await failure(
      adapter.fetchChanges(sourceFor('ftp://calendar.example/team.ics'), { horizon }),
    );
    expect(error.code).toBe('INVALID_CONFIG');
  });

  it('describes the feed by X-WR-CALNAME and time zone', async () => {
    const feed = await start();
    await expect(loopback().describe(sourceFor(feed.url, { timeZone: 'UTC' }))).resolves.toEqual({
      name: 'Storingsdienst',
      timeZone: 'Europe/Amsterdam',
    });
  });

  it('gives up on a server that does not answer in time', async () => {
    const adapter = createIcsUrlAdapter({
      timeoutMs: 20,
      fetch: (_input, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        ),
    });
    const error = await failure(
      adapter.fetchChanges(sourceFor('https://calendar.example/team.ics'), { horizon }),
    );
    expect([error.code, error.retryable]).toEqual(['PROVIDER_UNAVAILABLE', true]);
  });

  it('passes a caller abort on as it is', async () => {
    const feed = await start();
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    await expect(
      loopback().fetchChanges(sourceFor(feed.url), { horizon, signal: controller.signal }),
    ).rejects.toThrow('shutting down');
  });
});
