import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGraphTokenProvider, graphScope } from './graph-token-provider.ts';
import { isSyncError, type SyncError } from './sync-error.ts';
import { type GraphFake, startGraphFake } from './testing/graph-fake.ts';

const otherTenant = randomUUID();
let fake: GraphFake;

beforeEach(async () => {
  fake = await startGraphFake({ tenants: [randomUUID(), otherTenant] });
});

afterEach(async () => {
  await fake.stop();
});

const provider = (clientSecret = fake.clientSecret) =>
  createGraphTokenProvider({
    clientId: fake.clientId,
    clientSecret,
    authorityHost: fake.authorityHost,
    fetch: fake.fetch,
  });

const failure = async (run: Promise<unknown>): Promise<SyncError> => {
  try {
    await run;
  } catch (error) {
    if (isSyncError(error)) return error;
    throw error;
  }
  throw new Error('expected a SyncError');
};

describe('createGraphTokenProvider (msal-node against the local Entra fake)', () => {
  it('gets an app-only token with the client-credentials grant from the tenant’s own authority', async () => {
    const token = await provider().getToken(fake.tenantId);
    expect(token).toMatch(/^[\w-]{20,}$/);
    expect(fake.tokenRequests).toEqual([
      {
        tenantId: fake.tenantId,
        grantType: 'client_credentials',
        clientId: fake.clientId,
        scope: graphScope,
        status: 200,
      },
    ]);
    // msal read the fake's OpenID configuration instead of Microsoft's instance discovery.
    expect(fake.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
      `GET /${fake.tenantId}/v2.0/.well-known/openid-configuration`,
      `POST /${fake.tenantId}/oauth2/v2.0/token`,
    ]);
  });

  it('caches one token per tenant until it expires', async () => {
    const tokens = provider();
    const first = await tokens.getToken(fake.tenantId);
    expect(await tokens.getToken(fake.tenantId)).toBe(first);
    const other = await tokens.getToken(otherTenant);
    expect(other).not.toBe(first);
    expect(await tokens.getToken(otherTenant)).toBe(other);
    expect(fake.tokenRequests.map((r) => r.tenantId)).toEqual([fake.tenantId, otherTenant]);
  });

  it('reports a wrong client secret as AUTH_FAILED without repeating the secret', async () => {
    const error = await failure(provider('not-the-secret').getToken(fake.tenantId));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.status).toBe(401);
    expect(error.message).toContain('invalid_client');
    expect(error.message).not.toContain('not-the-secret');
  });

  it('reports a tenant Entra does not know as AUTH_FAILED', async () => {
    const tokens = provider();
    await tokens.getToken(fake.tenantId);
    expect((await failure(tokens.getToken(randomUUID()))).code).toBe('AUTH_FAILED');
  });

  it('reports an unavailable token endpoint as retryable', async () => {
    fake.failNext({ status: 503, path: '/oauth2/v2.0/token' });
    const error = await failure(provider().getToken(fake.tenantId));
    expect(error.code).toBe('PROVIDER_UNAVAILABLE');
    expect(error.retryable).toBe(true);
  });

  it('refuses a tenant id that could change the authority URL, before any request', async () => {
    expect((await failure(provider().getToken('evil.example/../common'))).code).toBe('INVALID_CONFIG');
    expect(fake.requests).toEqual([]);
  });
});
