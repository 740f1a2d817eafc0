import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AuditContext,
  type CalendarEvent,
  compileNumber,
  horizonAround,
  type Store,
  type TableChange,
  type TenantStore,
} from '@wygc/routing-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from './create-store.ts';
import { createDataKeys } from './data-keys.ts';
import { createLocalKeyFileKeyring } from './local-key-file-keyring.ts';
import type { StoreDriver } from './store-driver.ts';
import { isStoreError, type StoreErrorCode } from './store-error.ts';

const admin: AuditContext = { actor: 'admin:test', sourceIp: '127.0.0.1' };
const now = Date.parse('2027-03-22T12:00:00Z');

const shift = (uid: string, subject: string, start: string, end: string): CalendarEvent => ({
  uid,
  subject,
  status: 'confirmed',
  start: { dateTime: start, timeZone: 'Europe/Amsterdam' },
  end: { dateTime: end, timeZone: 'Europe/Amsterdam' },
});

export const rejectsWith = async (promise: Promise<unknown>, code: StoreErrorCode) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isStoreError(error, code), `expected ${code}, got ${String(error)}`).toBe(true);
};

/**
 * The behaviour of the Store port, run against every driver. `setup` returns a fresh, empty driver.
 */
export const describeStoreContract = (
  name: string,
  setup: () => Promise<{ driver: StoreDriver; cleanup?: () => Promise<void> }>,
) => {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let cleanup: (() => Promise<void>) | undefined;
    let keyDir: string;
    let clock = now;

    beforeEach(async () => {
      keyDir = await mkdtemp(join(tmpdir(), 'wygc-keys-'));
      const made = await setup();
      cleanup = made.cleanup;
      clock = now;
      store = createStore({
        driver: made.driver,
        dataKeys: createDataKeys({ keyring: createLocalKeyFileKeyring({ path: join(keyDir, 'keys.json') }) }),
        lookupKey: new Uint8Array(32).fill(7),
        clock: () => clock,
      });
    });

    afterEach(async () => {
      await store.close();
      await cleanup?.();
      await rm(keyDir, { recursive: true, force: true });
    });

    const newTenant = async (tenantName = 'Storingsdienst BV'): Promise<TenantStore> => {
      const tenant = await store.tenants.create({ name: tenantName }, admin);
      return store.forTenant(tenant.id, admin);
    };

    /** A tenant with two contacts, an ICS source with a shift and an override, and a number on it. */
    const seeded = async () => {
      const tenant = await newTenant();
      const jd = await tenant.contacts.create({
        key: 'JD',
        phone: '06 12345678',
        description: 'Jan de Vries',
      });
      const pk = await tenant.contacts.create({ key: 'PK', phone: '050 123 4567' });
      const source = await tenant.sources.create({
        provider: 'ics',
        externalId: 'https://example.invalid/storing.ics',
        name: 'Storingsdienst',
        timeZone: 'Europe/Amsterdam',
      });
      const number = await tenant.numbers.create({
        did: '+31 50 700 0000',
        name: 'Storing',
        sourceIds: [source.id],
        fallback: 'PK',
      });
      const events = [
        shift('weekend', 'Storing JD', '2027-03-26T17:00:00', '2027-03-29T08:00:00'),
        shift('swap', 'PK (ruil)', '2027-03-27T10:00:00', '2027-03-27T14:00:00'),
      ];
      return { tenant, jd, pk, source, number, events };
    };

    const compileFor = async (
      tenant: TenantStore,
      numberId: string,
      sourceEvents: readonly CalendarEvent[],
    ) => {
      const number = await tenant.numbers.get(numberId);
      const sources = await tenant.sources.list();
      if (!number) throw new Error('number missing');
      return compileNumber({
        tenant: await tenant.tenant(),
        number,
        contacts: await tenant.contacts.list(),
        sources: sources.map((source) => ({ source, events: sourceEvents })),
        horizon: horizonAround(now),
        version: 0,
        compiledAt: now,
      });
    };

    describe('tenants', () => {
      it('creates tenants with defaults and lists them', async () => {
        const a = await store.tenants.create({ name: 'A' }, admin);
        const b = await store.tenants.create(
          { name: 'B', timeZone: 'Europe/Brussels', settings: { ringSeconds: 30 } },
          admin,
        );
        expect(a).toMatchObject({
          name: 'A',
          status: 'active',
          timeZone: 'Europe/Amsterdam',
          settings: { ringSeconds: 20, overlapPolicy: 'layered', cdrRetentionDays: 90 },
        });
        expect(b.settings.ringSeconds).toBe(30);
        expect((await store.tenants.list()).map((t) => t.name).sort()).toEqual(['A', 'B']);
        expect(await store.tenants.get(a.id)).toEqual(a);
      });

      it('refuses an unknown time zone and unknown settings', async () => {
        await rejectsWith(
          store.tenants.create({ name: 'X', timeZone: 'Mars/Olympus' }, admin),
          'INVALID_INPUT',
        );
        await rejectsWith(
          store.tenants.create({ name: 'X', settings: { ringSeconds: 1 } }, admin),
          'INVALID_INPUT',
        );
      });

      it('updates the settings it names and keeps the others', async () => {
        const tenant = await newTenant();
        await tenant.updateTenant({
          settings: { ringSeconds: 45, googleWorkspaceDomains: ['contoso.example'] },
        });
        const updated = await tenant.updateTenant({ settings: { caseSensitiveKeys: true } });
        expect(updated.settings).toEqual({
          ringSeconds: 45,
          overlapPolicy: 'layered',
          caseSensitiveKeys: true,
          cdrRetentionDays: 90,
          auditRetentionDays: 365,
          googleWorkspaceDomains: ['contoso.example'],
        });
        expect((await tenant.tenant()).settings).toEqual(updated.settings);
        await rejectsWith(
          tenant.updateTenant({ settings: { googleWorkspaceDomains: ['not a domain'] } }),
          'INVALID_INPUT',
        );
      });
    });

    describe('contacts', () => {
      it('creates, reads, updates and removes a contact with a normalised phone', async () => {
        const tenant = await newTenant();
        const created = await tenant.contacts.create({
          key: 'JD',
          phone: '06 12345678',
          description: 'Jan de Vries',
        });
        expect(created).toMatchObject({ key: 'JD', phone: '+31612345678', description: 'Jan de Vries' });
        expect(await tenant.contacts.get(created.id)).toEqual(created);
        const updated = await tenant.contacts.update(created.id, {
          phone: '+32 470 12 34 56',
          clearDescription: true,
        });
        expect(updated).toEqual({
          id: created.id,
          tenantId: tenant.tenantId,
          key: 'JD',
          phone: '+32470123456',
        });
        await tenant.contacts.remove(created.id);
        expect(await tenant.contacts.get(created.id)).toBeUndefined();
        await rejectsWith(tenant.contacts.remove(created.id), 'NOT_FOUND');
      });

      it('keeps keys unique per tenant, regardless of case, but not across tenants', async () => {
        const a = await newTenant('A');
        const b = await newTenant('B');
        await a.contacts.create({ key: 'JD', phone: '0612345678' });
        await rejectsWith(a.contacts.create({ key: 'jd', phone: '0612345679' }), 'CONFLICT');
        await b.contacts.create({ key: 'JD', phone: '0612345678' });
        expect(await a.contacts.list()).toHaveLength(1);
      });

      it('rejects invalid input and changes nothing', async () => {
        const tenant = await newTenant();
        await rejectsWith(tenant.contacts.create({ key: 'J D', phone: '0612345678' }), 'INVALID_INPUT');
        await rejectsWith(tenant.contacts.create({ key: 'JD', phone: '12' }), 'INVALID_INPUT');
        const jd = await tenant.contacts.create({ key: 'JD', phone: '0612345678' });
        await rejectsWith(tenant.contacts.update(jd.id, { phone: 'nope' }), 'INVALID_INPUT');
        expect(await tenant.contacts.get(jd.id)).toEqual(jd);
      });
    });

    describe('numbers, sources and admins', () => {
      it('keeps DIDs unique across tenants and normalises them', async () => {
        const a = await newTenant('A');
        const b = await newTenant('B');
        const number = await a.numbers.create({ did: '050 700 0000', name: 'Storing' });
        expect(number).toMatchObject({
          did: '+31507000000',
          ringSeconds: 20,
          overlapPolicy: 'layered',
          strategy: 'sequential',
          fallback: null,
        });
        await rejectsWith(b.numbers.create({ did: '+31507000000', name: 'Copy' }), 'CONFLICT');
        expect(await store.lookups.numberByDid('+31507000000')).toEqual({
          tenantId: a.tenantId,
          numberId: number.id,
        });
      });

      it('stores source credentials and finds a source by its push channel', async () => {
        const tenant = await newTenant();
        const source = await tenant.sources.create({
          provider: 'google',
          externalId: 'primary',
          name: 'Dienst',
          timeZone: 'Europe/Amsterdam',
          credentials: { refreshToken: 'secret-refresh-token' },
        });
        await tenant.sources.update(source.id, {
          channel: { id: 'chan-1', secret: 'a-very-secret-token', expiresAt: now + 1000 },
        });
        expect(await store.lookups.sourceByChannel('chan-1')).toEqual({
          tenantId: tenant.tenantId,
          sourceId: source.id,
        });
        expect((await tenant.sources.get(source.id))?.credentials).toEqual({
          refreshToken: 'secret-refresh-token',
        });
        await tenant.sources.update(source.id, { clearChannel: true });
        expect(await store.lookups.sourceByChannel('chan-1')).toBeUndefined();
      });

      it('finds admins by email (any case) and by linked identity', async () => {
        const tenant = await newTenant();
        const account = await tenant.admins.create({
          email: 'Jan@Example.nl',
          role: 'owner',
          identities: { entra: { tid: 't', oid: 'o' } },
        });
        expect(await store.lookups.adminsByEmail(' jan@example.NL ')).toEqual([
          { tenantId: tenant.tenantId, adminId: account.id },
        ]);
        expect(await store.lookups.adminByIdentity({ entra: { tid: 't', oid: 'o' } })).toEqual({
          tenantId: tenant.tenantId,
          adminId: account.id,
        });
        expect(await store.lookups.adminByIdentity({ googleSub: 'nobody' })).toBeUndefined();
        await rejectsWith(tenant.admins.create({ email: 'jan@example.nl', role: 'admin' }), 'CONFLICT');
        const locked = await tenant.admins.update(account.id, { failedLogins: 5, lockedUntil: now + 60_000 });
        expect(locked).toMatchObject({ failedLogins: 5, lockedUntil: now + 60_000 });
        const unlocked = await tenant.admins.update(account.id, { clearLock: true });
        expect(unlocked.failedLogins).toBe(0);
        expect(unlocked.lockedUntil).toBeUndefined();
      });
    });

    describe('sync commits and routing tables', () => {
      it('applies events, source state and tables together, and feeds the change to watchers', async () => {
        const { tenant, source, number, events } = await seeded();
        const changes: TableChange[] = [];
        const stop = store.routingTables.watch((change) => changes.push(change));
        const { table, unmatched } = await compileFor(tenant, number.id, events);
        const published = await tenant.commitSync({
          sourceId: source.id,
          changes: { upserts: events.map((event) => ({ externalId: event.uid, event })), deletes: [] },
          source: { cursor: 'etag-1', lastSync: { at: now, ok: true, upserted: 2, deleted: 0 } },
          tables: [{ numberId: number.id, expectedVersion: null, table, unmatched }],
        });
        expect(published.map((p) => p.version)).toEqual([1]);
        expect((await tenant.events.list(source.id)).map((e) => e.externalId).sort()).toEqual([
          'swap',
          'weekend',
        ]);
        expect((await tenant.sources.get(source.id))?.cursor).toBe('etag-1');
        const stored = await tenant.tables.get(number.id);
        expect(stored?.table.version).toBe(1);
        expect(stored?.table.did).toBe('+31507000000');
        await expect.poll(() => changes.length).toBe(1);
        expect(changes[0]).toMatchObject({
          type: 'published',
          numberId: number.id,
          version: 1,
          did: '+31507000000',
        });
        const all = await store.routingTables.listAll();
        expect(all.map((t) => [t.numberId, t.version])).toEqual([[number.id, 1]]);
        stop();
      });

      it('rolls the whole sync back when a table version moved in between', async () => {
        const { tenant, source, number, events } = await seeded();
        const { table, unmatched } = await compileFor(tenant, number.id, events);
        await tenant.tables.publish([{ numberId: number.id, expectedVersion: null, table, unmatched }]);
        await rejectsWith(
          tenant.commitSync({
            sourceId: source.id,
            changes: { upserts: events.map((event) => ({ externalId: event.uid, event })), deletes: [] },
            source: { cursor: 'etag-2' },
            tables: [{ numberId: number.id, expectedVersion: null, table, unmatched }],
          }),
          'CONFLICT',
        );
        expect(await tenant.events.list(source.id)).toEqual([]);
        expect((await tenant.sources.get(source.id))?.cursor).toBeUndefined();
        expect((await tenant.tables.get(number.id))?.version).toBe(1);
      });

      it('deletes events, replaces all on a full resync, and refuses malformed events', async () => {
        const { tenant, source, events } = await seeded();
        await tenant.commitSync({
          sourceId: source.id,
          changes: { upserts: events.map((event) => ({ externalId: event.uid, event })), deletes: [] },
        });
        await tenant.commitSync({ sourceId: source.id, changes: { upserts: [], deletes: ['swap'] } });
        expect((await tenant.events.list()).map((e) => e.externalId)).toEqual(['weekend']);
        const fresh = shift('new', 'PK', '2027-04-02T17:00:00', '2027-04-05T08:00:00');
        await tenant.commitSync({
          sourceId: source.id,
          changes: { upserts: [{ externalId: 'new', event: fresh }], deletes: [], replaceAll: true },
        });
        expect((await tenant.events.list()).map((e) => e.externalId)).toEqual(['new']);
        await rejectsWith(
          tenant.commitSync({
            sourceId: source.id,
            changes: {
              upserts: [
                { externalId: 'bad', event: { ...fresh, start: { dateTime: 'tomorrow', timeZone: 'x' } } },
              ],
              deletes: ['new'],
            },
          }),
          'INVALID_INPUT',
        );
        expect((await tenant.events.list()).map((e) => e.externalId)).toEqual(['new']);
      });

      it('removing a source removes its events', async () => {
        const { tenant, source, events } = await seeded();
        await tenant.commitSync({
          sourceId: source.id,
          changes: { upserts: events.map((event) => ({ externalId: event.uid, event })), deletes: [] },
        });
        await tenant.sources.remove(source.id);
        expect(await tenant.events.list()).toEqual([]);
      });
    });

    describe('call records and audit log', () => {
      it('pages call records newest first within a period', async () => {
        const tenant = await newTenant();
        const base = {
          callId: 'c',
          did: '+31507000000',
          caller: '+31612345678',
          tableVersion: 1,
          reason: 'duty' as const,
          attempts: [],
          outcome: 'answered' as const,
        };
        await tenant.calls.append(
          [10, 20, 20, 30, 40].map((minute, i) => ({
            ...base,
            callId: `c${i}`,
            startedAt: now + minute * 60_000,
            endedAt: now + minute * 60_000 + 1000,
          })),
        );
        const first = await tenant.calls.list({ from: now + 15 * 60_000, limit: 2 });
        expect(first.items.map((c) => c.callId)).toEqual(['c4', 'c3']);
        const second = await tenant.calls.list({
          from: now + 15 * 60_000,
          limit: 2,
          ...(first.nextCursor ? { cursor: first.nextCursor } : {}),
        });
        expect(second.items.map((c) => c.callId).sort()).toEqual(['c1', 'c2']);
        expect(second.nextCursor).toBeUndefined();
        await rejectsWith(tenant.calls.list({ cursor: 'garbage' }), 'INVALID_INPUT');
      });

      it('audits reads and changes of personal data with actor and source address', async () => {
        const tenant = await newTenant();
        const jd = await tenant.contacts.create({ key: 'JD', phone: '0612345678' });
        await tenant.contacts.get(jd.id);
        await tenant.contacts.list();
        const log = await tenant.audit.list({ limit: 100 });
        const actions = log.items.map((entry) => entry.action);
        expect(actions).toEqual(
          expect.arrayContaining(['tenant.create', 'contact.create', 'contact.read', 'contact.list']),
        );
        const read = log.items.find((entry) => entry.action === 'contact.read');
        expect(read).toMatchObject({
          actor: 'admin:test',
          sourceIp: '127.0.0.1',
          outcome: 'success',
          target: { category: 'contact', id: jd.id },
        });
        const again = await tenant.audit.list({ limit: 100 });
        expect(again.items.some((entry) => entry.action === 'audit-entry.list')).toBe(true);
      });
    });

    describe('Teams bot conversations and notices', () => {
      const oid = '4b2d9f10-8c3e-4a5b-b6c7-d8e9f0a1b2c3';
      const teamId = '19:duty-team@thread.tacv2';
      const reference = (conversationId: string) => ({
        channelId: 'msteams',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        conversation: { id: conversationId, conversationType: 'personal' },
      });
      const user = (externalId = oid, extra: { language?: string; contactKeys?: string[] } = {}) => ({
        kind: 'user' as const,
        externalId,
        language: extra.language ?? 'nl',
        reference: reference(`a:${externalId}`),
        ...(extra.contactKeys ? { contactKeys: extra.contactKeys } : {}),
      });
      const team = {
        kind: 'team' as const,
        externalId: teamId,
        language: 'en',
        reference: reference(teamId),
      };
      const auditOf = async (tenant: TenantStore, prefix: string) =>
        (await tenant.audit.list({ limit: 500 })).items.filter((entry) => entry.action.startsWith(prefix));

      it('saves a conversation by kind and external id, keeps its contact keys unless given, and removes it', async () => {
        const tenant = await newTenant();
        const saved = await tenant.botConversations.save(user(oid, { contactKeys: ['JD', 'JD', 'PK'] }));
        expect(saved).toMatchObject({
          tenantId: tenant.tenantId,
          kind: 'user',
          externalId: oid,
          language: 'nl',
          reference: reference(`a:${oid}`),
          contactKeys: ['JD', 'PK'],
          updatedAt: now,
        });
        clock = now + 1000;
        const again = await tenant.botConversations.save(user(oid, { language: 'en' }));
        expect(again).toEqual({ ...saved, language: 'en', updatedAt: now + 1000 });
        const teamSaved = await tenant.botConversations.save(team);
        expect(teamSaved.contactKeys).toEqual([]);
        const listed = await tenant.botConversations.list();
        expect(listed.map((c) => [c.kind, c.externalId, c.language]).sort()).toEqual([
          ['team', teamId, 'en'],
          ['user', oid, 'en'],
        ]);
        await tenant.botConversations.remove(saved.id);
        await tenant.botConversations.remove(saved.id);
        expect((await tenant.botConversations.list()).map((c) => c.id)).toEqual([teamSaved.id]);
      });

      it('audits changes but not reads, nor saves that change nothing, and names nobody in the audit log', async () => {
        const tenant = await newTenant();
        const saved = await tenant.botConversations.save(user());
        await tenant.botConversations.save(user());
        await tenant.botConversations.list();
        await tenant.botConversations.save(user(oid, { contactKeys: ['JD'] }));
        await tenant.botConversations.remove(saved.id);
        const entries = await auditOf(tenant, 'bot-conversation.');
        expect(entries.map((entry) => entry.action).sort()).toEqual([
          'bot-conversation.create',
          'bot-conversation.delete',
          'bot-conversation.update',
        ]);
        expect(entries[0]?.target).toEqual({ category: 'bot-conversation', id: saved.id });
        expect(JSON.stringify(entries)).not.toContain(oid);
        expect(saved.id).not.toContain(oid);
      });

      it('refuses a malformed conversation and changes nothing', async () => {
        const tenant = await newTenant();
        const bad: unknown[] = [
          { ...user(), kind: 'channel' },
          { ...user(), externalId: '' },
          { ...user(), language: 'Nederlands' },
          { ...user(), reference: { serviceUrl: 'https://smba.trafficmanager.net/emea/' } },
          { ...user(), reference: { conversation: { id: 'a:1' }, padding: 'x'.repeat(10_000) } },
          { ...user(), contactKeys: ['J D'] },
          { ...team, contactKeys: ['JD'] },
          { ...user(), extra: true },
        ];
        for (const input of bad) {
          await rejectsWith(
            tenant.botConversations.save(input as Parameters<TenantStore['botConversations']['save']>[0]),
            'INVALID_INPUT',
          );
        }
        expect(await tenant.botConversations.list()).toEqual([]);
      });

      it('finds conversations across tenants by user or team, and keeps each in one tenant', async () => {
        const a = await newTenant('A');
        const b = await newTenant('B');
        const mine = await a.botConversations.save(user());
        const ours = await a.botConversations.save(team);
        await b.botConversations.save(user('0f1e2d3c-4b5a-4697-8877-665544332211'));
        expect(await store.lookups.botConversationTenants()).toEqual([a.tenantId, b.tenantId].sort());
        expect(await store.lookups.botConversationsOf('user', oid)).toEqual([
          { tenantId: a.tenantId, conversationId: mine.id },
        ]);
        expect(await store.lookups.botConversationsOf('team', teamId)).toEqual([
          { tenantId: a.tenantId, conversationId: ours.id },
        ]);
        expect(await store.lookups.botConversationsOf('team', oid)).toEqual([]);
        await rejectsWith(b.botConversations.save(user()), 'CONFLICT');
        await a.botConversations.remove(mine.id);
        await b.botConversations.save(user());
        expect(await store.lookups.botConversationsOf('user', oid)).toEqual([
          { tenantId: b.tenantId, conversationId: mine.id },
        ]);
      });

      it("neither shows nor changes another tenant's conversations and notices", async () => {
        const a = await newTenant('A');
        const b = await newTenant('B');
        const mine = await a.botConversations.save(user(oid, { contactKeys: ['JD'] }));
        await a.botNotices.remember('gap:n1:1', now + 1000);
        expect(await b.botConversations.list()).toEqual([]);
        await b.botConversations.remove(mine.id);
        expect(await b.botNotices.has('gap:n1:1')).toBe(false);
        expect(await b.botNotices.prune(now + 5000)).toBe(0);
        expect((await a.botConversations.list()).map((c) => c.id)).toEqual([mine.id]);
        expect(await a.botNotices.has('gap:n1:1')).toBe(true);
      });

      it('remembers sent notices until their problem is over, auditing what was sent and pruned', async () => {
        const tenant = await newTenant();
        const notice = `on-duty:n1:JD:1@user:${oid}`;
        await tenant.botNotices.remember(notice, 100);
        await tenant.botNotices.remember('b', 300);
        await tenant.botNotices.remember(notice, 50);
        expect(await tenant.botNotices.has(notice)).toBe(true);
        expect(await tenant.botNotices.has('c')).toBe(false);
        expect(await tenant.botNotices.prune(99)).toBe(0);
        expect(await tenant.botNotices.prune(200)).toBe(1);
        expect([await tenant.botNotices.has(notice), await tenant.botNotices.has('b')]).toEqual([
          false,
          true,
        ]);
        expect(await tenant.botNotices.prune(200)).toBe(0);
        await tenant.botNotices.remember('b', 400);
        expect(await tenant.botNotices.prune(350)).toBe(0);
        const entries = await auditOf(tenant, 'bot-notice.');
        expect(entries.map((entry) => entry.action).sort()).toEqual([
          'bot-notice.purge',
          'bot-notice.send',
          'bot-notice.send',
          'bot-notice.send',
        ]);
        expect(JSON.stringify(entries)).not.toContain(oid);
        await rejectsWith(tenant.botNotices.remember('', 1), 'INVALID_INPUT');
        await rejectsWith(tenant.botNotices.remember('x', Number.NaN), 'INVALID_INPUT');
      });

      it('exports conversations without their reference, unlinks an erased contact, and terminates them', async () => {
        const { tenant, jd } = await seeded();
        await tenant.botConversations.save(user(oid, { contactKeys: ['JD', 'PK'] }));
        await tenant.botConversations.save(team);
        await tenant.botNotices.remember('gap:n1:1', now + 1000);
        const exported = await tenant.privacy.exportTenant();
        expect(exported.botConversations.map((c) => [c.kind, c.externalId, c.contactKeys]).sort()).toEqual([
          ['team', teamId, []],
          ['user', oid, ['JD', 'PK']],
        ]);
        expect(JSON.stringify(exported.botConversations)).not.toContain('smba.trafficmanager.net');

        await tenant.privacy.eraseContact(jd.id);
        const [linked] = (await tenant.botConversations.list()).filter((c) => c.kind === 'user');
        expect(linked?.contactKeys).toEqual(['PK']);

        const report = await tenant.privacy.terminate();
        expect(report.deleted).toMatchObject({ botConversations: 2, botNotices: 1 });
        expect(await store.lookups.botConversationTenants()).toEqual([]);
        expect(await store.lookups.botConversationsOf('user', oid)).toEqual([]);
        await rejectsWith(tenant.botConversations.list(), 'TENANT_TERMINATED');
        await rejectsWith(tenant.botNotices.has('gap:n1:1'), 'TENANT_TERMINATED');
      });
    });

    describe('tenant isolation', () => {
      it("finds nothing and changes nothing with another tenant's ids", async () => {
        const { tenant: a, jd, source, number } = await seeded();
        const b = await newTenant('Other');
        expect(await b.contacts.get(jd.id)).toBeUndefined();
        expect(await b.sources.get(source.id)).toBeUndefined();
        expect(await b.numbers.get(number.id)).toBeUndefined();
        expect(await b.tables.get(number.id)).toBeUndefined();
        await rejectsWith(b.contacts.update(jd.id, { phone: '0687654321' }), 'NOT_FOUND');
        await rejectsWith(b.contacts.remove(jd.id), 'NOT_FOUND');
        await rejectsWith(
          b.commitSync({ sourceId: source.id, changes: { upserts: [], deletes: [] } }),
          'NOT_FOUND',
        );
        await rejectsWith(b.privacy.eraseContact(jd.id), 'NOT_FOUND');
        expect(await b.contacts.list()).toEqual([]);
        expect((await a.contacts.get(jd.id))?.phone).toBe('+31612345678');
        await rejectsWith(store.forTenant('no-such-tenant', admin).contacts.list(), 'NOT_FOUND');
      });
    });

    describe('data lifecycle', () => {
      it('exports a tenant with every category, without secrets', async () => {
        const { tenant, source, events } = await seeded();
        await tenant.admins.create({
          email: 'jan@example.nl',
          role: 'owner',
          passwordHash: '$argon2id$secret',
        });
        await tenant.commitSync({
          sourceId: source.id,
          changes: { upserts: events.map((event) => ({ externalId: event.uid, event })), deletes: [] },
        });
        const exported = await tenant.privacy.exportTenant();
        expect(exported.contacts.map((c) => c.key).sort()).toEqual(['JD', 'PK']);
        expect(exported.events).toHaveLength(2);
        expect(exported.numbers).toHaveLength(1);
        expect(exported.admins[0]).toMatchObject({ email: 'jan@example.nl' });
        expect(JSON.stringify(exported)).not.toContain('argon2id');
        expect(exported.audit.length).toBeGreaterThan(0);
        expect(
          (await tenant.audit.list({ limit: 200 })).items.some((e) => e.action === 'tenant.export'),
        ).toBe(true);
      });

      it('exports one contact with the events that select it and its calls', async () => {
        const { tenant, jd, source, events } = await seeded();
        await tenant.commitSync({
          sourceId: source.id,
          changes: { upserts: events.map((event) => ({ externalId: event.uid, event })), deletes: [] },
        });
        await tenant.calls.append([
          {
            callId: 'a',
            did: '+31507000000',
            caller: '+31201234567',
            startedAt: now,
            endedAt: now + 1,
            tableVersion: 1,
            reason: 'duty',
            outcome: 'answered',
            attempts: [{ key: 'JD', phone: jd.phone, sipStatus: 200, ms: 5 }],
          },
          {
            callId: 'b',
            did: '+31507000000',
            caller: '+31201234567',
            startedAt: now,
            endedAt: now + 1,
            tableVersion: 1,
            reason: 'duty',
            outcome: 'answered',
            attempts: [{ key: 'PK', phone: '+31501234567', sipStatus: 200, ms: 5 }],
          },
        ]);
        const exported = await tenant.privacy.exportContact(jd.id);
        expect(exported.contact.key).toBe('JD');
        expect(exported.events.map((e) => e.externalId)).toEqual(['weekend']);
        expect(exported.calls.map((c) => c.callId)).toEqual(['a']);
      });

      it('erases a contact everywhere: contact gone, tables republished without it, calls pseudonymised', async () => {
        const { tenant, jd, source, number, events } = await seeded();
        const { table, unmatched } = await compileFor(tenant, number.id, events);
        await tenant.commitSync({
          sourceId: source.id,
          changes: { upserts: events.map((event) => ({ externalId: event.uid, event })), deletes: [] },
          tables: [{ numberId: number.id, expectedVersion: null, table, unmatched }],
        });
        expect(JSON.stringify(await tenant.tables.get(number.id))).toContain(jd.phone);
        await tenant.calls.append([
          {
            callId: 'a',
            did: '+31507000000',
            caller: jd.phone,
            startedAt: now,
            endedAt: now + 1,
            tableVersion: 1,
            reason: 'duty',
            outcome: 'answered',
            attempts: [{ key: 'JD', phone: jd.phone, sipStatus: 200, ms: 5 }],
            answeredBy: 'JD',
          },
        ]);
        const report = await tenant.privacy.eraseContact(jd.id);
        expect(report).toMatchObject({ contactId: jd.id, callRecordsPseudonymised: 1, tablesRepublished: 1 });
        expect(await tenant.contacts.get(jd.id)).toBeUndefined();
        const republished = await tenant.tables.get(number.id);
        expect(republished?.version).toBe(2);
        expect(JSON.stringify(republished?.table)).not.toContain(jd.phone);
        const call = (await tenant.calls.list()).items[0];
        expect(JSON.stringify(call)).not.toContain(jd.phone);
        expect(call?.caller).toMatch(/^erased-/);
        expect(call?.answeredBy).toMatch(/^erased-/);
      });

      it('purges call records and audit entries older than the retention', async () => {
        const tenant = await newTenant();
        const day = 86_400_000;
        const base = {
          callId: 'c',
          did: '+31507000000',
          caller: '+31612345678',
          tableVersion: 1,
          reason: 'duty' as const,
          attempts: [],
          outcome: 'answered' as const,
        };
        await tenant.calls.append([
          { ...base, callId: 'old', startedAt: now - 91 * day, endedAt: now - 91 * day },
          { ...base, callId: 'new', startedAt: now - 89 * day, endedAt: now - 89 * day },
        ]);
        await tenant.audit.append({
          action: 'auth.login',
          target: { category: 'session' },
          at: now - 400 * day,
        });
        const report = await tenant.privacy.purgeExpired(now);
        expect(report).toEqual({ callRecords: 1, auditEntries: 1 });
        expect((await tenant.calls.list()).items.map((c) => c.callId)).toEqual(['new']);
        expect((await tenant.audit.list({ limit: 500 })).items.some((e) => e.action === 'auth.login')).toBe(
          false,
        );
      });

      it('terminates a tenant: data deleted, key destroyed, every later access refused', async () => {
        const { tenant, source, events } = await seeded();
        await tenant.commitSync({
          sourceId: source.id,
          changes: { upserts: events.map((event) => ({ externalId: event.uid, event })), deletes: [] },
        });
        const other = await newTenant('Other');
        await other.contacts.create({ key: 'JD', phone: '0612345678' });
        clock = now + 1000;
        const report = await tenant.privacy.terminate();
        expect(report).toMatchObject({
          tenantId: tenant.tenantId,
          terminatedAt: now + 1000,
          keyDestroyed: true,
        });
        expect(report.deleted).toMatchObject({ contacts: 2, events: 2, numbers: 1, sources: 1 });
        expect((await store.tenants.get(tenant.tenantId))?.status).toBe('terminated');
        await rejectsWith(tenant.contacts.list(), 'TENANT_TERMINATED');
        await rejectsWith(tenant.privacy.exportTenant(), 'TENANT_TERMINATED');
        expect(await other.contacts.list()).toHaveLength(1);
      });
    });
  });
};
