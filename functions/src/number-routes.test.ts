import { recompileTenantTables } from '@wygc/calendar-sync';
import type { CalendarEvent } from '@wygc/routing-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNumberRoutes } from './number-routes.ts';
import { type ApiTestHarness, createApiTestHarness, type TestTenant } from './testing/api-test-harness.ts';

const zone = 'Europe/Amsterdam';

const timed = (
  uid: string,
  subject: string,
  start: string,
  end: string,
  extra: Partial<CalendarEvent> = {},
): CalendarEvent => ({
  uid,
  subject,
  status: 'confirmed',
  start: { dateTime: start, timeZone: zone },
  end: { dateTime: end, timeZone: zone },
  ...extra,
});

/** Every weekend from Friday 17:00 to Monday 08:00, by the calendar's wall clock. */
const weekendShift = timed('weekend@test', 'Storing JD', '2027-03-19T17:00:00', '2027-03-22T08:00:00', {
  recurrence: { rrules: ['FREQ=WEEKLY;BYDAY=FR'], rdates: [], exdates: [] },
});
/** PK takes Saturday night over, across the change to summer time on Sunday 28 March 2027. */
const override = timed('override@test', 'PK', '2027-03-27T20:00:00', '2027-03-28T10:00:00');
const typo = timed('typo@test', 'Storing XY', '2027-03-29T09:00:00', '2027-03-29T10:00:00');

