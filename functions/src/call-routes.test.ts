import type { NewCallRecord } from '@wygc/routing-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallRoutes } from './call-routes.ts';
import { type ApiTestHarness, createApiTestHarness, type TestTenant } from './testing/api-test-harness.ts';

const call = (callId: string, startedAt: string, caller = '+31201234567'): NewCallRecord => ({
  callId,
  did: '+31501234567',
  caller,
  startedAt: Date.parse(startedAt),
  endedAt: Date.parse(startedAt) + 30_000,
  tableVersion: 3,
  reason: 'duty',
  attempts: [
    { key: 'JD', phone: '+31612345678', sipStatus: 486, ms: 20_000 },
    { phone: '+31501112233', sipStatus: 200, ms: 4_000 },
  ],
  outcome: 'answered',
  answeredBy: 'JD',
});

describe('calls API', () => {
  let harness: ApiTestHarness;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    harness = await createApiTestHarness((api) => {
      api.route('/api/v1', createCallRoutes());
    });
    a = await harness.createTenant('A');
    b = await harness.createTenant('B');
    await harness.store
      .forTenant(a.tenantId, { actor: 'sip' })
      .calls.append([
        call('a1', '2027-03-20T10:00:00Z'),
        call('a2', '2027-03-21T10:00:00Z'),
        call('a3', '2027-03-22T10:00:00Z'),
        call('a4', '2027-03-23T10:00:00Z'),
      ]);
    await harness.store
      .forTenant(b.tenantId, { actor: 'sip' })
      .calls.append([call('b1', '2027-03-21T12:00:00Z', '+31209999999')]);
  });

  afterAll(() => harness.close());

  const as = (tenant: TestTenant, role: 'owner' | 'admin' | 'member') => ({
    Authorization: `Bearer ${tenant.tokens[role]}`,
  });

  it('pages through the calls, newest first, for members too', async () => {
    const first = await harness.request.get('/api/v1/calls').query({ limit: 3 }).set(as(a, 'member'));
    expect(first.status).toBe(200);
    expect(first.body.items.map((c: { callId: string }) => c.callId)).toEqual(['a4', 'a3', 'a2']);
    expect(first.body.items[0]).toEqual({
      id: expect.any(String),
      callId: 'a4',
      did: '+31501234567',
      caller: '+31201234567',
      startedAt: '2027-03-23T10:00:00.000Z',
      endedAt: '2027-03-23T10:00:30.000Z',
      tableVersion: 3,
      reason: 'duty',
      attempts: [
        { key: 'JD', phone: '+31612345678', sipStatus: 486, ms: 20_000 },
        { key: null, phone: '+31501112233', sipStatus: 200, ms: 4_000 },
      ],
      outcome: 'answered',
      answeredBy: 'JD',
    });
    const second = await harness.request
      .get('/api/v1/calls')
      .query({ limit: 3, cursor: first.body.nextCursor })
      .set(as(a, 'member'));
    expect(second.body.items.map((c: { callId: string }) => c.callId)).toEqual(['a1']);
    expect(second.body.nextCursor).toBeUndefined();
  });

  it('filters by period: from inclusive, to exclusive, offsets honoured', async () => {
    const response = await harness.request
      .get('/api/v1/calls')
      .query({ from: '2027-03-21T11:00:00+01:00', to: '2027-03-23T11:00:00+01:00' })
      .set(as(a, 'admin'));
    expect(response.body.items.map((c: { callId: string }) => c.callId)).toEqual(['a3', 'a2']);
  });

  it('answers bad queries with 400 JSON', async () => {
    for (const query of [
      { limit: 0 },
      { limit: 501 },
      { limit: 'ten' },
      { from: '2027-03-21T10:00:00' },
      { from: '2027-03-22T00:00:00Z', to: '2027-03-21T00:00:00Z' },
      { cursor: 'not-a-cursor' },
    ]) {
      const response = await harness.request.get('/api/v1/calls').query(query).set(as(a, 'member'));
      expect(response.status, JSON.stringify(query)).toBe(400);
      expect(response.body.error.code).toBe('BAD_REQUEST');
    }
  });

  it('needs a session', async () => {
    expect((await harness.request.get('/api/v1/calls')).status).toBe(401);
  });

  it("never lists another tenant's calls, not even with that tenant's cursor", async () => {
    const own = await harness.request.get('/api/v1/calls').set(as(b, 'owner'));
    expect(own.body.items.map((c: { callId: string }) => c.callId)).toEqual(['b1']);
    const cursorOfA = (await harness.request.get('/api/v1/calls').query({ limit: 1 }).set(as(a, 'member')))
      .body.nextCursor;
    const borrowed = await harness.request
      .get('/api/v1/calls')
      .query({ cursor: cursorOfA })
      .set(as(b, 'owner'));
    expect(JSON.stringify(borrowed.body)).not.toMatch(/"a\d"|\+31201234567/);
  });
});
