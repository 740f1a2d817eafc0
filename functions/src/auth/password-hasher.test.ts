import { argon2id } from '@noble/hashes/argon2';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../http-error.ts';
import { createPasswordHasher, defaultArgon2Parameters } from './password-hasher.ts';

// Cheap parameters keep the suite fast; the production defaults are checked separately below.
const cheap = { memoryKiB: 256, passes: 2, parallelism: 1 };
const hasher = createPasswordHasher({ parameters: cheap });
const password = 'correct horse battery staple';

describe('createPasswordHasher', () => {
  it('round-trips a password through an argon2id PHC string with a random salt', async () => {
    const encoded = await hasher.hash(password);
    expect(encoded).toMatch(/^\$argon2id\$v=19\$m=256,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await hasher.verify(password, encoded)).toBe(true);
    expect(await hasher.hash(password)).not.toBe(encoded);
  });

  it('refuses a wrong password', async () => {
    const encoded = await hasher.hash(password);
    expect(await hasher.verify('correct horse battery stapler', encoded)).toBe(false);
    expect(await hasher.verify('', encoded)).toBe(false);
  });

  it('matches passwords whatever Unicode normal form they were typed in', async () => {
    const encoded = await hasher.hash('café au lait 2027'.normalize('NFC'));
    expect(await hasher.verify('café au lait 2027'.normalize('NFD'), encoded)).toBe(true);
  });

  it('writes hashes that another argon2id implementation reproduces', async () => {
    const encoded = await hasher.hash(password);
    const [, , , , salt, tag] = encoded.split('$');
    const expected = argon2id(password, Buffer.from(salt ?? '', 'base64'), { t: 2, m: 256, p: 1, dkLen: 32 });
    expect(Buffer.from(tag ?? '', 'base64').equals(Buffer.from(expected))).toBe(true);
  });

  it('verifies hashes made with other parameters, and asks for a rehash of them', async () => {
    const older = createPasswordHasher({ parameters: { memoryKiB: 128, passes: 3, parallelism: 1 } });
    const encoded = await older.hash(password);
    expect(await hasher.verify(password, encoded)).toBe(true);
    expect(hasher.needsRehash(encoded)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash(password))).toBe(false);
  });

  it('treats malformed or foreign hashes as not matching and due for a rehash', async () => {
    for (const encoded of [
      '',
      'plain',
      '$scrypt$ln=15,r=8,p=1$c2FsdA$aGFzaA',
      '$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
    ]) {
      expect(await hasher.verify(password, encoded)).toBe(false);
      expect(hasher.needsRehash(encoded)).toBe(true);
    }
  });

  it('refuses a new password that breaks the policy, with the policy message', async () => {
    const error = await hasher.hash('too short').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Use a password of at least 12 characters.',
    });
  });

  it("rehashes a password in use with today's parameters, even one the policy would now refuse", async () => {
    const upgraded = await hasher.rehash('short');
    expect(hasher.needsRehash(upgraded)).toBe(false);
    expect(await hasher.verify('short', upgraded)).toBe(true);
  });

  it('fails a dummy verify for accounts that do not exist', async () => {
    expect(await hasher.verifyAgainstDummy(password)).toBe(false);
  });

  it('defaults to the OWASP argon2id baseline', () => {
    expect(defaultArgon2Parameters).toEqual({ memoryKiB: 19_456, passes: 2, parallelism: 1 });
  });
});
