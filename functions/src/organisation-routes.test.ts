import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisationRoutes } from './organisation-routes.ts';
import { type ApiTestHarness, createApiTestHarness, type TestTenant } from './testing/api-test-harness.ts';

describe('organisation API', () => {
  let harness: ApiTestHarness;
  const recompiled: string[] = [];

  beforeAll(async () => {
    harness = await createApiTestHarness((api) => {
      api.route(
        '/api/v1',
        createOrganisationRoutes({ onRosterChange: (tenantId) => recompiled.push(tenantId) }),
      );
    });
  });

  afterAll(() => harness.close());

  const as = (tenant: TestTenant, role: 'owner' | 'admin' | 'member') => ({
    Authorization: `Bearer ${tenant.tokens[role]}`,
  });
  const storeOf = (tenant: TestTenant) => harness.store.forTenant(tenant.tenantId, { actor: 'system:test' });

  it('shows every signed-in account its own organisation with its settings', async () => {
    const a = await harness.createTenant('A');
    await harness.createTenant('B');
    const response = await harness.request.get('/api/v1/organisation').set(as(a, 'member'));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: a.tenantId,
      name: 'A',
      timeZone: 'Europe/Amsterdam',
      settings: {
        ringSeconds: 20,
        overlapPolicy: 'layered',
        caseSensitiveKeys: false,
        cdrRetentionDays: 90,
        auditRetentionDays: 365,
        googleWorkspaceDomains: [],
      },
      createdAt: expect.any(String),
    });
    expect((await harness.request.get('/api/v1/organisation')).status).toBe(401);
  });

  it('lets an owner change the name, zone and settings, keeping what the change does not name', async () => {
    const a = await harness.createTenant('A');
    const b = await harness.createTenant('B');
    recompiled.length = 0;
    const renamed = await harness.request
      .patch('/api/v1/organisation')
      .set(as(a, 'owner'))
      .send({ name: 'Storingsdienst', settings: { cdrRetentionDays: 30, ringSeconds: 25 } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: 'Storingsdienst',
      settings: { cdrRetentionDays: 30, ringSeconds: 25, auditRetentionDays: 365, caseSensitiveKeys: false },
    });
    // Neither the key matching nor the zone changed: the tables stay as they are.
    expect(recompiled).toEqual([]);

    const matching = await harness.request
      .patch('/api/v1/organisation')
      .set(as(a, 'owner'))
      .send({ timeZone: 'Europe/London', settings: { caseSensitiveKeys: true } });
    expect(matching.body).toMatchObject({
      timeZone: 'Europe/London',
      settings: { caseSensitiveKeys: true, cdrRetentionDays: 30 },
    });
    expect(recompiled).toEqual([a.tenantId]);
    expect((await storeOf(a).tenant()).settings.cdrRetentionDays).toBe(30);
    expect((await storeOf(b).tenant()).name).toBe('B');
    const audit = await storeOf(a).audit.list({});
    expect(audit.items.filter((entry) => entry.action === 'tenant.update')).toHaveLength(2);
  });

  it('refuses admins and members, bad values, and the operator-only Workspace domains', async () => {
    const a = await harness.createTenant('A');
    for (const role of ['admin', 'member'] as const) {
      const response = await harness.request
        .patch('/api/v1/organisation')
        .set(as(a, role))
        .send({ name: 'Mine now' });
      expect(response.status, role).toBe(403);
    }
    for (const body of [
      { name: '' },
      { timeZone: 'Mars/Olympus' },
      { settings: { ringSeconds: 2 } },
      { settings: { auditRetentionDays: 7 } },
      { settings: { overlapPolicy: 'random' } },
      { settings: { googleWorkspaceDomains: ['contoso.example'] } },
      { id: 'another-tenant' },
    ]) {
      const response = await harness.request.patch('/api/v1/organisation').set(as(a, 'owner')).send(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('BAD_REQUEST');
    }
    expect((await storeOf(a).tenant()).name).toBe('A');
    expect((await storeOf(a).tenant()).settings.googleWorkspaceDomains).toEqual([]);
  });
});
