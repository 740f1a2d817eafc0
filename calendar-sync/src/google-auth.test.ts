import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createGoogleAuth } from './google-auth.ts';
import { isSyncError } from './sync-error.ts';

const oauthClient = { clientId: 'app', clientSecret: 'secret' };
const source = (credentials: Record<string, unknown>, id = 'source-1') => ({ id, credentials });
const oauth = (refreshToken: string) => ({ type: 'oauth', refreshToken });

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return isSyncError(error) ? error.code : 'not a SyncError';
  }
  return undefined;
};

describe('createGoogleAuth', () => {
  it('reuses the client of a source while its credentials stay the same', () => {
    const auth = createGoogleAuth({ oauthClient });
    const first = auth.clientFor(source(oauth('a')));
    expect(auth.clientFor(source(oauth('a')))).toBe(first);
    expect(auth.clientFor(source(oauth('a'), 'source-2'))).not.toBe(first);
    expect(auth.clientFor(source(oauth('b')))).not.toBe(first);
  });

  it('makes a new client after forget', () => {
    const auth = createGoogleAuth({ oauthClient });
    const first = auth.clientFor(source(oauth('a')));
    auth.forget('source-1');
    expect(auth.clientFor(source(oauth('a')))).not.toBe(first);
  });

  it('gives the refresh token to an OAuth2 client with the configured token endpoint', () => {
    const client = createGoogleAuth({ oauthClient, tokenUrl: 'http://127.0.0.1:9/token' }).clientFor(
      source(oauth('a')),
    );
    expect(client.credentials.refresh_token).toBe('a');
    expect(client.endpoints.oauth2TokenUrl).toBe('http://127.0.0.1:9/token');
  });

  it('refuses credentials whose client is not configured with INVALID_CONFIG', () => {
    const auth = createGoogleAuth({});
    expect(codeOf(() => auth.clientFor(source(oauth('a'))))).toBe('INVALID_CONFIG');
    expect(codeOf(() => auth.clientFor(source({ type: 'delegation', subject: 'planner@example.com' })))).toBe(
      'INVALID_CONFIG',
    );
  });

  it('refuses a service account key that cannot be read with INVALID_CONFIG', () => {
    expect(
      codeOf(() => createGoogleAuth({ serviceAccount: { clientEmail: 'a@b.iam', privateKey: 'not a key' } })),
    ).toBe('INVALID_CONFIG');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(
      codeOf(() => createGoogleAuth({ serviceAccount: { clientEmail: 'a@b.iam', privateKey: pem } })),
    ).toBeUndefined();
  });
});
