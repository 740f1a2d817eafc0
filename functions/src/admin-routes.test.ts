import { randomBytes } from 'node:crypto';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminRoutes } from './admin-routes.ts';
import { invitationAudience, invitationIssuer } from './invitation-tokens.ts';
import { type ApiTestHarness, createApiTestHarness, type TestTenant } from './testing/api-test-harness.ts';

describe('admins API', () => {
  let harness: ApiTestHarness;
  const invitationKey = randomBytes(32);

  beforeAll(async () => {
    harness = await createApiTestHarness((api, { clock }) => {
      api.route('/api/v1', createAdminRoutes({ invitationKey, clock }));
    });
  });

  afterAll(() => harness.close());

  const as = (tenant: TestTenant, role: 'owner' | 'admin' | 'member') => ({
    Authorization: `Bearer ${tenant.tokens[role]}`,
  });

  it('invites someone with a signed, 7-day invitation token and an account without a password', async () => {
    const a = await harness.createTenant('A');
    const response = await harness.request
      .post('/api/v1/admins')
      .set(as(a, 'owner'))
      .send({ email: 'jan@example.nl', role: 'admin' });
    expect(response.status).toBe(201);
    const { account, invitationToken, invitationExpiresAt } = response.body;
    expect(account).toEqual({
      id: expect.any(String),
      email: 'jan@example.nl',
      role: 'admin',
      totpEnrolled: false,
      sso: { entra: false, google: false },
      createdAt: '2027-03-25T12:00:00.000Z',
    });
    expect(invitationExpiresAt).toBe('2027-04-01T12:00:00.000Z');
    const { payload, protectedHeader } = await jwtVerify(invitationToken, invitationKey, {
      issuer: invitationIssuer,
      audience: invitationAudience,
      currentDate: new Date(harness.now),
    });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: account.id, tid: a.tenantId, purpose: 'invite' });
    expect(payload.jti).toEqual(expect.any(String));
    expect((payload.exp as number) - (payload.iat as number)).toBe(7 * 24 * 3600);
    const stored = await harness.store.forTenant(a.tenantId, { actor: 'system:test' }).admins.get(account.id);
    expect(stored?.passwordHash).toBeUndefined();

    const second = await harness.request
      .post('/api/v1/admins')
      .set(as(a, 'owner'))
      .send({ email: 'piet@example.nl', role: 'member' });
    expect(second.body.invitationToken).not.toBe(invitationToken);
  });

  it('lists accounts without password hashes or TOTP secrets', async () => {
    const a = await harness.createTenant('A');
    const tenant = harness.store.forTenant(a.tenantId, { actor: 'system:test' });
    await tenant.admins.update(a.adminIds.admin, {
      passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g',
      totp: { secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', confirmed: true, lastStep: 1 },
      identities: { entra: { tid: 'entra-tenant', oid: 'entra-object' } },
    });
    const list = await harness.request.get('/api/v1/admins').set(as(a, 'admin'));
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(3);
    const admin = list.body.items.find((item: { id: string }) => item.id === a.adminIds.admin);
    expect(admin).toMatchObject({ role: 'admin', totpEnrolled: true, sso: { entra: true, google: false } });
    const text = JSON.stringify(list.body);
    for (const secret of ['argon2id', 'JBSWY3DP', 'entra-object', 'passwordHash', 'totp"', 'failedLogins']) {
      expect(text).not.toContain(secret);
    }
  });

  it('answers validation errors as JSON and creates nothing', async () => {
    const a = await harness.createTenant('A');
    for (const body of [
      { email: 'not an email', role: 'admin' },
      { email: 'jan@example.nl', role: 'god' },
      { email: 'jan@example.nl', role: 'admin', passwordHash: 'x' },
      { role: 'admin' },
    ]) {
      const response = await harness.request.post('/api/v1/admins').set(as(a, 'owner')).send(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('BAD_REQUEST');
    }
    const patch = await harness.request
      .patch(`/api/v1/admins/${a.adminIds.member}`)
      .set(as(a, 'owner'))
      .send({ role: 'root' });
    expect(patch.status).toBe(400);
    expect((await harness.request.get('/api/v1/admins').set(as(a, 'owner'))).body.items).toHaveLength(3);
  });

  it('answers an email that already has an account with 409', async () => {
    const a = await harness.createTenant('A');
    const first = await harness.request
      .post('/api/v1/admins')
      .set(as(a, 'owner'))
      .send({ email: 'jan@example.nl', role: 'member' });
    expect(first.status).toBe(201);
    const again = await harness.request
      .post('/api/v1/admins')
      .set(as(a, 'owner'))
      .send({ email: 'Jan@Example.nl', role: 'admin' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
  });

  it('lets admins list, and only owners invite, change roles and remove', async () => {
    const a = await harness.createTenant('A');
    expect((await harness.request.get('/api/v1/admins').set(as(a, 'member'))).status).toBe(403);
    const invite = await harness.request
      .post('/api/v1/admins')
      .set(as(a, 'admin'))
      .send({ email: 'x@example.nl', role: 'owner' });
    expect(invite.status).toBe(403);
    expect(invite.body.error.code).toBe('FORBIDDEN');
    expect(
      (
        await harness.request
          .patch(`/api/v1/admins/${a.adminIds.admin}`)
          .set(as(a, 'admin'))
          .send({ role: 'owner' })
      ).status,
    ).toBe(403);
    expect(
      (await harness.request.delete(`/api/v1/admins/${a.adminIds.member}`).set(as(a, 'admin'))).status,
    ).toBe(403);
    expect((await harness.request.get('/api/v1/admins')).status).toBe(401);
    const roles = (await harness.request.get('/api/v1/admins').set(as(a, 'owner'))).body.items.map(
      (i: { role: string }) => i.role,
    );
    expect(roles.sort()).toEqual(['admin', 'member', 'owner']);
  });

  it('changes roles, but never demotes the last owner', async () => {
    const a = await harness.createTenant('A');
    const self = await harness.request
      .patch(`/api/v1/admins/${a.adminIds.owner}`)
      .set(as(a, 'owner'))
      .send({ role: 'admin' });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('CONFLICT');

    const promoted = await harness.request
      .patch(`/api/v1/admins/${a.adminIds.admin}`)
      .set(as(a, 'owner'))
      .send({ role: 'owner' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('owner');
    const stepDown = await harness.request
      .patch(`/api/v1/admins/${a.adminIds.owner}`)
      .set(as(a, 'owner'))
      .send({ role: 'member' });
    expect(stepDown.status).toBe(200);
    expect(stepDown.body.role).toBe('member');
    // Sessions carry the role they were issued with: the changed accounts must sign in again.
    expect((await harness.request.get('/api/v1/admins').set(as(a, 'admin'))).status).toBe(401);
    const fresh = await harness.sessions.issue({
      adminId: a.adminIds.admin,
      tenantId: a.tenantId,
      role: 'owner',
      amr: ['pwd'],
    });
    const accounts = (
      await harness.request.get('/api/v1/admins').set({ Authorization: `Bearer ${fresh.token}` })
    ).body.items as {
      id: string;
      role: string;
    }[];
    expect(accounts.filter((account) => account.role === 'owner').map((account) => account.id)).toEqual([
      a.adminIds.admin,
    ]);
  });

  it('removes accounts, but not your own and not the last owner', async () => {
    const a = await harness.createTenant('A');
    expect(
      (await harness.request.delete(`/api/v1/admins/${a.adminIds.owner}`).set(as(a, 'owner'))).status,
    ).toBe(409);
    expect(
      (await harness.request.delete(`/api/v1/admins/${a.adminIds.member}`).set(as(a, 'owner'))).status,
    ).toBe(204);
    const ids = (await harness.request.get('/api/v1/admins').set(as(a, 'owner'))).body.items.map(
      (i: { id: string }) => i.id,
    );
    expect(ids).not.toContain(a.adminIds.member);
    expect(
      (await harness.request.delete(`/api/v1/admins/${a.adminIds.member}`).set(as(a, 'owner'))).status,
    ).toBe(404);

    // An account whose Microsoft account the Teams bot writes to: removing it ends the bot's chat.
    const tenant = harness.store.forTenant(a.tenantId, { actor: 'system:test' });
    const linked = await tenant.admins.create({
      email: 'teams@example.nl',
      role: 'member',
      identities: { entra: { tid: 'entra-tenant', oid: 'teams-user' } },
    });
    const chat = { kind: 'user', language: 'nl', reference: { conversation: { id: 'a:1' } } } as const;
    await tenant.botConversations.save({ ...chat, externalId: 'teams-user', contactKeys: ['JD'] });
    await tenant.botConversations.save({ ...chat, externalId: 'someone-else' });
    expect((await harness.request.delete(`/api/v1/admins/${linked.id}`).set(as(a, 'owner'))).status).toBe(
      204,
    );
    expect((await tenant.botConversations.list()).map((c) => c.externalId)).toEqual(['someone-else']);

    // Promote the admin, who then demotes the first owner; that owner's session still says "owner".
    await harness.request
      .patch(`/api/v1/admins/${a.adminIds.admin}`)
      .set(as(a, 'owner'))
      .send({ role: 'owner' });
    const { token } = await harness.sessions.issue({
      adminId: a.adminIds.admin,
      tenantId: a.tenantId,
      role: 'owner',
      amr: ['pwd', 'otp'],
    });
    await harness.request
      .patch(`/api/v1/admins/${a.adminIds.owner}`)
      .set({ Authorization: `Bearer ${token}` })
      .send({ role: 'admin' });
    const last = await harness.request.delete(`/api/v1/admins/${a.adminIds.admin}`).set(as(a, 'owner'));
    expect(last.status).toBe(409);
    expect(last.body.error.message).toMatch(/at least one owner/);
  });

  it("never shows or changes another tenant's account, whatever id is sent", async () => {
    const a = await harness.createTenant('A');
    const b = await harness.createTenant('B');
    const patch = await harness.request
      .patch(`/api/v1/admins/${a.adminIds.member}`)
      .set(as(b, 'owner'))
      .send({ role: 'owner' });
    expect(patch.status).toBe(404);
    expect(JSON.stringify(patch.body)).not.toContain(a.tenantId);
    const removal = await harness.request.delete(`/api/v1/admins/${a.adminIds.member}`).set(as(b, 'owner'));
    expect(removal.status).toBe(404);
    const list = await harness.request.get('/api/v1/admins').set(as(b, 'owner'));
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(a.adminIds.member);
    const account = await harness.store
      .forTenant(a.tenantId, { actor: 'system:test' })
      .admins.get(a.adminIds.member);
    expect(account?.role).toBe('member');
  });
});
