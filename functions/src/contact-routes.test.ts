import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContactRoutes } from './contact-routes.ts';
import { type ApiTestHarness, createApiTestHarness, type TestTenant } from './testing/api-test-harness.ts';

describe('contacts API', () => {
  let harness: ApiTestHarness;
  let a: TestTenant;
  let b: TestTenant;
  const changed: string[] = [];

  beforeAll(async () => {
    harness = await createApiTestHarness((api) => {
      api.route('/api/v1', createContactRoutes({ onRosterChange: (tenantId) => changed.push(tenantId) }));
    });
    a = await harness.createTenant('A');
    b = await harness.createTenant('B');
  });

  afterAll(() => harness.close());

  const as = (tenant: TestTenant, role: 'owner' | 'admin' | 'member') => ({
    Authorization: `Bearer ${tenant.tokens[role]}`,
  });

  it('creates, lists, reads, updates and deletes a contact', async () => {
    const created = await harness.request
      .post('/api/v1/contacts')
      .set(as(a, 'admin'))
      .send({ key: 'JD', phone: '06 12345678', description: 'Jan de Vries' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: 'JD', phone: '+31612345678', description: 'Jan de Vries' });
    expect(changed).toContain(a.tenantId);
    const id = created.body.id as string;
    const list = await harness.request.get('/api/v1/contacts').set(as(a, 'member'));
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { key: string }) => c.key)).toEqual(['JD']);
    const patched = await harness.request
      .patch(`/api/v1/contacts/${id}`)
      .set(as(a, 'admin'))
      .send({ description: null });
    expect(patched.status).toBe(200);
    expect(patched.body.description).toBeUndefined();
    expect((await harness.request.delete(`/api/v1/contacts/${id}`).set(as(a, 'admin'))).status).toBe(204);
    expect((await harness.request.get(`/api/v1/contacts/${id}`).set(as(a, 'admin'))).status).toBe(404);
  });

  it('answers validation errors as JSON and changes nothing', async () => {
    const bad = await harness.request
      .post('/api/v1/contacts')
      .set(as(a, 'admin'))
      .send({ key: 'JD', phone: 'not a phone' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BAD_REQUEST');
    const extra = await harness.request
      .post('/api/v1/contacts')
      .set(as(a, 'admin'))
      .send({ key: 'PK', phone: '0501234567', admin: true });
    expect(extra.status).toBe(400);
    expect((await harness.request.get('/api/v1/contacts').set(as(a, 'admin'))).body.items).toEqual([]);
  });

  it('refuses changes by members and requests without a session', async () => {
    const member = await harness.request
      .post('/api/v1/contacts')
      .set(as(a, 'member'))
      .send({ key: 'JD', phone: '0612345678' });
    expect(member.status).toBe(403);
    expect(member.body.error.code).toBe('FORBIDDEN');
    expect((await harness.request.get('/api/v1/contacts')).status).toBe(401);
  });

  it("never shows or changes another tenant's contact, whatever id is sent", async () => {
    const created = await harness.request
      .post('/api/v1/contacts')
      .set(as(a, 'admin'))
      .send({ key: 'ZZ', phone: '0612345670' });
    const id = created.body.id as string;
    expect((await harness.request.get(`/api/v1/contacts/${id}`).set(as(b, 'owner'))).status).toBe(404);
    const patch = await harness.request
      .patch(`/api/v1/contacts/${id}`)
      .set(as(b, 'owner'))
      .send({ phone: '0687654321' });
    expect(patch.status).toBe(404);
    expect(JSON.stringify(patch.body)).not.toContain('+31612345670');
    expect((await harness.request.delete(`/api/v1/contacts/${id}`).set(as(b, 'owner'))).status).toBe(404);
    expect((await harness.request.get(`/api/v1/contacts/${id}`).set(as(a, 'admin'))).body.phone).toBe(
      '+31612345670',
    );
  });
});
