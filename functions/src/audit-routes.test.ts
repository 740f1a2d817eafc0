import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditRoutes } from './audit-routes.ts';
import { type ApiTestHarness, createApiTestHarness, type TestTenant } from './testing/api-test-harness.ts';

describe('audit API', () => {
  let harness: ApiTestHarness;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    harness = await createApiTestHarness((api) => {
      api.route('/api/v1', createAuditRoutes());
    });
    a = await harness.createTenant('A');
    b = await harness.createTenant('B');
    const tenant = harness.store.forTenant(a.tenantId, { actor: 'admin:someone', sourceIp: '192.0.2.7' });
    await tenant.audit.append({
      action: 'auth.login',
      target: { category: 'session' },
      at: Date.parse('2027-03-24T08:00:00Z'),
    });
    await tenant.audit.append({
      action: 'contact.update',
      target: { category: 'contact', id: 'c1' },
      at: Date.parse('2027-03-24T09:00:00Z'),
      outcome: 'denied',
    });
  });

  afterAll(() => harness.close());

  const as = (tenant: TestTenant, role: 'owner' | 'admin' | 'member') => ({
    Authorization: `Bearer ${tenant.tokens[role]}`,
  });

  it('lists audit entries newest first, within a period, for admins', async () => {
    const response = await harness.request
      .get('/api/v1/audit')
      .query({ from: '2027-03-24T00:00:00Z', to: '2027-03-25T00:00:00Z' })
      .set(as(a, 'admin'));
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      {
        id: expect.any(String),
        at: '2027-03-24T09:00:00.000Z',
        actor: 'admin:someone',
        action: 'contact.update',
        target: { category: 'contact', id: 'c1' },
        sourceIp: '192.0.2.7',
        outcome: 'denied',
      },
      {
        id: expect.any(String),
        at: '2027-03-24T08:00:00.000Z',
        actor: 'admin:someone',
        action: 'auth.login',
        target: { category: 'session', id: null },
        sourceIp: '192.0.2.7',
        outcome: 'success',
      },
    ]);
  });

  it('records that the log itself was read, by whom', async () => {
    await harness.request.get('/api/v1/audit').set(as(a, 'owner'));
    const all = await harness.request.get('/api/v1/audit').query({ limit: 500 }).set(as(a, 'admin'));
    expect(all.body.items).toContainEqual(
      expect.objectContaining({ action: 'audit-entry.list', actor: `admin:${a.adminIds.owner}` }),
    );
  });

  it('pages with the cursor it hands out, without repeating an entry', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await harness.request
        .get('/api/v1/audit')
        .query({ limit: 1, to: '2027-03-25T00:00:00Z', ...(cursor ? { cursor } : {}) })
        .set(as(a, 'admin'));
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(2);
    expect(new Set(seen).size).toBe(2);
  });

  it('is not for members, nor without a session', async () => {
    const member = await harness.request.get('/api/v1/audit').set(as(a, 'member'));
    expect(member.status).toBe(403);
    expect(member.body.error.code).toBe('FORBIDDEN');
    expect((await harness.request.get('/api/v1/audit')).status).toBe(401);
  });

  it('answers bad queries with 400 JSON', async () => {
    for (const query of [
      { limit: -1 },
      { to: 'yesterday' },
      { from: '2027-03-25T00:00:00Z', to: '2027-03-24T00:00:00Z' },
    ]) {
      const response = await harness.request.get('/api/v1/audit').query(query).set(as(a, 'admin'));
      expect(response.status, JSON.stringify(query)).toBe(400);
      expect(response.body.error.code).toBe('BAD_REQUEST');
    }
  });

  it("never lists another tenant's entries", async () => {
    const response = await harness.request.get('/api/v1/audit').query({ limit: 500 }).set(as(b, 'owner'));
    const text = JSON.stringify(response.body);
    expect(text).not.toContain('admin:someone');
    expect(text).not.toContain(a.adminIds.owner);
  });
});
