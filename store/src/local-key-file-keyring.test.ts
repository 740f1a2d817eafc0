import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalKeyFileKeyring } from './local-key-file-keyring.ts';
import { StoreError } from './store-error.ts';

const tenant = { tenantId: 'tenant-a' };
let directory: string;
let path: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'wygc-keyring-'));
  path = join(directory, 'data', 'kek.json');
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const rejection = async (promise: Promise<unknown>): Promise<StoreError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error instanceof StoreError) return error;
  throw new Error(`expected a StoreError, got ${String(error)}`);
};

describe('createLocalKeyFileKeyring', () => {
  it('does not touch the disk until first use', async () => {
    createLocalKeyFileKeyring({ path });
    await expect(stat(path)).rejects.toThrow(/ENOENT/);
  });

  it('creates the key file with mode 0600 on first use and leaves no temporary file', async () => {
    await createLocalKeyFileKeyring({ path }).wrap(randomBytes(32), tenant);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(directory, 'data'))).mode & 0o777).toBe(0o700);
    expect(await readdir(join(directory, 'data'))).toEqual(['kek.json']);
  });

  it('round-trips a data key and records keyring and version', async () => {
    const keyring = createLocalKeyFileKeyring({ path });
    const dataKey = randomBytes(32);
    const wrapped = await keyring.wrap(dataKey, tenant);
    expect(wrapped).toMatchObject({ keyringId: 'local-key-file', keyVersion: '1' });
    expect(wrapped.ciphertext).not.toContain(dataKey.toString('base64url'));
    expect(Buffer.from(await keyring.unwrap(JSON.parse(JSON.stringify(wrapped)), tenant))).toEqual(dataKey);
  });

  it('keeps the key across instances: a restart reads the same file', async () => {
    const dataKey = randomBytes(32);
    const wrapped = await createLocalKeyFileKeyring({ path }).wrap(dataKey, tenant);
    expect(Buffer.from(await createLocalKeyFileKeyring({ path }).unwrap(wrapped, tenant))).toEqual(dataKey);
  });

  it('creates exactly one key when several instances start at once', async () => {
    const keyrings = Array.from({ length: 8 }, () => createLocalKeyFileKeyring({ path }));
    const dataKey = randomBytes(32);
    const wrapped = await Promise.all(keyrings.map((keyring) => keyring.wrap(dataKey, tenant)));
    const opener = createLocalKeyFileKeyring({ path });
    for (const each of wrapped) expect(Buffer.from(await opener.unwrap(each, tenant))).toEqual(dataKey);
  });

  it('refuses a key file that group or others can read, with a clear error', async () => {
    const keyring = createLocalKeyFileKeyring({ path });
    await keyring.wrap(randomBytes(32), tenant);
    await chmod(path, 0o644);
    const error = await rejection(createLocalKeyFileKeyring({ path }).wrap(randomBytes(32), tenant));
    expect(error.code).toBe('KEY_UNAVAILABLE');
    expect(error.message).toContain(`key file ${path} has mode 0644`);
    expect(error.message).toContain(`chmod 600 ${path}`);
    await chmod(path, 0o640);
    await expect(createLocalKeyFileKeyring({ path }).wrap(randomBytes(32), tenant)).rejects.toThrow(
      /mode 0640/,
    );
  });

  it('works again once the mode is fixed, without a new instance', async () => {
    await createLocalKeyFileKeyring({ path }).wrap(randomBytes(32), tenant);
    await chmod(path, 0o604);
    const keyring = createLocalKeyFileKeyring({ path });
    await expect(keyring.wrap(randomBytes(32), tenant)).rejects.toThrow(/mode 0604/);
    await chmod(path, 0o600);
    await expect(keyring.wrap(randomBytes(32), tenant)).resolves.toMatchObject({ keyVersion: '1' });
  });

  it('refuses a malformed key file without quoting its content', async () => {
    await createLocalKeyFileKeyring({ path }).wrap(randomBytes(32), tenant);
    await writeFile(path, '{"format":"wygc-key-file/2", "secret-ish"', { mode: 0o600 });
    const error = await rejection(createLocalKeyFileKeyring({ path }).wrap(randomBytes(32), tenant));
    expect(error.code).toBe('KEY_UNAVAILABLE');
    expect(error.message).toBe(`key file ${path} is not valid JSON`);
    expect(error.cause).toBeUndefined();
    await writeFile(
      path,
      JSON.stringify({
        format: 'wygc-key-file/2',
        primaryVersion: 2,
        versions: [],
        tenants: {},
        destroyed: {},
      }),
    );
    await expect(createLocalKeyFileKeyring({ path }).wrap(randomBytes(32), tenant)).rejects.toThrow(
      /problems at: versions/,
    );
  });

  it('refuses a key file whose tenant secret is not 32 bytes, or whose tenant is live and destroyed', async () => {
    await createLocalKeyFileKeyring({ path }).wrap(randomBytes(32), tenant);
    const file = JSON.parse(await readFile(path, 'utf8'));
    const secret = file.tenants['tenant-a'].secret;
    await writeFile(
      path,
      JSON.stringify({
        ...file,
        tenants: { 'tenant-a': { ...file.tenants['tenant-a'], secret: 'c2hvcnQ' } },
      }),
    );
    const short = await rejection(createLocalKeyFileKeyring({ path }).wrap(randomBytes(32), tenant));
    expect(short.message).toContain('a tenant secret is not 32 bytes of base64url');
    await writeFile(path, JSON.stringify({ ...file, destroyed: { 'tenant-a': '2027-01-01T00:00:00.000Z' } }));
    const both = await rejection(createLocalKeyFileKeyring({ path }).wrap(randomBytes(32), tenant));
    expect(both.message).toContain('a tenant is both live and destroyed');
    expect(both.message).not.toContain(secret);
  });

  it('refuses a wygc-key-file/1 file, which had no tenant secrets, and leaves it alone', async () => {
    const old = `${JSON.stringify({
      format: 'wygc-key-file/1',
      primaryVersion: 1,
      versions: [
        { version: 1, createdAt: '2026-01-01T00:00:00.000Z', key: randomBytes(32).toString('base64url') },
      ],
    })}\n`;
    await createLocalKeyFileKeyring({ path }).versions();
    await writeFile(path, old);
    const error = await rejection(createLocalKeyFileKeyring({ path }).wrap(randomBytes(32), tenant));
    expect(error.code).toBe('KEY_UNAVAILABLE');
    expect(error.message).toContain('has format wygc-key-file/1');
    expect(error.message).toContain('Move the file away');
    expect(await readFile(path, 'utf8')).toBe(old);
  });

  it('keeps a random secret per tenant in the file, created on its first wrap', async () => {
    const keyring = createLocalKeyFileKeyring({ path, now: () => new Date('2027-01-01T00:00:00Z') });
    const a = randomBytes(32);
    const b = randomBytes(32);
    const wrappedA = await keyring.wrap(a, tenant);
    const wrappedB = await keyring.wrap(b, { tenantId: 'tenant-b' });
    await keyring.wrap(randomBytes(32), tenant);
    const file = JSON.parse(await readFile(path, 'utf8'));
    expect(file.format).toBe('wygc-key-file/2');
    expect(Object.keys(file.tenants)).toEqual(['tenant-a', 'tenant-b']);
    expect(file.tenants['tenant-a'].createdAt).toBe('2027-01-01T00:00:00.000Z');
    expect(file.tenants['tenant-a'].secret).not.toBe(file.tenants['tenant-b'].secret);
    expect(Buffer.from(file.tenants['tenant-a'].secret, 'base64url')).toHaveLength(32);
    expect(file.destroyed).toEqual({});
    expect(Buffer.from(await keyring.unwrap(wrappedA, tenant))).toEqual(a);
    expect(Buffer.from(await keyring.unwrap(wrappedB, { tenantId: 'tenant-b' }))).toEqual(b);
  });

  it("wraps each tenant's key with a key of its own: another tenant cannot unwrap it", async () => {
    const keyring = createLocalKeyFileKeyring({ path });
    const wrapped = await keyring.wrap(randomBytes(32), tenant);
    const withoutSecret = await rejection(keyring.unwrap(wrapped, { tenantId: 'tenant-b' }));
    expect(withoutSecret.code).toBe('KEY_UNAVAILABLE');
    expect(withoutSecret.message).toBe(`key file ${path} holds no secret for tenant tenant-b`);
    await keyring.wrap(randomBytes(32), { tenantId: 'tenant-b' });
    const error = await rejection(keyring.unwrap(wrapped, { tenantId: 'tenant-b' }));
    expect(error.code).toBe('DECRYPTION_FAILED');
  });

  it("depends on the tenant's secret: with another secret in its place nothing unwraps", async () => {
    const keyring = createLocalKeyFileKeyring({ path });
    const wrapped = await keyring.wrap(randomBytes(32), tenant);
    const file = JSON.parse(await readFile(path, 'utf8'));
    file.tenants['tenant-a'].secret = randomBytes(32).toString('base64url');
    await writeFile(path, JSON.stringify(file));
    expect((await rejection(keyring.unwrap(wrapped, tenant))).code).toBe('DECRYPTION_FAILED');
  });

  it('treats tenant ids as own keys only and refuses "__proto__"', async () => {
    const keyring = createLocalKeyFileKeyring({ path });
    const dataKey = randomBytes(32);
    const wrapped = await keyring.wrap(dataKey, { tenantId: 'constructor' });
    expect(
      Buffer.from(await createLocalKeyFileKeyring({ path }).unwrap(wrapped, { tenantId: 'constructor' })),
    ).toEqual(dataKey);
    const other = await rejection(keyring.unwrap(wrapped, { tenantId: 'toString' }));
    expect(other.message).toContain('holds no secret for tenant toString');
    expect((await rejection(keyring.wrap(dataKey, { tenantId: '__proto__' }))).code).toBe('INVALID_INPUT');
    expect((await rejection(keyring.destroy({ tenantId: '' }))).code).toBe('INVALID_INPUT');
  });

  it('loses no tenant secret when several instances create secrets at once', async () => {
    await createLocalKeyFileKeyring({ path }).versions();
    const tenants = Array.from({ length: 12 }, (_, index) => ({ tenantId: `tenant-${index}` }));
    const dataKey = randomBytes(32);
    const wrapped = await Promise.all(
      tenants.map((context) => createLocalKeyFileKeyring({ path }).wrap(dataKey, context)),
    );
    const opener = createLocalKeyFileKeyring({ path });
    for (const [index, context] of tenants.entries()) {
      expect(Buffer.from(await opener.unwrap(wrapped[index] as (typeof wrapped)[number], context))).toEqual(
        dataKey,
      );
    }
    expect(await readdir(join(directory, 'data'))).toEqual(['kek.json']);
  });

  it('waits for the lock of another process and names it when it stays', async () => {
    const keyring = createLocalKeyFileKeyring({ path, lockTimeoutMs: 60 });
    const dataKey = randomBytes(32);
    const wrapped = await keyring.wrap(dataKey, tenant);
    await writeFile(`${path}.lock`, '12345\n', { mode: 0o600 });
    const error = await rejection(keyring.wrap(dataKey, { tenantId: 'tenant-b' }));
    expect(error.code).toBe('KEY_UNAVAILABLE');
    expect(error.message).toContain(`stays locked by ${path}.lock`);
    expect(error.message).toContain(`remove ${path}.lock`);
    // Tenants that already have a secret need no change to the file.
    expect(Buffer.from(await keyring.unwrap(wrapped, tenant))).toEqual(dataKey);
    await keyring.wrap(dataKey, tenant);
    const rotating = keyring.rotate();
    await rm(`${path}.lock`);
    await expect(rotating).resolves.toBe('2');
  });

  it('refuses a tampered wrapped key', async () => {
    const keyring = createLocalKeyFileKeyring({ path });
    const wrapped = await keyring.wrap(randomBytes(32), tenant);
    const bytes = Buffer.from(wrapped.ciphertext, 'base64url');
    bytes[20] = (bytes[20] as number) ^ 0x40;
    const tampered = { ...wrapped, ciphertext: bytes.toString('base64url') };
    expect((await rejection(keyring.unwrap(tampered, tenant))).code).toBe('DECRYPTION_FAILED');
    expect((await rejection(keyring.unwrap({ ...wrapped, ciphertext: 'not*base64' }, tenant))).code).toBe(
      'DECRYPTION_FAILED',
    );
  });

  it('refuses a key wrapped by another keyring with KEY_UNAVAILABLE', async () => {
    const keyring = createLocalKeyFileKeyring({ path });
    const wrapped = await keyring.wrap(randomBytes(32), tenant);
    const error = await rejection(keyring.unwrap({ ...wrapped, keyringId: 'cloud-kms:x' }, tenant));
    expect(error.code).toBe('KEY_UNAVAILABLE');
  });

  it('refuses a key wrapped with the same id but another key file', async () => {
    const wrapped = await createLocalKeyFileKeyring({ path }).wrap(randomBytes(32), tenant);
    const other = createLocalKeyFileKeyring({ path: join(directory, 'other.json') });
    expect((await rejection(other.unwrap(wrapped, tenant))).code).toBe('KEY_UNAVAILABLE');
    await other.wrap(randomBytes(32), tenant);
    expect((await rejection(other.unwrap(wrapped, tenant))).code).toBe('DECRYPTION_FAILED');
  });
});

