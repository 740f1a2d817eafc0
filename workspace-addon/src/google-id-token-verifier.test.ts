import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoogleIdTokenVerifier, TokenRejectedError } from './google-id-token-verifier.ts';
import { startTestGoogleIdentity, type TestGoogleIdentity } from './testing/test-google-identity.ts';

const now = Date.parse('2027-03-26T09:00:00Z');
const audience = 'https://wygc.example.com/addon/homepage';
const serviceAccount = 'service-1@gcp-sa-gsuiteaddons.iam.gserviceaccount.com';
let identity: TestGoogleIdentity;

beforeAll(async () => {
  identity = await startTestGoogleIdentity();
});

afterAll(async () => {
  await identity.close();
});

const verifier = () => createGoogleIdTokenVerifier({ jwksUrl: identity.jwksUrl, clock: () => now });

const rejection = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TokenRejectedError);
  return (error as TokenRejectedError).reason;
};

describe('Google ID token verifier', () => {
  it('returns the subject and the verified email', async () => {
    const token = await identity.idToken(now, {
      aud: audience,
      sub: '42',
      email: serviceAccount,
      email_verified: true,
    });
    await expect(verifier().verify(token, { audience, expectedEmail: serviceAccount })).resolves.toEqual({
      sub: '42',
      email: serviceAccount,
    });
  });

  it('accepts both issuer spellings and leaves out an unverified email', async () => {
    const token = await identity.idToken(now, {
      iss: 'accounts.google.com',
      aud: audience,
      sub: '42',
      email: 'a@b.example',
    });
    await expect(verifier().verify(token, { audience })).resolves.toEqual({ sub: '42' });
  });

  it('compares the expected email without regard to case', async () => {
    const token = await identity.idToken(now, {
      aud: audience,
      sub: '1',
      email: serviceAccount.toUpperCase(),
      email_verified: true,
    });
    await expect(
      verifier().verify(token, { audience, expectedEmail: serviceAccount }),
    ).resolves.toMatchObject({ sub: '1' });
  });

  it.each([
    ['forged', { aud: audience }, { forged: true }],
    ['expired', { aud: audience, iat: now / 1000 - 7200, exp: now / 1000 - 3600 }, {}],
    ['not yet valid', { aud: audience, nbf: now / 1000 + 3600 }, {}],
    ['for another audience', { aud: `${audience}/` }, {}],
    ['for several audiences', { aud: [audience, 'https://other.example'] }, {}],
    ['from another issuer', { aud: audience, iss: 'https://accounts.example.com' }, {}],
    ['without a subject', { aud: audience, sub: '' }, {}],
  ])('rejects a token that is %s', async (_name, claims, options) => {
    const token = await identity.idToken(now, { sub: '42', ...claims }, options);
    expect(await rejection(verifier().verify(token, { audience }))).toBe('invalid');
  });

  it('rejects a token with alg none', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(
      JSON.stringify({
        iss: 'https://accounts.google.com',
        aud: audience,
        sub: '42',
        iat: now / 1000,
        exp: now / 1000 + 60,
      }),
    ).toString('base64url');
    expect(await rejection(verifier().verify(`${header}.${body}.`, { audience }))).toBe('invalid');
  });

  it('tells a wrong principal from a bad token', async () => {
    const other = await identity.idToken(now, {
      aud: audience,
      sub: '9',
      email: 'x@other.iam.gserviceaccount.com',
      email_verified: true,
    });
    expect(await rejection(verifier().verify(other, { audience, expectedEmail: serviceAccount }))).toBe(
      'wrong-principal',
    );
    const unverified = await identity.idToken(now, {
      aud: audience,
      sub: '9',
      email: serviceAccount,
      email_verified: false,
    });
    expect(await rejection(verifier().verify(unverified, { audience, expectedEmail: serviceAccount }))).toBe(
      'wrong-principal',
    );
  });

  it('reports an unreachable key set as such, so callers answer 503', async () => {
    const token = await identity.idToken(now, { aud: audience, sub: '42' });
    const offline = createGoogleIdTokenVerifier({ jwksUrl: 'http://127.0.0.1:9/certs', clock: () => now });
    expect(await rejection(offline.verify(token, { audience }))).toBe('keys-unavailable');
  });
});
