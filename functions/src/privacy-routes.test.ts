import type { CalendarEvent } from '@wygc/routing-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrivacyRoutes, exportCategories } from './privacy-routes.ts';
import { type ApiTestHarness, createApiTestHarness, type TestTenant } from './testing/api-test-harness.ts';

const event = (uid: string, subject: string): CalendarEvent => ({
  uid,
  subject,
  status: 'confirmed',
  start: { dateTime: '2027-03-26T17:00:00', timeZone: 'Europe/Amsterdam' },
  end: { dateTime: '2027-03-29T08:00:00', timeZone: 'Europe/Amsterdam' },
});

describe('privacy API', () => {
  let harness: ApiTestHarness;

  beforeAll(async () => {
    harness = await createApiTestHarness((api, { sessions }) => {
      api.route('/api/v1', createPrivacyRoutes({ sessions }));
    });
  });

  afterAll(() => harness.close());

  const as = (tenant: TestTenant, role: 'owner' | 'admin' | 'member') => ({
    Authorization: `Bearer ${tenant.tokens[role]}`,
  });

  /** A tenant with two contacts, a calendar naming them (one subject a spreadsheet formula), and a call. */
  const seeded = async (name: string) => {
    const t = await harness.createTenant(name);
    const tenant = harness.store.forTenant(t.tenantId, { actor: 'system:test' });
    const jd = await tenant.contacts.create({ key: 'JD', phone: '06 12345678', description: 'Jan de Vries' });
    const pk = await tenant.contacts.create({ key: 'PK', phone: '06 87654321' });
    const source = await tenant.sources.create({
      provider: 'ics',
      externalId: 'https://calendar.example/duty.ics',
      name: 'Storingsdienst',
      timeZone: 'Europe/Amsterdam',
      credentials: { username: 'feed', password: 'feed-password-123' },
    });
    await tenant.commitSync({
      sourceId: source.id,
      changes: {
        upserts: [
          { externalId: 'e1', event: event('e1', 'Storing JD') },
          { externalId: 'e2', event: event('e2', '=HYPERLINK("https://evil.example","PK")') },
        ],
        deletes: [],
      },
    });
    await tenant.calls.append([
      {
        callId: 'call-1',
        did: '+31501234567',
        caller: '+31201234567',
        startedAt: harness.now - 3_600_000,
        endedAt: harness.now - 3_500_000,
        tableVersion: 1,
        reason: 'duty',
        attempts: [{ key: 'JD', phone: jd.phone, sipStatus: 200, ms: 3000 }],
        outcome: 'answered',
        answeredBy: 'JD',
      },
    ]);
    await tenant.admins.update(t.adminIds.admin, { passwordHash: '$argon2id$v=19$secret-hash' });
    await tenant.botConversations.save({
      kind: 'user',
      // A Teams user is in one organisation at a time: each seeded tenant gets its own.
      externalId: `teams-user-of-${t.tenantId}`,
      language: 'nl',
      reference: { conversation: { id: 'a:1chat' }, serviceUrl: 'https://smba.trafficmanager.net/emea/' },
      contactKeys: ['JD'],
    });
    return { t, jd, pk, source };
  };

  it('exports the whole organisation as a dated JSON download, without secrets, and audits it', async () => {
    const { t, jd } = await seeded('Storingsdienst BV');
    const response = await harness.request.get('/api/v1/privacy/export').set(as(t, 'admin'));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="wygc-export-2027-03-25.json"',
    );
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body.tenant).toMatchObject({ id: t.tenantId, name: 'Storingsdienst BV' });
    expect(response.body.contacts).toContainEqual(
      expect.objectContaining({ id: jd.id, phone: '+31612345678' }),
    );
    expect(response.body.events).toHaveLength(2);
    expect(response.body.calls).toHaveLength(1);
    expect(response.body.admins).toHaveLength(3);
    const text = JSON.stringify(response.body);
    for (const secret of ['argon2id', 'passwordHash', 'feed-password-123', 'credentials'])
      expect(text).not.toContain(secret);
    const audit = await harness.store
      .forTenant(t.tenantId, { actor: 'system:test' })
      .audit.list({ limit: 500 });
    expect(audit.items).toContainEqual(
      expect.objectContaining({ action: 'tenant.export', actor: `admin:${t.adminIds.admin}` }),
    );
  });

  it('exports one category at a time as CSV, with formulas defused and phones intact', async () => {
    const { t } = await seeded('A');
    const contacts = await harness.request
      .get('/api/v1/privacy/export')
      .query({ format: 'csv', category: 'contacts' })
      .set(as(t, 'owner'));
    expect(contacts.status).toBe(200);
    expect(contacts.headers['content-type']).toMatch(/^text\/csv/);
    expect(contacts.headers['content-disposition']).toBe(
      'attachment; filename="wygc-export-2027-03-25-contacts.csv"',
    );
    const lines = contacts.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('id,key,phone,description');
    expect(
      lines
        .slice(1)
        .map((line) => line.split(',').slice(1).join(','))
        .sort(),
    ).toEqual(['JD,+31612345678,Jan de Vries', 'PK,+31687654321,']);

    const events = await harness.request
      .get('/api/v1/privacy/export')
      .query({ format: 'csv', category: 'events' })
      .set(as(t, 'owner'));
    expect(events.text).toContain(`"'=HYPERLINK(""https://evil.example"",""PK"")"`);
    expect(events.text).toContain('Storing JD');

    const chats = await harness.request
      .get('/api/v1/privacy/export')
      .query({ format: 'csv', category: 'botConversations' })
      .set(as(t, 'owner'));
    const chatLines = chats.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(chatLines[0]).toBe('id,kind,externalId,language,contactKeys,updatedAt');
    expect(chatLines[1]).toContain(`,user,teams-user-of-${t.tenantId},nl,JD,`);

    for (const category of exportCategories) {
      const response = await harness.request
        .get('/api/v1/privacy/export')
        .query({ format: 'csv', category })
        .set(as(t, 'admin'));
      expect(response.status, category).toBe(200);
      expect(response.text, category).not.toMatch(/argon2id|feed-password-123|trafficmanager/);
    }
  });

  it('answers bad export queries with 400 JSON', async () => {
    const { t } = await seeded('A');
    for (const query of [{ format: 'csv' }, { format: 'xml' }, { format: 'csv', category: 'secrets' }]) {
      const response = await harness.request.get('/api/v1/privacy/export').query(query).set(as(t, 'admin'));
      expect(response.status, JSON.stringify(query)).toBe(400);
      expect(response.body.error.code).toBe('BAD_REQUEST');
    }
  });

  it("exports one contact's data: the contact, the events naming them and their calls", async () => {
    const { t, jd } = await seeded('A');
    const response = await harness.request.get(`/api/v1/contacts/${jd.id}/export`).set(as(t, 'admin'));
    expect(response.status).toBe(200);
    expect(response.body.contact).toMatchObject({ id: jd.id, key: 'JD', phone: '+31612345678' });
    expect(response.body.events.map((e: { externalId: string }) => e.externalId)).toEqual(['e1']);
    expect(response.body.calls.map((c: { callId: string }) => c.callId)).toEqual(['call-1']);
  });

  it('erases a contact everywhere and reports what changed', async () => {
    const { t, jd } = await seeded('A');
    const response = await harness.request.post(`/api/v1/contacts/${jd.id}/erase`).set(as(t, 'admin'));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ contactId: jd.id, callRecordsPseudonymised: 1, tablesRepublished: 0 });
    expect((await harness.request.get(`/api/v1/contacts/${jd.id}/export`).set(as(t, 'admin'))).status).toBe(
      404,
    );
    const all = await harness.request.get('/api/v1/privacy/export').set(as(t, 'admin'));
    expect(JSON.stringify(all.body.contacts)).not.toContain('+31612345678');
    expect(JSON.stringify(all.body.calls)).not.toContain('+31612345678');
  });

  it('keeps members out of exports and erasure', async () => {
    const { t, jd } = await seeded('A');
    for (const request of [
      harness.request.get('/api/v1/privacy/export').set(as(t, 'member')),
      harness.request.get(`/api/v1/contacts/${jd.id}/export`).set(as(t, 'member')),
      harness.request.post(`/api/v1/contacts/${jd.id}/erase`).set(as(t, 'member')),
    ]) {
      const response = await request;
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
    expect((await harness.request.get('/api/v1/privacy/export')).status).toBe(401);
  });

  it("never exports or erases another tenant's contact, whatever id is sent", async () => {
    const { t: a, jd } = await seeded('A');
    const { t: b } = await seeded('B');
    const exported = await harness.request.get(`/api/v1/contacts/${jd.id}/export`).set(as(b, 'owner'));
    expect(exported.status).toBe(404);
    expect(JSON.stringify(exported.body)).not.toContain('+31612345678');
    expect((await harness.request.post(`/api/v1/contacts/${jd.id}/erase`).set(as(b, 'owner'))).status).toBe(
      404,
    );
    const stillThere = await harness.request.get(`/api/v1/contacts/${jd.id}/export`).set(as(a, 'admin'));
    expect(stillThere.body.contact.phone).toBe('+31612345678');
  });

  it('terminates only for an owner who signed in recently and typed the name; then everything is gone', async () => {
    const { t } = await seeded('Storingsdienst Noord');
    const { t: other } = await seeded('Other');

    const admin = await harness.request
      .post('/api/v1/tenant/terminate')
      .set(as(t, 'admin'))
      .send({ confirm: 'Storingsdienst Noord' });
    expect(admin.status).toBe(403);
    const wrongName = await harness.request
      .post('/api/v1/tenant/terminate')
      .set(as(t, 'owner'))
      .send({ confirm: 'Storingsdienst' });
    expect(wrongName.status).toBe(400);
    expect(wrongName.body.error.code).toBe('BAD_REQUEST');
    expect((await harness.request.post('/api/v1/tenant/terminate').set(as(t, 'owner')).send({})).status).toBe(
      400,
    );

    const signedIn = harness.now;
    harness.now += 6 * 60_000;
    try {
      const stale = await harness.request
        .post('/api/v1/tenant/terminate')
        .set(as(t, 'owner'))
        .send({ confirm: 'Storingsdienst Noord' });
      expect(stale.status).toBe(401);
      expect(stale.body.error.code).toBe('REAUTHENTICATION_REQUIRED');
      expect((await harness.request.get('/api/v1/privacy/export').set(as(t, 'admin'))).status).toBe(200);

      const { token } = await harness.sessions.issue({
        adminId: t.adminIds.owner,
        tenantId: t.tenantId,
        role: 'owner',
        amr: ['pwd', 'otp'],
      });
      const owner = { Authorization: `Bearer ${token}` };
      const done = await harness.request
        .post('/api/v1/tenant/terminate')
        .set(owner)
        .send({ confirm: 'Storingsdienst Noord' });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({
        tenantId: t.tenantId,
        terminatedAt: harness.now,
        keyDestroyed: true,
      });
      expect(done.body.deleted).toMatchObject({ contacts: 2, events: 2, calls: 1, admins: 3 });

      for (const request of [
        harness.request.get('/api/v1/privacy/export').set(as(t, 'admin')),
        harness.request.post('/api/v1/tenant/terminate').set(owner).send({ confirm: 'Storingsdienst Noord' }),
      ]) {
        const response = await request;
        expect(response.status).toBe(410);
        expect(response.body.error.code).toBe('GONE');
      }
      const unaffected = await harness.request.get('/api/v1/privacy/export').set(as(other, 'admin'));
      expect(unaffected.status).toBe(200);
      expect(unaffected.body.contacts).toHaveLength(2);
    } finally {
      harness.now = signedIn;
    }
  });
});
