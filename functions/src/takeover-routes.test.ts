import { recompileTenantTables } from '@wygc/calendar-sync';
import type { AdminRole } from '@wygc/routing-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNumberRoutes } from './number-routes.ts';
import { createTakeoverRoutes, overridesExternalId } from './takeover-routes.ts';
import { type ApiTestHarness, createApiTestHarness, type TestTenant } from './testing/api-test-harness.ts';

const zone = 'Europe/Amsterdam';
const start = Date.parse('2027-03-25T12:00:00Z');
const jd = { key: 'JD', phone: '+31612345678' };
const pk = { key: 'PK', phone: '+31687654321' };
const fb = { key: 'FB', phone: '+31501234567' };

describe('takeover API', () => {
  let harness: ApiTestHarness;
  let dids = 0;

  beforeAll(async () => {
    harness = await createApiTestHarness((api, { store, clock }) => {
      api.route('/api/v1', createNumberRoutes({ onRosterChange: () => undefined, clock }));
      api.route('/api/v1', createTakeoverRoutes({ store, clock }));
    });
  });

  afterEach(() => {
    harness.now = start;
  });

  afterAll(() => harness.close());

  /** A bearer header for a fresh session at the current clock: tests move the clock by days. */
  const signIn = async (t: TestTenant, role: AdminRole) => {
    const { token } = await harness.sessions.issue({
      adminId: t.adminIds[role],
      tenantId: t.tenantId,
      role,
      amr: ['pwd', 'otp'],
    });
    return { Authorization: `Bearer ${token}` };
  };

  /** A tenant whose number follows a calendar with JD on duty every weekend, FB as fallback. */
  const seeded = async () => {
    const t = await harness.createTenant('A');
    const tenant = harness.store.forTenant(t.tenantId, { actor: 'system:test' });
    await tenant.contacts.create({ key: 'JD', phone: '06 12345678' });
    await tenant.contacts.create({ key: 'PK', phone: '06 87654321' });
    await tenant.contacts.create({ key: 'FB', phone: '050 123 4567' });
    const source = await tenant.sources.create({
      provider: 'ics',
      externalId: 'https://calendar.example/duty.ics',
      name: 'Storingsdienst',
      timeZone: zone,
    });
    const number = await tenant.numbers.create({
      did: `+3150000${String(++dids).padStart(4, '0')}`,
      name: 'Storing',
      sourceIds: [source.id],
      fallback: 'FB',
    });
    await tenant.commitSync({
      sourceId: source.id,
      changes: {
        upserts: [
          {
            externalId: 'weekend',
            event: {
              uid: 'weekend@test',
              subject: 'JD',
              status: 'confirmed',
              start: { dateTime: '2027-03-19T17:00:00', timeZone: zone },
              end: { dateTime: '2027-03-22T08:00:00', timeZone: zone },
              recurrence: { rrules: ['FREQ=WEEKLY;BYDAY=FR'], rdates: [], exdates: [] },
            },
          },
        ],
        deletes: [],
      },
    });
    await recompileTenantTables({ store: harness.store, tenantId: t.tenantId, now: harness.now });
    return { t, numberId: number.id, calendarId: source.id };
  };

  const decision = async (t: TestTenant, numberId: string, at?: string) =>
    (
      await harness.request
        .get(`/api/v1/numbers/${numberId}/decision`)
        .query(at ? { at } : {})
        .set(await signIn(t, 'member'))
    ).body as { attempts: unknown[][] };

  it('lets a member take the calls for the next hours: they ring first, until the end', async () => {
    const { t, numberId, calendarId } = await seeded();
    const member = await signIn(t, 'member');
    const response = await harness.request
      .post(`/api/v1/numbers/${numberId}/takeover`)
      .set(member)
      .send({ contactKey: 'pk', hours: 4 });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      numberId,
      contactKey: 'PK',
      start: '2027-03-25T13:00:00+01:00',
      end: '2027-03-25T17:00:00+01:00',
    });
    expect((await decision(t, numberId)).attempts).toEqual([[pk], [fb]]);
    expect((await decision(t, numberId, '2027-03-25T17:00:00+01:00')).attempts).toEqual([[fb]]);

    const tenant = harness.store.forTenant(t.tenantId, { actor: 'system:test' });
    const overrides = (await tenant.sources.list()).filter(
      (s) => s.externalId === overridesExternalId(numberId),
    );
    expect(overrides).toHaveLength(1);
    expect((await tenant.numbers.get(numberId))?.sourceIds).toEqual([calendarId, overrides[0]?.id]);
    const [stored] = await tenant.events.list(overrides[0]?.id);
    expect(stored?.event).toMatchObject({
      subject: 'PK',
      start: { dateTime: '2027-03-25T13:00:00', timeZone: zone },
      end: { dateTime: '2027-03-25T17:00:00', timeZone: zone },
    });

    const audit = await tenant.audit.list({ limit: 500 });
    expect(audit.items).toContainEqual(
      expect.objectContaining({
        action: 'duty-event.sync',
        actor: `admin:${t.adminIds.member}`,
        target: { category: 'duty-event', id: overrides[0]?.id },
      }),
    );
  });

  it('takes over inside the weekend shift across the DST change, for real hours', async () => {
    const { t, numberId } = await seeded();
    harness.now = Date.parse('2027-03-27T21:00:00Z');
    await recompileTenantTables({ store: harness.store, tenantId: t.tenantId, now: harness.now });
    const response = await harness.request
      .post(`/api/v1/numbers/${numberId}/takeover`)
      .set(await signIn(t, 'member'))
      .send({ contactKey: 'PK', hours: 12 });
    expect(response.body).toMatchObject({
      start: '2027-03-27T22:00:00+01:00',
      end: '2027-03-28T11:00:00+02:00',
    });
    expect((await decision(t, numberId, '2027-03-28T10:59:59+02:00')).attempts).toEqual([[pk], [jd], [fb]]);
    expect((await decision(t, numberId, '2027-03-28T11:00:00+02:00')).attempts).toEqual([[jd], [fb]]);
  });

  it('lists the takeovers that have not ended, and ends one early', async () => {
    const { t, numberId } = await seeded();
    const member = await signIn(t, 'member');
    const first = await harness.request
      .post(`/api/v1/numbers/${numberId}/takeover`)
      .set(member)
      .send({ contactKey: 'PK', hours: 2 });
    harness.now += 60 * 60_000;
    const second = await harness.request
      .post(`/api/v1/numbers/${numberId}/takeover`)
      .set(member)
      .send({ contactKey: 'JD', hours: 5 });
    const list = await harness.request.get(`/api/v1/numbers/${numberId}/takeover`).set(member);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([first.body.id, second.body.id]);

    harness.now += 90 * 60_000;
    const later = await harness.request.get(`/api/v1/numbers/${numberId}/takeover`).set(member);
    expect(later.body.items).toEqual([second.body]);

    expect(
      (await harness.request.delete(`/api/v1/numbers/${numberId}/takeover/${second.body.id}`).set(member))
        .status,
    ).toBe(204);
    expect(
      (await harness.request.get(`/api/v1/numbers/${numberId}/takeover`).set(member)).body.items,
    ).toEqual([]);
    expect((await decision(t, numberId)).attempts).toEqual([[fb]]);
    // What already happened stays visible: JD had the calls from 14:00 until they ended it at 15:30.
    expect((await decision(t, numberId, '2027-03-25T15:00:00+01:00')).attempts).toEqual([[jd], [fb]]);
    expect(
      (await harness.request.delete(`/api/v1/numbers/${numberId}/takeover/${second.body.id}`).set(member))
        .status,
    ).toBe(404);
    expect(
      (await harness.request.delete(`/api/v1/numbers/${numberId}/takeover/${first.body.id}`).set(member))
        .status,
    ).toBe(404);
  });

  it('keeps the takeovers of one number off every other number', async () => {
    const { t, numberId } = await seeded();
    const tenant = harness.store.forTenant(t.tenantId, { actor: 'system:test' });
    const other = await tenant.numbers.create({ did: '+31509999999', name: 'Other', fallback: 'FB' });
    const member = await signIn(t, 'member');
    await harness.request
      .post(`/api/v1/numbers/${other.id}/takeover`)
      .set(member)
      .send({ contactKey: 'JD', hours: 1 });
    await harness.request
      .post(`/api/v1/numbers/${numberId}/takeover`)
      .set(member)
      .send({ contactKey: 'PK', hours: 1 });
    expect((await decision(t, other.id)).attempts).toEqual([[jd], [fb]]);
    expect((await decision(t, numberId)).attempts).toEqual([[pk], [fb]]);
    expect(
      (await harness.request.get(`/api/v1/numbers/${other.id}/takeover`).set(member)).body.items,
    ).toHaveLength(1);
  });

  it('answers bad takeovers with 400 JSON and stores nothing', async () => {
    const { t, numberId } = await seeded();
    const member = await signIn(t, 'member');
    for (const body of [
      { contactKey: 'PK', hours: 0 },
      { contactKey: 'PK', hours: 73 },
      { contactKey: 'PK', hours: 1.5 },
      { contactKey: 'PK', hours: '4' },
      { hours: 4 },
      { contactKey: 'ZZ', hours: 4 },
      { contactKey: 'PK', hours: 4, start: '2027-03-25T00:00:00Z' },
    ]) {
      const response = await harness.request
        .post(`/api/v1/numbers/${numberId}/takeover`)
        .set(member)
        .send(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('BAD_REQUEST');
    }
    expect(
      (await harness.request.get(`/api/v1/numbers/${numberId}/takeover`).set(member)).body.items,
    ).toEqual([]);
    expect(
      (
        await harness.request
          .post(`/api/v1/numbers/${numberId}/takeover`)
          .send({ contactKey: 'PK', hours: 1 })
      ).status,
    ).toBe(401);
  });

  it("never takes over, lists or ends another tenant's takeovers, whatever ids are sent", async () => {
    const { t: a, numberId } = await seeded();
    const { t: b, numberId: ownNumber } = await seeded();
    const taken = await harness.request
      .post(`/api/v1/numbers/${numberId}/takeover`)
      .set(await signIn(a, 'member'))
      .send({ contactKey: 'PK', hours: 3 });
    const intruder = await signIn(b, 'owner');
    const post = await harness.request
      .post(`/api/v1/numbers/${numberId}/takeover`)
      .set(intruder)
      .send({ contactKey: 'PK', hours: 1 });
    expect(post.status).toBe(404);
    const list = await harness.request.get(`/api/v1/numbers/${numberId}/takeover`).set(intruder);
    expect(list.status).toBe(404);
    expect(JSON.stringify(list.body)).not.toContain(taken.body.id);
    expect(
      (await harness.request.delete(`/api/v1/numbers/${numberId}/takeover/${taken.body.id}`).set(intruder))
        .status,
    ).toBe(404);
    expect(
      (await harness.request.delete(`/api/v1/numbers/${ownNumber}/takeover/${taken.body.id}`).set(intruder))
        .status,
    ).toBe(404);
    expect((await decision(a, numberId)).attempts).toEqual([[pk], [fb]]);
  });
});
