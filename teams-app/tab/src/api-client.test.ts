import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './api-client.ts';
import { ApiError } from './api-error.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const client = (respond: (url: string, init: RequestInit) => Response, token?: string) => {
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) =>
    respond(String(url), init ?? {}),
  );
  const onUnauthenticated = vi.fn();
  const api = createApiClient({ token: () => token, fetch, onUnauthenticated });
  return { api, fetch, onUnauthenticated };
};

const me = {
  adminId: 'a1',
  tenantId: 't1',
  role: 'owner',
  email: 'beheer@example.nl',
  totpEnrolled: true,
  sso: { entra: false, google: false },
  tenant: { name: 'Storingsdienst', timeZone: 'Europe/Amsterdam' },
};

describe('createApiClient', () => {
  it('sends the bearer token and returns the validated answer', async () => {
    const { api, fetch } = client(() => json(200, me), 'secret-token');
    expect(await api.auth.me()).toEqual(me);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/v1/auth/me');
    expect(init?.headers).toMatchObject({ authorization: 'Bearer secret-token' });
  });

  it('tolerates fields the server adds later', async () => {
    const { api } = client(() => json(200, { ...me, newField: 1 }));
    expect(await api.auth.me()).toEqual(me);
  });

  it('refuses an answer of the wrong shape instead of passing it on', async () => {
    const { api } = client(() => json(200, { ...me, role: 'superuser' }));
    await expect(api.auth.me()).rejects.toMatchObject({ name: 'ApiError', code: 'BAD_RESPONSE' });
  });

  it('turns the server’s error body into an ApiError with its code and message', async () => {
    const { api } = client(() =>
      json(400, {
        error: { code: 'BAD_REQUEST', message: 'contact: contact ZZ: phone is not a valid phone number' },
      }),
    );
    const error = await api.contacts.create({ key: 'ZZ', phone: '12' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      message: expect.stringContaining('phone'),
    });
  });

  it('reports a 401 of a signed-in call, so the session can end', async () => {
    const { api, onUnauthenticated } = client(
      () => json(401, { error: { code: 'UNAUTHENTICATED', message: 'x' } }),
      't',
    );
    await expect(api.numbers.list()).rejects.toMatchObject({ status: 401 });
    expect(onUnauthenticated).toHaveBeenCalledOnce();
  });

  it('does not end anything on a wrong password (no session yet)', async () => {
    const { api, onUnauthenticated } = client(() =>
      json(401, { error: { code: 'UNAUTHENTICATED', message: 'x' } }),
    );
    await expect(api.auth.login('a@example.nl', 'wrong')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('tells a network failure and a non-JSON error apart', async () => {
    const down = createApiClient({
      token: () => undefined,
      fetch: () => Promise.reject(new TypeError('failed')),
    });
    await expect(down.numbers.list()).rejects.toMatchObject({ code: 'NETWORK', status: 0 });
    const { api } = client(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(api.numbers.list()).rejects.toMatchObject({ code: 'BAD_RESPONSE', status: 502 });
  });

  it('encodes path segments and query values', async () => {
    const { api, fetch } = client(() =>
      json(200, {
        at: '2027-03-28T12:00:00+02:00',
        reason: 'duty',
        fallbackUsed: false,
        attempts: [[{ key: 'EM', phone: '+31619624408' }]],
        ringSeconds: 20,
        from: null,
        until: null,
        withinHorizon: true,
        version: 3,
        events: [],
      }),
    );
    await api.numbers.decision('a/b', '2027-03-28T12:00:00+02:00');
    expect(fetch.mock.calls[0]?.[0]).toBe(
      '/api/v1/numbers/a%2Fb/decision?at=2027-03-28T12%3A00%3A00%2B02%3A00',
    );
  });

  it('links the Teams account with its SSO token, and unlinks it', async () => {
    const { api, fetch } = client(() => new Response(null, { status: 204 }), 'session-token');
    await api.auth.linkTeams('sso-token');
    await api.auth.unlinkTeams();
    const [[linkUrl, link], [unlinkUrl, unlink]] = fetch.mock.calls as [
      [string, RequestInit],
      [string, RequestInit],
    ];
    expect([linkUrl, link.method, link.body]).toEqual([
      '/api/v1/auth/identities/entra',
      'POST',
      JSON.stringify({ token: 'sso-token' }),
    ]);
    expect(link.headers).toMatchObject({ authorization: 'Bearer session-token' });
    expect([unlinkUrl, unlink.method]).toEqual(['/api/v1/auth/identities/entra', 'DELETE']);
  });

  it('keeps the session when the API refuses the Teams token of a link', async () => {
    const { api, onUnauthenticated } = client(
      () => json(401, { error: { code: 'UNAUTHENTICATED', message: 'The Microsoft token is invalid' } }),
      't',
    );
    await expect(api.auth.linkTeams('expired')).rejects.toMatchObject({ status: 401 });
    expect(onUnauthenticated).not.toHaveBeenCalled();
    await expect(api.auth.unlinkTeams()).rejects.toMatchObject({ status: 401 });
    expect(onUnauthenticated).toHaveBeenCalledOnce();
  });

  it('reads the organisation, and sends an owner’s change as a PATCH of only what changed', async () => {
    const organisation = {
      id: 't1',
      name: 'Storingsdienst',
      timeZone: 'Europe/Amsterdam',
      settings: {
        ringSeconds: 20,
        overlapPolicy: 'layered',
        caseSensitiveKeys: false,
        cdrRetentionDays: 90,
        auditRetentionDays: 365,
        googleWorkspaceDomains: [],
      },
      createdAt: '2027-01-01T00:00:00.000Z',
    };
    const { api, fetch } = client(() => json(200, organisation), 't');
    expect(await api.organisation.get()).toEqual(organisation);
    await api.organisation.update({ settings: { cdrRetentionDays: 30 } });
    const [[getUrl, get], [patchUrl, patch]] = fetch.mock.calls as [
      [string, RequestInit],
      [string, RequestInit],
    ];
    expect([getUrl, get.method]).toEqual(['/api/v1/organisation', 'GET']);
    expect([patchUrl, patch.method, patch.body]).toEqual([
      '/api/v1/organisation',
      'PATCH',
      JSON.stringify({ settings: { cdrRetentionDays: 30 } }),
    ]);
  });

  it('refuses an organisation whose settings are of the wrong shape', async () => {
    const { api } = client(() =>
      json(200, {
        id: 't1',
        name: 'Storingsdienst',
        timeZone: 'Europe/Amsterdam',
        settings: { ringSeconds: '20' },
        createdAt: '2027-01-01T00:00:00.000Z',
      }),
    );
    await expect(api.organisation.get()).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });

  it('passes on the server’s field message for a setting out of range', async () => {
    const { api } = client(() =>
      json(400, {
        error: { code: 'BAD_REQUEST', message: 'settings.ringSeconds: Too small: expected number to be >=5' },
      }),
    );
    await expect(api.organisation.update({ settings: { ringSeconds: 2 } })).rejects.toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      message: expect.stringContaining('settings.ringSeconds'),
    });
  });

  it('accepts a second-factor challenge as a login result', async () => {
    const { api } = client(() => json(200, { secondFactor: { ticket: 'T' } }));
    expect(await api.auth.login('a@example.nl', 'pw')).toEqual({ secondFactor: { ticket: 'T' } });
  });
});
