import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Store } from '@wygc/routing-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from './create-store.ts';
import { createDataKeys } from './data-keys.ts';
import { createLocalKeyFileKeyring } from './local-key-file-keyring.ts';
import { restoreSqliteBackup } from './restore-sqlite-backup.ts';
import { createSqliteDriver, type SqliteDriver } from './sqlite-driver.ts';
import { describeStoreContract, rejectsWith } from './store.contract.ts';

describeStoreContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'wygc-sqlite-store-'));
  return {
    driver: createSqliteDriver({ path: join(dir, 'wygc.sqlite') }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('SQLite store: encryption at rest', () => {
  let dir: string;
  let driver: SqliteDriver;
  let store: Store;
  const admin = { actor: 'admin:test' };
  const lookupKey = new Uint8Array(32).fill(9);
  const keyPath = () => join(dir, 'keys.json');
  const open = (path: string) => {
    driver = createSqliteDriver({ path });
    store = createStore({
      driver,
      dataKeys: createDataKeys({ keyring: createLocalKeyFileKeyring({ path: keyPath() }) }),
      lookupKey,
    });
    return store;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wygc-sqlite-crypto-'));
    open(join(dir, 'wygc.sqlite'));
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const populate = async () => {
    const created = await store.tenants.create({ name: 'Storingsdienst' }, admin);
    const tenant = store.forTenant(created.id, admin);
    const contact = await tenant.contacts.create({
      key: 'JD',
      phone: '06 41238765',
      description: 'Jan de Vries',
    });
    await tenant.admins.create({ email: 'jan.devries@storing.example', role: 'owner' });
    const source = await tenant.sources.create({
      provider: 'caldav',
      externalId: 'https://dav.example/cal/',
      name: 'Dienst',
      timeZone: 'Europe/Amsterdam',
      credentials: { username: 'dienst', password: 'hunter2-correct-horse' },
    });
    await tenant.commitSync({
      sourceId: source.id,
      changes: {
        upserts: [
          {
            externalId: 'e1',
            event: {
              uid: 'e1',
              subject: 'Storing Jan Vertrouwelijk',
              status: 'confirmed',
              start: { dateTime: '2027-03-26T17:00:00', timeZone: 'Europe/Amsterdam' },
              end: { dateTime: '2027-03-29T08:00:00', timeZone: 'Europe/Amsterdam' },
            },
          },
        ],
        deletes: [],
      },
    });
    await tenant.calls.append([
      {
        callId: 'c1',
        did: '+31507000000',
        caller: '+31201234567',
        startedAt: 1,
        endedAt: 2,
        tableVersion: 1,
        reason: 'duty',
        outcome: 'answered',
        attempts: [{ key: 'JD', phone: contact.phone, sipStatus: 200, ms: 3 }],
      },
    ]);
    await tenant.botConversations.save({
      kind: 'user',
      externalId: '4b2d9f10-8c3e-4a5b-b6c7-d8e9f0a1b2c3',
      language: 'nl',
      reference: { conversation: { id: 'a:personal-chat-of-jan' }, user: { aadObjectId: 'oid-of-jan' } },
      contactKeys: ['JD'],
    });
    await tenant.botNotices.remember('on-duty:n1:JD:1@user:4b2d9f10-8c3e-4a5b-b6c7-d8e9f0a1b2c3', 1);
    return { tenantId: created.id, contactId: contact.id };
  };

  it('writes no phone number, e-mail address, subject, credential or Teams id in clear to the database file', async () => {
    await populate();
    await store.close();
    const bytes = Buffer.concat(
      await Promise.all(
        ['wygc.sqlite', 'wygc.sqlite-wal'].map((f) => readFile(join(dir, f)).catch(() => Buffer.alloc(0))),
      ),
    );
    for (const secret of [
      '+31641238765',
      '641238765',
      '06 41238765',
      '+31201234567',
      '201234567',
      'jan.devries@storing.example',
      'storing.example',
      'Vertrouwelijk',
      'Jan de Vries',
      'hunter2-correct-horse',
      '4b2d9f10-8c3e-4a5b-b6c7-d8e9f0a1b2c3',
      'personal-chat-of-jan',
      'oid-of-jan',
    ]) {
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${secret} (utf-16)`).toBe(false);
    }
    open(join(dir, 'wygc.sqlite'));
  });

  it('rejects a tampered value and a value moved to another tenant or record', async () => {
    const { tenantId, contactId } = await populate();
    const other = await store.tenants.create({ name: 'Other' }, admin);
    const otherContact = await store
      .forTenant(other.id, admin)
      .contacts.create({ key: 'PK', phone: '0501234567' });
    const raw = new DatabaseSync(join(dir, 'wygc.sqlite'));
    const sealed = (
      raw.prepare('SELECT sealed FROM contacts WHERE id = ?').get(contactId) as { sealed: string }
    ).sealed;
    raw.prepare('UPDATE contacts SET sealed = ? WHERE id = ?').run(sealed, otherContact.id);
    await rejectsWith(store.forTenant(other.id, admin).contacts.get(otherContact.id), 'DECRYPTION_FAILED');
    const flipped = `${sealed.slice(0, -2)}${sealed.at(-2) === 'A' ? 'B' : 'A'}${sealed.slice(-1)}`;
    raw.prepare('UPDATE contacts SET sealed = ? WHERE id = ?').run(flipped, contactId);
    raw.close();
    await rejectsWith(store.forTenant(tenantId, admin).contacts.get(contactId), 'DECRYPTION_FAILED');
  });

  it('after termination, a backup taken before it cannot be decrypted', async () => {
    const { tenantId, contactId } = await populate();
    const backup = join(dir, 'before-termination.sqlite');
    await driver.backup(backup);
    await store.forTenant(tenantId, admin).privacy.terminate();
    await store.close();
    const restored = join(dir, 'restored.sqlite');
    await restoreSqliteBackup({ from: backup, to: restored });
    const fromBackup = open(restored);
    expect((await fromBackup.tenants.get(tenantId))?.status).toBe('active');
    await rejectsWith(fromBackup.forTenant(tenantId, admin).contacts.get(contactId), 'KEY_UNAVAILABLE');
  });
});
