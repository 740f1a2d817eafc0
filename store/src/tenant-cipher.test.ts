import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isStoreError, StoreError } from './store-error.ts';
import { createTenantCipher, normaliseEmail } from './tenant-cipher.ts';

const dataKey = randomBytes(32);
const cipher = createTenantCipher({ tenantId: 'tenant-a', dataKey });

const decryptError = (run: () => unknown): StoreError => {
  try {
    run();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected decryption to fail');
};

const flipCharacter = (text: string, index: number): string => {
  const replacement = text[index] === 'A' ? 'B' : 'A';
  return `${text.slice(0, index)}${replacement}${text.slice(index + 1)}`;
};

describe('createTenantCipher: encryption', () => {
  it('round-trips text, including empty and non-ASCII values', () => {
    for (const value of ['+31501234567', '', 'Storingsdienst — Jan de Vriës 🚒', 'x'.repeat(10_000)]) {
      expect(cipher.decrypt('phone', cipher.encrypt('phone', value))).toBe(value);
    }
  });

  it('uses the versioned compact encoding and never contains the plaintext', () => {
    const encrypted = cipher.encrypt('phone', '+31501234567');
    expect(encrypted).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(encrypted).not.toContain('31501234567');
  });

  it('uses a fresh IV for every value', () => {
    const ivs = new Set(Array.from({ length: 200 }, () => cipher.encrypt('phone', 'same').split('.')[1]));
    expect(ivs.size).toBe(200);
  });

  it('decrypts with another cipher built from the same key, as after a restart', () => {
    const encrypted = cipher.encrypt('subject', 'JD');
    expect(createTenantCipher({ tenantId: 'tenant-a', dataKey }).decrypt('subject', encrypted)).toBe('JD');
  });

  it('rejects any tampering with DECRYPTION_FAILED', () => {
    const encrypted = cipher.encrypt('phone', '+31501234567');
    const [version, iv, sealed] = encrypted.split('.') as [string, string, string];
    const tampered = [
      `${version}.${flipCharacter(iv, 3)}.${sealed}`,
      `${version}.${iv}.${flipCharacter(sealed, 2)}`,
      `${version}.${iv}.${flipCharacter(sealed, sealed.length - 3)}`,
      `${version}.${iv}.${sealed.slice(0, -4)}`,
      `v2.${iv}.${sealed}`,
      `${encrypted}.x`,
      `${version}.${iv}`,
      `${version}.${iv}.${sealed}=`,
      '',
    ];
    for (const value of tampered) {
      const error = decryptError(() => cipher.decrypt('phone', value));
      expect(error.code).toBe('DECRYPTION_FAILED');
    }
  });

  it("rejects another tenant's value, even under the same key", () => {
    const encrypted = cipher.encrypt('phone', '+31501234567');
    const otherKey = createTenantCipher({ tenantId: 'tenant-b', dataKey: randomBytes(32) });
    const sameKeyOtherTenant = createTenantCipher({ tenantId: 'tenant-b', dataKey });
    expect(decryptError(() => otherKey.decrypt('phone', encrypted)).code).toBe('DECRYPTION_FAILED');
    expect(decryptError(() => sameKeyOtherTenant.decrypt('phone', encrypted)).code).toBe('DECRYPTION_FAILED');
  });

  it('rejects a value moved to another field', () => {
    const encrypted = cipher.encrypt('phone', '+31501234567');
    const error = decryptError(() => cipher.decrypt('description', encrypted));
    expect(error.code).toBe('DECRYPTION_FAILED');
    expect(error.message).toBe('field "description" does not decrypt for tenant tenant-a');
  });

  it('does not confuse tenant and field boundaries', () => {
    const left = createTenantCipher({ tenantId: 'ab', dataKey });
    const right = createTenantCipher({ tenantId: 'a', dataKey });
    expect(() => right.decrypt('bphone', left.encrypt('phone', 'x'))).toThrow(StoreError);
  });

  it('refuses a data key that is not 32 bytes', () => {
    const attempt = () => createTenantCipher({ tenantId: 'tenant-a', dataKey: randomBytes(16) });
    expect(attempt).toThrow('a tenant data key is 32 bytes, not 16');
    expect(decryptError(attempt).code).toBe('INVALID_INPUT');
  });

  it('reports malformed input as DECRYPTION_FAILED, not as a parsing error', () => {
    const error = decryptError(() => cipher.decrypt('phone', 'v1.%%%.%%%'));
    expect(isStoreError(error, 'DECRYPTION_FAILED')).toBe(true);
  });
});

describe('createTenantCipher: blind index', () => {
  it('is stable for the same value and key', () => {
    const again = createTenantCipher({ tenantId: 'tenant-a', dataKey });
    expect(again.blindIndex('email', 'jan@example.nl')).toBe(cipher.blindIndex('email', 'jan@example.nl'));
  });

  it('ignores case and surrounding whitespace for email', () => {
    expect(cipher.blindIndex('email', '  Jan.de.Vries@Example.NL ')).toBe(
      cipher.blindIndex('email', 'jan.de.vries@example.nl'),
    );
  });

  it('differs for different values, fields and tenants', () => {
    const index = cipher.blindIndex('email', 'jan@example.nl');
    expect(cipher.blindIndex('email', 'piet@example.nl')).not.toBe(index);
    expect(cipher.blindIndex('phone', 'jan@example.nl')).not.toBe(index);
    const otherTenant = createTenantCipher({ tenantId: 'tenant-b', dataKey: randomBytes(32) });
    expect(otherTenant.blindIndex('email', 'jan@example.nl')).not.toBe(index);
  });

  it('keeps case for fields without a normaliser, unless one is given', () => {
    expect(cipher.blindIndex('key', 'JD')).not.toBe(cipher.blindIndex('key', 'jd'));
    const custom = createTenantCipher({
      tenantId: 'tenant-a',
      dataKey,
      normalisers: { key: (value) => value.toUpperCase() },
    });
    expect(custom.blindIndex('key', 'jd')).toBe(custom.blindIndex('key', 'JD'));
  });

  it('is a 256-bit base64url digest that does not show the value', () => {
    const index = cipher.blindIndex('email', 'jan@example.nl');
    expect(index).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(index).not.toContain('jan');
  });
});

describe('normaliseEmail', () => {
  it('trims and lowercases', () => {
    expect(normaliseEmail('  Jan@Example.NL\n')).toBe('jan@example.nl');
  });
});