describe('numbers API', () => {
  let harness: ApiTestHarness;
  let a: TestTenant;
  let b: TestTenant;
  let sourceA: string;
  let sourceB: string;
  const changed: string[] = [];

  beforeAll(async () => {
    harness = await createApiTestHarness((api, { clock }) => {
      api.route(
        '/api/v1',
        createNumberRoutes({ onRosterChange: (tenantId) => changed.push(tenantId), clock }),
      );
    });
    a = await harness.createTenant('A');
    b = await harness.createTenant('B');
    for (const t of [a, b]) {
      const tenant = harness.store.forTenant(t.tenantId, { actor: 'system:test' });
      await tenant.contacts.create({ key: 'JD', phone: '06 12345678', description: 'Jan de Vries' });
      await tenant.contacts.create({ key: 'PK', phone: '06 87654321' });
      await tenant.contacts.create({ key: 'FB', phone: '050 123 4567' });
    }
    const calendar = { provider: 'ics', name: 'Storingsdienst', timeZone: zone } as const;
    sourceA = (
      await harness.store
        .forTenant(a.tenantId, { actor: 'system:test' })
        .sources.create({ ...calendar, externalId: 'https://calendar.example/a.ics' })
    ).id;
    sourceB = (
      await harness.store
        .forTenant(b.tenantId, { actor: 'system:test' })
        .sources.create({ ...calendar, externalId: 'https://calendar.example/b.ics' })
    ).id;
  });

  afterAll(() => harness.close());

  const as = (tenant: TestTenant, role: 'owner' | 'admin' | 'member') => ({
    Authorization: `Bearer ${tenant.tokens[role]}`,
  });

  /** A number on tenant A's calendar with the weekend shift, the override and a typo, compiled. */
  const seedRoster = async (did: string): Promise<string> => {
    const created = await harness.request
      .post('/api/v1/numbers')
      .set(as(a, 'admin'))
      .send({ did, name: 'Storingsdienst', sourceIds: [sourceA], fallback: 'FB' });
    expect(created.status).toBe(201);
    const tenant = harness.store.forTenant(a.tenantId, { actor: 'system:test' });
    await tenant.commitSync({
      sourceId: sourceA,
      changes: {
        upserts: [weekendShift, override, typo].map((event) => ({ externalId: event.uid, event })),
        deletes: [],
      },
    });
    await recompileTenantTables({ store: harness.store, tenantId: a.tenantId, now: harness.now });
    return created.body.id as string;
  };

  it('creates, lists, reads, updates and deletes a number', async () => {
    const created = await harness.request
      .post('/api/v1/numbers')
      .set(as(a, 'admin'))
      .send({ did: '050 765 4321', name: 'Helpdesk', sourceIds: [sourceA], fallback: 'jd', ringSeconds: 25 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      did: '+31507654321',
      name: 'Helpdesk',
      sourceIds: [sourceA],
      fallback: 'jd',
      strategy: 'sequential',
      ringSeconds: 25,
      overlapPolicy: 'layered',
      createdAt: '2027-03-25T12:00:00.000Z',
    });
    expect(changed).toContain(a.tenantId);
    const id = created.body.id as string;

    const list = await harness.request.get('/api/v1/numbers').set(as(a, 'member'));
    expect(list.status).toBe(200);
    expect(list.body.items.map((n: { id: string }) => n.id)).toContain(id);
    expect((await harness.request.get(`/api/v1/numbers/${id}`).set(as(a, 'member'))).body.name).toBe(
      'Helpdesk',
    );

    const patched = await harness.request
      .patch(`/api/v1/numbers/${id}`)
      .set(as(a, 'admin'))
      .send({ fallback: '+31 20 123 4567', strategy: 'simultaneous', overlapPolicy: 'override' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      fallback: '+31201234567',
      strategy: 'simultaneous',
      overlapPolicy: 'override',
    });
    const cleared = await harness.request
      .patch(`/api/v1/numbers/${id}`)
      .set(as(a, 'admin'))
      .send({ fallback: null });
    expect(cleared.body.fallback).toBeNull();

    changed.length = 0;
    expect((await harness.request.delete(`/api/v1/numbers/${id}`).set(as(a, 'admin'))).status).toBe(204);
    expect(changed).toEqual([a.tenantId]);
    expect((await harness.request.get(`/api/v1/numbers/${id}`).set(as(a, 'admin'))).status).toBe(404);
  });

  it('answers validation errors as JSON and changes nothing', async () => {
    const before = (await harness.request.get('/api/v1/numbers').set(as(a, 'admin'))).body.items.length;
    const cases: object[] = [
      { did: '0501111111', name: 'X', ringSeconds: 2 },
      { did: '0501111111', name: 'X', strategy: 'random' },
      { did: '0501111111', name: 'X', admin: true },
      { did: '0501111111' },
      { did: '0501111111', name: 'X', fallback: 'not a phone' },
      { did: 'not a number', name: 'X' },
      { did: '0501111111', name: 'X', sourceIds: [sourceB] },
    ];
    for (const body of cases) {
      const response = await harness.request.post('/api/v1/numbers').set(as(a, 'admin')).send(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('BAD_REQUEST');
    }
    // The functions framework parses JSON before the app sees it, and refuses a broken body itself.
    const malformed = await harness.request
      .post('/api/v1/numbers')
      .set(as(a, 'admin'))
      .set('Content-Type', 'application/json')
      .send('{"did": ');
    expect(malformed.status).toBe(400);
    const notJson = await harness.request
      .post('/api/v1/numbers')
      .set(as(a, 'admin'))
      .set('Content-Type', 'text/plain')
      .send('did=0501111111');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('BAD_REQUEST');
    expect((await harness.request.get('/api/v1/numbers').set(as(a, 'admin'))).body.items).toHaveLength(
      before,
    );
  });

  it('answers a DID that is already routed with 409', async () => {
    const first = await harness.request
      .post('/api/v1/numbers')
      .set(as(a, 'admin'))
      .send({ did: '0502222222', name: 'One' });
    expect(first.status).toBe(201);
    const again = await harness.request
      .post('/api/v1/numbers')
      .set(as(b, 'admin'))
      .send({ did: '+31502222222', name: 'Two' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    expect(JSON.stringify(again.body)).not.toContain(first.body.id);
  });

  it('lets members read but not change numbers', async () => {
    const id = (
      await harness.request.post('/api/v1/numbers').set(as(a, 'admin')).send({ did: '0503333333', name: 'R' })
    ).body.id as string;
    const create = await harness.request
      .post('/api/v1/numbers')
      .set(as(a, 'member'))
      .send({ did: '0504444444', name: 'M' });
    expect(create.status).toBe(403);
    expect(create.body.error.code).toBe('FORBIDDEN');
    // The role is checked before the body, so a member learns nothing from validation messages.
    expect(
      (await harness.request.patch(`/api/v1/numbers/${id}`).set(as(a, 'member')).send({ ringSeconds: 1 }))
        .status,
    ).toBe(403);
    expect((await harness.request.delete(`/api/v1/numbers/${id}`).set(as(a, 'member'))).status).toBe(403);
    expect((await harness.request.get(`/api/v1/numbers/${id}`).set(as(a, 'member'))).status).toBe(200);
    expect((await harness.request.get('/api/v1/numbers')).status).toBe(401);
  });

  it("never shows or changes another tenant's number, whatever id is sent", async () => {
    const id = await seedRoster('0505555555');
    for (const path of [
      `/api/v1/numbers/${id}`,
      `/api/v1/numbers/${id}/coverage`,
      `/api/v1/numbers/${id}/decision`,
    ]) {
      const response = await harness.request.get(path).set(as(b, 'owner'));
      expect(response.status, path).toBe(404);
      expect(JSON.stringify(response.body)).not.toMatch(/\+316|JD|PK|5055/);
    }
    const patch = await harness.request
      .patch(`/api/v1/numbers/${id}`)
      .set(as(b, 'owner'))
      .send({ name: 'Mine now' });
    expect(patch.status).toBe(404);
    expect((await harness.request.delete(`/api/v1/numbers/${id}`).set(as(b, 'owner'))).status).toBe(404);
    expect((await harness.request.get(`/api/v1/numbers/${id}`).set(as(a, 'member'))).body.name).toBe(
      'Storingsdienst',
    );
  });

  it('answers 404 with a clear message when a number has no table yet', async () => {
    const id = (
      await harness.request
        .post('/api/v1/numbers')
        .set(as(a, 'admin'))
        .send({ did: '0506666666', name: 'New' })
    ).body.id as string;
    const coverage = await harness.request.get(`/api/v1/numbers/${id}/coverage`).set(as(a, 'member'));
    expect(coverage.status).toBe(404);
    expect(coverage.body.error.message).toMatch(/no routing table yet/);
    expect((await harness.request.get(`/api/v1/numbers/${id}/decision`).set(as(a, 'member'))).status).toBe(
      404,
    );
  });

  it('reports coverage across the DST change: the override rings first, JD stays the backup', async () => {
    const id = await seedRoster('0507777777');
    const response = await harness.request
      .get(`/api/v1/numbers/${id}/coverage`)
      .query({ from: '2027-03-26T00:00:00+01:00', days: 4 })
      .set(as(a, 'member'));
    expect(response.status).toBe(200);
    const jd = { key: 'JD', phone: '+31612345678' };
    const pk = { key: 'PK', phone: '+31687654321' };
    expect(response.body).toEqual({
      numberId: id,
      did: '+31507777777',
      timeZone: zone,
      version: 1,
      from: '2027-03-26T00:00:00+01:00',
      to: '2027-03-30T00:00:00+02:00',
      clipped: false,
      fallback: { key: 'FB', phone: '+31501234567' },
      slices: [
        { start: '2027-03-26T17:00:00+01:00', end: '2027-03-27T20:00:00+01:00', attempts: [[jd]] },
        { start: '2027-03-27T20:00:00+01:00', end: '2027-03-28T10:00:00+02:00', attempts: [[pk], [jd]] },
        { start: '2027-03-28T10:00:00+02:00', end: '2027-03-29T08:00:00+02:00', attempts: [[jd]] },
      ],
      gaps: [
        { start: '2027-03-26T00:00:00+01:00', end: '2027-03-26T17:00:00+01:00' },
        { start: '2027-03-29T08:00:00+02:00', end: '2027-03-30T00:00:00+02:00' },
      ],
      unmatched: [
        {
          uid: 'typo@test',
          start: '2027-03-29T09:00:00+02:00',
          end: '2027-03-29T10:00:00+02:00',
          subject: 'Storing XY',
          unmatchedTokens: ['Storing', 'XY'],
        },
      ],
    });
  });

  it('defaults the coverage period to 14 days from the start of today, and reads an unencoded "+"', async () => {
    const id = await seedRoster('0508888888');
    const defaults = await harness.request.get(`/api/v1/numbers/${id}/coverage`).set(as(a, 'member'));
    expect(defaults.status).toBe(200);
    expect(defaults.body).toMatchObject({
      from: '2027-03-25T00:00:00+01:00',
      to: '2027-04-08T00:00:00+02:00',
      clipped: false,
    });
    const raw = await harness.request
      .get(`/api/v1/numbers/${id}/coverage?from=2027-03-27T00:00:00+01:00&days=1`)
      .set(as(a, 'member'));
    expect(raw.status).toBe(200);
    expect(raw.body.from).toBe('2027-03-27T00:00:00+01:00');
    expect(raw.body.to).toBe('2027-03-28T00:00:00+01:00');
    const far = await harness.request
      .get(`/api/v1/numbers/${id}/coverage`)
      .query({ from: '2027-04-20T00:00:00+02:00', days: 35 })
      .set(as(a, 'member'));
    expect(far.body.clipped).toBe(true);
  });

  it('refuses bad coverage and decision queries', async () => {
    const id = await seedRoster('0509999999');
    for (const query of [
      { days: 0 },
      { days: 36 },
      { days: 'many' },
      { from: '2027-03-26T00:00:00' },
      { from: 'tomorrow' },
    ]) {
      const response = await harness.request
        .get(`/api/v1/numbers/${id}/coverage`)
        .query(query)
        .set(as(a, 'member'));
      expect(response.status, JSON.stringify(query)).toBe(400);
      expect(response.body.error.code).toBe('BAD_REQUEST');
    }
    const decision = await harness.request
      .get(`/api/v1/numbers/${id}/decision`)
      .query({ at: '28-03-2027' })
      .set(as(a, 'member'));
    expect(decision.status).toBe(400);
  });

  it('explains who rings at an instant and why', async () => {
    const id = await seedRoster('0501010101');
    const duringOverride = await harness.request
      .get(`/api/v1/numbers/${id}/decision`)
      .query({ at: '2027-03-28T09:00:00+02:00' })
      .set(as(a, 'member'));
    expect(duringOverride.status).toBe(200);
    expect(duringOverride.body).toEqual({
      at: '2027-03-28T09:00:00+02:00',
      reason: 'duty',
      fallbackUsed: true,
      attempts: [
        [{ key: 'PK', phone: '+31687654321' }],
        [{ key: 'JD', phone: '+31612345678' }],
        [{ key: 'FB', phone: '+31501234567' }],
      ],
      ringSeconds: 20,
      from: '2027-03-27T20:00:00+01:00',
      until: '2027-03-28T10:00:00+02:00',
      withinHorizon: true,
      version: 1,
      events: ['override@test', 'weekend@test/2027-03-26T16:00:00.000Z'],
    });

    const now = await harness.request.get(`/api/v1/numbers/${id}/decision`).set(as(a, 'member'));
    expect(now.body).toMatchObject({
      at: '2027-03-25T13:00:00+01:00',
      reason: 'fallback',
      attempts: [[{ key: 'FB', phone: '+31501234567' }]],
      from: '2027-03-24T13:00:00+01:00',
      until: '2027-03-26T17:00:00+01:00',
      events: [],
    });

    const beyond = await harness.request
      .get(`/api/v1/numbers/${id}/decision`)
      .query({ at: '2027-07-01T12:00:00Z' })
      .set(as(a, 'member'));
    expect(beyond.body).toMatchObject({
      withinHorizon: false,
      reason: 'fallback',
      until: null,
      at: '2027-07-01T14:00:00+02:00',
    });
  });

  it('follows the clock: after the horizon rolls, "now" is Sunday morning and PK is on duty', async () => {
    const id = await seedRoster('0502020202');
    const saved = harness.now;
    harness.now = Date.parse('2027-03-28T07:30:00Z');
    try {
      await recompileTenantTables({ store: harness.store, tenantId: a.tenantId, now: harness.now });
      // Three days on, the member signs in again: sessions last hours.
      const { token } = await harness.sessions.issue({
        adminId: a.adminIds.member,
        tenantId: a.tenantId,
        role: 'member',
        amr: ['pwd', 'otp'],
      });
      const member = { Authorization: `Bearer ${token}` };
      const response = await harness.request.get(`/api/v1/numbers/${id}/decision`).set(member);
      expect(response.body.at).toBe('2027-03-28T09:30:00+02:00');
      expect(response.body.attempts[0]).toEqual([{ key: 'PK', phone: '+31687654321' }]);
      const coverage = await harness.request
        .get(`/api/v1/numbers/${id}/coverage`)
        .query({ days: 1 })
        .set(member);
      expect(coverage.body.from).toBe('2027-03-28T00:00:00+01:00');
      expect(coverage.body.to).toBe('2027-03-29T00:00:00+02:00');
    } finally {
      harness.now = saved;
    }
  });

  it('audits every coverage and decision read, as the member who asked', async () => {
    const id = await seedRoster('0503030303');
    await harness.request.get(`/api/v1/numbers/${id}/coverage`).set(as(a, 'member'));
    await harness.request.get(`/api/v1/numbers/${id}/decision`).set(as(a, 'member'));
    const audit = await harness.store
      .forTenant(a.tenantId, { actor: 'system:test' })
      .audit.list({ limit: 500 });
    const reads = audit.items.filter(
      (entry) => entry.target.id === id && entry.actor === `admin:${a.adminIds.member}`,
    );
    expect(reads.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['routed-number.coverage', 'routed-number.decision']),
    );
  });
});
