import type { JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../http-error.ts';
import { createGoogleIdTokenVerifier, type GoogleIdTokenVerifier } from './google-id-token-verifier.ts';
import { startTestIdentityProvider, type TestIdentityProvider } from './test-identity-provider.ts';

const now = Date.UTC(2027, 2, 22, 9, 0, 0);
const nowSeconds = now / 1000;
const audience = 'https://wygc.example.net/jobs/sync';
const scheduler = 'scheduler@wygc-prod.iam.gserviceaccount.com';

let idp: TestIdentityProvider;
let verifier: GoogleIdTokenVerifier;
beforeAll(async () => {
  idp = await startTestIdentityProvider();
  verifier = createGoogleIdTokenVerifier({ jwksUrl: idp.jwksUrl, clock: () => now });
});
afterAll(() => idp.close());

const claims = (overrides: JWTPayload = {}): JWTPayload => ({
  iss: 'https://accounts.google.com',
  aud: audience,
  sub: '104857600000000000001',
  email: scheduler,
  email_verified: true,
  azp: '104857600000000000001',
  iat: nowSeconds - 60,
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

describe('createGoogleIdTokenVerifier', () => {
  it('accepts a valid token from the expected service account, under either issuer spelling', async () => {
    for (const iss of ['https://accounts.google.com', 'accounts.google.com']) {
      const token = await idp.sign(claims({ iss }));
      expect(await verifier.verify(token, { audience, expectedEmail: scheduler })).toEqual({
        sub: '104857600000000000001',
        email: scheduler,
      });
    }
  });

  it('accepts a token without an email when none is expected', async () => {
    const token = await idp.sign(claims({ email: undefined, email_verified: undefined }));
    expect(await verifier.verify(token, { audience })).toEqual({ sub: '104857600000000000001' });
  });

  it('refuses a token for another audience', async () => {
    for (const aud of ['https://wygc.example.net/jobs/other', [audience, 'https://other.example']]) {
      const token = await idp.sign(claims({ aud }));
      expect((await failure(verifier.verify(token, { audience }))).code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses another issuer', async () => {
    const token = await idp.sign(claims({ iss: 'https://accounts.example.com' }));
    expect((await failure(verifier.verify(token, { audience }))).code).toBe('UNAUTHENTICATED');
  });

  it('refuses another or unverified email when one is expected', async () => {
    for (const overrides of [
      { email: 'intruder@evil-project.iam.gserviceaccount.com' },
      { email_verified: false },
      { email: undefined, email_verified: undefined },
    ]) {
      const token = await idp.sign(claims(overrides));
      const error = await failure(verifier.verify(token, { audience, expectedEmail: scheduler }));
      expect(error).toMatchObject({
        code: 'FORBIDDEN',
        message: 'This Google identity may not call this endpoint.',
      });
    }
  });

  it('refuses an expired token', async () => {
    const token = await idp.sign(claims({ iat: nowSeconds - 7200, exp: nowSeconds - 3600 }));
    const error = await failure(verifier.verify(token, { audience, expectedEmail: scheduler }));
    expect(error).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'The Google token is invalid or has expired.',
    });
  });

  it('refuses a token signed with another key', async () => {
    const token = await idp.sign(claims(), { forged: true });
    expect((await failure(verifier.verify(token, { audience }))).code).toBe('UNAUTHENTICATED');
  });
});