describe('local key file rotation', () => {
  it('wraps under the new primary version and still unwraps the old one', async () => {
    const keyring = createLocalKeyFileKeyring({ path, now: () => new Date('2027-01-01T00:00:00Z') });
    const dataKey = randomBytes(32);
    const before = await keyring.wrap(dataKey, tenant);
    expect(await keyring.rotate()).toBe('2');
    const after = await keyring.wrap(dataKey, tenant);
    expect(after.keyVersion).toBe('2');
    expect(Buffer.from(await keyring.unwrap(before, tenant))).toEqual(dataKey);
    expect(Buffer.from(await keyring.unwrap(after, tenant))).toEqual(dataKey);
    expect(await keyring.versions()).toEqual([
      { version: '1', createdAt: '2027-01-01T00:00:00.000Z', primary: false },
      { version: '2', createdAt: '2027-01-01T00:00:00.000Z', primary: true },
    ]);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('cannot unwrap with a version that was removed', async () => {
    const keyring = createLocalKeyFileKeyring({ path });
    const before = await keyring.wrap(randomBytes(32), tenant);
    await keyring.rotate();
    await keyring.removeVersion('1');
    const error = await rejection(keyring.unwrap(before, tenant));
    expect(error.code).toBe('KEY_UNAVAILABLE');
    expect(error.message).toContain('key version 1 is no longer in key file');
    expect(JSON.parse(await readFile(path, 'utf8')).versions).toHaveLength(1);
  });

  it('refuses to remove the primary version or one that does not exist', async () => {
    const keyring = createLocalKeyFileKeyring({ path });
    await keyring.rotate();
    expect((await rejection(keyring.removeVersion('2'))).code).toBe('INVALID_INPUT');
    expect((await rejection(keyring.removeVersion('7'))).code).toBe('NOT_FOUND');
  });

  it('sees a version another instance added since it read the file', async () => {
    const reader = createLocalKeyFileKeyring({ path });
    await reader.wrap(randomBytes(32), tenant);
    const rotator = createLocalKeyFileKeyring({ path });
    await rotator.rotate();
    const dataKey = randomBytes(32);
    const wrapped = await rotator.wrap(dataKey, tenant);
    expect(Buffer.from(await reader.unwrap(wrapped, tenant))).toEqual(dataKey);
  });

  it('serialises concurrent rotations so no version is lost', async () => {
    const keyring = createLocalKeyFileKeyring({ path });
    const versions = await Promise.all([keyring.rotate(), keyring.rotate(), keyring.rotate()]);
    expect(versions.sort()).toEqual(['2', '3', '4']);
    expect((await createLocalKeyFileKeyring({ path }).versions()).map((entry) => entry.version)).toEqual([
      '1',
      '2',
      '3',
      '4',
    ]);
  });
});

describe('local key file destroy (crypto-shredding)', () => {
  const tenantB = { tenantId: 'tenant-b' };

  it('makes a saved copy of the wrapped key fail, and leaves other tenants alone', async () => {
    const keyring = createLocalKeyFileKeyring({ path, now: () => new Date('2027-03-01T00:00:00Z') });
    const backupCopy = JSON.parse(JSON.stringify(await keyring.wrap(randomBytes(32), tenant)));
    const dataKeyB = randomBytes(32);
    const wrappedB = await keyring.wrap(dataKeyB, tenantB);
    const secret = JSON.parse(await readFile(path, 'utf8')).tenants['tenant-a'].secret;

    await keyring.destroy(tenant);

    const error = await rejection(keyring.unwrap(backupCopy, tenant));
    expect(error.code).toBe('KEY_UNAVAILABLE');
    expect(error.message).toContain('tenant key destroyed');
    const restarted = createLocalKeyFileKeyring({ path });
    expect((await rejection(restarted.unwrap(backupCopy, tenant))).message).toContain('tenant key destroyed');
    expect(Buffer.from(await restarted.unwrap(wrappedB, tenantB))).toEqual(dataKeyB);

    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(secret);
    const file = JSON.parse(text);
    expect(Object.keys(file.tenants)).toEqual(['tenant-b']);
    expect(file.destroyed).toEqual({ 'tenant-a': '2027-03-01T00:00:00.000Z' });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(directory, 'data'))).toEqual(['kek.json']);
  });

  it('refuses to wrap for a destroyed tenant, also after a restart', async () => {
    const keyring = createLocalKeyFileKeyring({ path });
    await keyring.wrap(randomBytes(32), tenant);
    await keyring.destroy(tenant);
    for (const each of [keyring, createLocalKeyFileKeyring({ path })]) {
      const error = await rejection(each.wrap(randomBytes(32), tenant));
      expect(error.code).toBe('KEY_UNAVAILABLE');
      expect(error.message).toBe(
        'tenant key destroyed: tenant tenant-a was terminated and never gets a new key',
      );
    }
    expect(Object.keys(JSON.parse(await readFile(path, 'utf8')).tenants)).toEqual([]);
  });

  it('is idempotent and also shuts out a tenant the keyring never saw', async () => {
    const keyring = createLocalKeyFileKeyring({ path, now: () => new Date('2027-03-01T00:00:00Z') });
    await keyring.wrap(randomBytes(32), tenant);
    await keyring.destroy(tenant);
    const before = await stat(path);
    await keyring.destroy(tenant);
    await createLocalKeyFileKeyring({ path }).destroy(tenant);
    const after = await stat(path);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);

    await keyring.destroy(tenantB);
    expect((await rejection(keyring.wrap(randomBytes(32), tenantB))).message).toContain(
      'never gets a new key',
    );
    expect(JSON.parse(await readFile(path, 'utf8')).destroyed).toEqual({
      'tenant-a': '2027-03-01T00:00:00.000Z',
      'tenant-b': '2027-03-01T00:00:00.000Z',
    });
  });

  it('takes effect at once in another instance that has already read the file', async () => {
    const writer = createLocalKeyFileKeyring({ path });
    const wrapped = await writer.wrap(randomBytes(32), tenant);
    const reader = createLocalKeyFileKeyring({ path });
    await reader.unwrap(wrapped, tenant);
    await writer.destroy(tenant);
    expect((await rejection(reader.unwrap(wrapped, tenant))).message).toContain('tenant key destroyed');
  });

  it('keeps rotation and re-wrapping working for the tenants that remain', async () => {
    const keyring = createLocalKeyFileKeyring({ path });
    const backupCopy = await keyring.wrap(randomBytes(32), tenant);
    const dataKeyB = randomBytes(32);
    const oldB = await keyring.wrap(dataKeyB, tenantB);
    await keyring.destroy(tenant);

    expect(await keyring.rotate()).toBe('2');
    const newB = await keyring.wrap(Buffer.from(await keyring.unwrap(oldB, tenantB)), tenantB);
    expect(newB.keyVersion).toBe('2');
    await keyring.removeVersion('1');
    expect(Buffer.from(await keyring.unwrap(newB, tenantB))).toEqual(dataKeyB);
    expect((await rejection(keyring.unwrap(oldB, tenantB))).message).toContain('key version 1 is no longer');
    expect((await rejection(keyring.unwrap(backupCopy, tenant))).message).toContain('tenant key destroyed');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('serialises destroy with the other changes so that none is lost', async () => {
    const keyring = createLocalKeyFileKeyring({ path });
    const other = createLocalKeyFileKeyring({ path });
    await keyring.wrap(randomBytes(32), tenant);
    const dataKey = randomBytes(32);
    const [, , wrappedC] = await Promise.all([
      keyring.destroy(tenant),
      other.rotate(),
      keyring.wrap(dataKey, { tenantId: 'tenant-c' }),
      other.destroy(tenantB),
    ]);
    const file = JSON.parse(await readFile(path, 'utf8'));
    expect(Object.keys(file.tenants)).toEqual(['tenant-c']);
    expect(Object.keys(file.destroyed).sort()).toEqual(['tenant-a', 'tenant-b']);
    expect(file.versions).toHaveLength(2);
    expect(
      Buffer.from(await createLocalKeyFileKeyring({ path }).unwrap(wrappedC, { tenantId: 'tenant-c' })),
    ).toEqual(dataKey);
  });
});
