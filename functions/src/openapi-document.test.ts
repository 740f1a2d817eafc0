import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerTestApp, type ServerTestApp, testPublicUrl } from './testing/server-test-app.ts';

describe('OpenAPI document', () => {
  let server: ServerTestApp;

  beforeAll(async () => {
    server = await createServerTestApp();
  });

  afterAll(() => server.close());

  it('describes the mounted API without a session, with the bearer scheme and our public URL', async () => {
    const response = await server.request.get('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const document = JSON.parse(response.text);
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'WhoYouGonnaCall admin API', version: 'v1' });
    expect(document.servers).toEqual([{ url: testPublicUrl }]);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toContainEqual({ bearer: [] });
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['Session', 'Contact', 'Error', 'RoutingDecision']),
    );
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/auth/totp',
        '/api/v1/auth/teams',
        '/api/v1/auth/logout',
        '/api/v1/auth/me',
        '/api/v1/auth/identities/entra',
        '/api/v1/auth/totp/enrol',
        '/api/v1/auth/totp/confirm',
        '/api/v1/auth/accept-invitation',
        '/api/v1/setup',
        '/api/v1/contacts',
        '/api/v1/contacts/{id}',
        '/api/v1/numbers',
        '/api/v1/numbers/{id}/decision',
        '/api/v1/numbers/{id}/coverage',
        '/api/v1/calendars',
        '/api/v1/admins',
        '/api/v1/calls',
        '/api/v1/audit',
        '/api/v1/numbers/{id}/takeover',
        '/api/v1/privacy/export',
        '/api/v1/tenant/terminate',
      ]),
    );
    // Sign-in needs no session; everything else inherits the document's bearer requirement.
    expect(document.paths['/api/v1/auth/login'].post.security).toEqual([]);
    expect(document.paths['/api/v1/contacts'].get.security).toBeUndefined();
  });
});
