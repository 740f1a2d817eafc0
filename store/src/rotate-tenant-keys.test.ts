import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from './create-store.ts';
import { createDataKeys } from './data-keys.ts';
import { createLocalKeyFileKeyring, type LocalKeyFileKeyring } from './local-key-file-keyring.ts';
import { createMemoryDriver } from './memory-driver.ts';
import { rotateTenantKeys } from './rotate-tenant-keys.ts';
import type { StoreDriver } from './store-driver.ts';

describe('rotateTenantKeys', () => {
  let dir: string;
  let keyring: LocalKeyFileKeyring;
  let driver: StoreDriver;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wygc-rotate-'));
    keyring = createLocalKeyFileKeyring({ path: join(dir, 'keys.json') });
    driver = createMemoryDriver();
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('re-wraps data keys under the new KEK version without touching data, so the old version can go', async () => {
    const lookupKey = new Uint8Array(32).fill(3);
    const before = createStore({ driver, dataKeys: createDataKeys({ keyring }), lookupKey });
    const tenant = await before.tenants.create({ name: 'A' }, { actor: 'admin:t' });
    const contact = await before
      .forTenant(tenant.id, { actor: 'admin:t' })
      .contacts.create({ key: 'JD', phone: '0612345678' });
    const sealedBefore = (await driver.get('contacts', tenant.id, contact.id))?.sealed;
    const oldVersion = JSON.parse((await driver.getTenant(tenant.id))?.wrappedKey ?? '{}').keyVersion;

    await keyring.rotate();
    const report = await rotateTenantKeys({ driver, dataKeys: createDataKeys({ keyring }), keyring });
    expect(report).toEqual({ rewrapped: 1, skipped: 0 });
    expect((await driver.get('contacts', tenant.id, contact.id))?.sealed).toBe(sealedBefore);
    expect(JSON.parse((await driver.getTenant(tenant.id))?.wrappedKey ?? '{}').keyVersion).not.toBe(
      oldVersion,
    );

    await keyring.removeVersion(oldVersion);
    const after = createStore({ driver, dataKeys: createDataKeys({ keyring }), lookupKey });
    expect((await after.forTenant(tenant.id, { actor: 'admin:t' }).contacts.get(contact.id))?.phone).toBe(
      '+31612345678',
    );
  });
});
