import type { JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../http-error.ts';
import { createEntraTokenVerifier, type EntraTokenVerifierOptions } from './entra-token-verifier.ts';
import { startTestIdentityProvider, type TestIdentityProvider } from './test-identity-provider.ts';

const now = Date.UTC(2027, 2, 22, 9, 0, 0);
const nowSeconds = now / 1000;
const tid = '11111111-1111-4111-8111-111111111111';
const otherTid = '22222222-2222-4222-8222-222222222222';
const oid = '33333333-3333-4333-8333-333333333333';
const clientId = '44444444-4444-4444-8444-444444444444';
const applicationIdUri = `api://wygc.example.net/${clientId}`;

let idp: TestIdentityProvider;
beforeAll(async () => {
  idp = await startTestIdentityProvider();
});
afterAll(() => idp.close());

const verifier = (options: Partial<EntraTokenVerifierOptions> = {}) =>
  createEntraTokenVerifier({
    clientId,
    applicationIdUri,
    allowedTenantIds: [tid],
    jwksUrl: idp.jwksUrl,
    clock: () => now,
    ...options,
  });

const v2Claims = (overrides: JWTPayload = {}): JWTPayload => ({
  ver: '2.0',
  iss: `https://login.microsoftonline.com/${tid}/v2.0`,
  aud: clientId,
  tid,
  oid,
  scp: 'access_as_user',
  name: 'Jan de Vries',
  preferred_username: 'jan@contoso.example',
  iat: nowSeconds - 60,
  nbf: nowSeconds - 60,
  exp: nowSeconds + 3600,
  ...overrides,
});

const v1Claims = (overrides: JWTPayload = {}): JWTPayload => ({
  ver: '1.0',
  iss: `https://sts.windows.net/${tid}/`,
  aud: applicationIdUri,
  tid,
  oid,
  scp: 'User.Read access_as_user',
  name: 'Jan de Vries',
  upn: 'jan@contoso.example',
  iat: nowSeconds - 60,
  nbf: nowSeconds - 60,
  exp: nowSeconds + 3600,
  ...overrides,
});

const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
};

describe('createEntraTokenVerifier', () => {
  it('accepts a v2.0 token for the client id', async () => {
    expect(await verifier().verify(await idp.sign(v2Claims()))).toEqual({
      tid,
      oid,
      name: 'Jan de Vries',
      preferredUsername: 'jan@contoso.example',
    });
  });

  it('accepts a v1.0 token for the Application ID URI', async () => {
    expect(await verifier().verify(await idp.sign(v1Claims()))).toEqual({
      tid,
      oid,
      name: 'Jan de Vries',
      preferredUsername: 'jan@contoso.example',
    });
  });

  it('tolerates a small clock skew', async () => {
    const token = await idp.sign(v2Claims({ nbf: nowSeconds + 30, exp: nowSeconds - 30 }));
    await expect(verifier().verify(token)).resolves.toMatchObject({ oid });
  });

  it('refuses a token whose issuer does not match its version and tenant', async () => {
    for (const claims of [
      v2Claims({ iss: `https://sts.windows.net/${tid}/` }),
      v1Claims({ iss: `https://login.microsoftonline.com/${tid}/v2.0` }),
      v2Claims({ iss: `https://login.microsoftonline.com/${otherTid}/v2.0` }),
      v2Claims({ iss: 'https://evil.example/v2.0' }),
    ]) {
      expect((await failure(verifier().verify(await idp.sign(claims)))).code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a token for another audience', async () => {
    for (const claims of [
      v2Claims({ aud: applicationIdUri }),
      v1Claims({ aud: clientId }),
      v2Claims({ aud: '55555555-5555-4555-8555-555555555555' }),
      v2Claims({ aud: 'https://graph.microsoft.com' }),
    ]) {
      expect((await failure(verifier().verify(await idp.sign(claims)))).code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a tenant that is not on the allow-list', async () => {
    const token = await idp.sign(
      v2Claims({ tid: otherTid, iss: `https://login.microsoftonline.com/${otherTid}/v2.0` }),
    );
    const error = await failure(verifier().verify(token));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe('Your Microsoft organisation is not allowed to sign in here.');
  });

  it('refuses everyone when the allow-list is empty', async () => {
    const error = await failure(verifier({ allowedTenantIds: [] }).verify(await idp.sign(v2Claims())));
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: 'Sign-in with Microsoft is not enabled.' });
  });

  it('refuses a token without the access_as_user scope', async () => {
    for (const claims of [
      v2Claims({ scp: 'User.Read' }),
      v2Claims({ scp: 'access_as_user_not' }),
      v2Claims({ scp: undefined }),
    ]) {
      expect((await failure(verifier().verify(await idp.sign(claims)))).code).toBe('FORBIDDEN');
    }
  });

  it('refuses a token signed with another key', async () => {
    const token = await idp.sign(v2Claims(), { forged: true });
    expect((await failure(verifier().verify(token))).code).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired or not yet valid token', async () => {
    for (const claims of [
      v2Claims({ exp: nowSeconds - 120 }),
      v2Claims({ nbf: nowSeconds + 120 }),
      v2Claims({ exp: undefined }),
    ]) {
      const error = await failure(verifier().verify(await idp.sign(claims)));
      expect(error).toMatchObject({
        code: 'UNAUTHENTICATED',
        message: 'The Microsoft token is invalid or has expired.',
      });
    }
  });

  it('refuses tokens without the ids it needs, and garbage', async () => {
    expect((await failure(verifier().verify(await idp.sign(v2Claims({ oid: undefined }))))).code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await failure(verifier().verify('garbage'))).code).toBe('UNAUTHENTICATED');
  });

  it('answers UNAVAILABLE when the key set cannot be fetched', async () => {
    const closed = await startTestIdentityProvider();
    const token = await closed.sign(v2Claims());
    await closed.close();
    const error = await failure(verifier({ jwksUrl: closed.jwksUrl }).verify(token));
    expect(error.code).toBe('UNAVAILABLE');
  });
});
