import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerTestApp, type ServerTestApp } from './testing/server-test-app.ts';

const owner = {
  organisation: 'Storingsdienst Groningen',
  email: 'beheer@example.nl',
  password: 'correct horse battery staple',
};

/** Every <script> must load a file: the CSP allows no inline script. */
const inlineScripts = (html: string): string[] =>
  [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter(([, attributes, body]) => !/\bsrc=/.test(attributes ?? '') || (body ?? '').trim() !== '')
    .map(([script]) => script);

describe('server app', () => {
  let server: ServerTestApp;
  let token: string;

  beforeAll(async () => {
    server = await createServerTestApp();
  });

  afterAll(() => server.close());

  it('puts the security headers on every response', async () => {
    for (const path of [
      '/healthz',
      '/',
      '/first-visit.js',
      '/api/v1/openapi.json',
      '/api/v1/contacts',
      '/nope',
    ]) {
      const response = await server.request.get(path);
      const csp = String(response.headers['content-security-policy']);
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain('frame-ancestors');
      expect(csp, path).toContain('https://teams.microsoft.com');
      expect(response.headers['x-content-type-options'], path).toBe('nosniff');
    }
  });

  it('reports its health and the store', async () => {
    const response = await server.request.get('/healthz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', store: 'ok' });
  });

  it('offers the first-visit setup on a fresh installation, then the placeholder', async () => {
    const fresh = await server.request.get('/');
    expect(fresh.status).toBe(200);
    expect(fresh.headers['content-type']).toMatch(/^text\/html/);
    expect(fresh.text).toContain('<form id="setup-form" method="post"');
    expect(fresh.text).toContain('<script type="module" src="/first-visit.js"></script>');
    expect(inlineScripts(fresh.text)).toEqual([]);
    const script = await server.request.get('/first-visit.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.text).toContain("'/api/v1/setup'");

    const setup = await server.request.post('/api/v1/setup').send(owner);
    expect(setup.status).toBe(200);
    token = setup.body.session.token;

    const after = await server.request.get('/');
    expect(after.text).not.toContain('setup-form');
    expect(after.text).toContain('The web admin is not built on this server');
    expect(after.text).toContain('href="/api/v1/openapi.json"');
    expect(inlineScripts(after.text)).toEqual([]);
    expect((await server.request.post('/api/v1/setup').send(owner)).status).toBe(409);
  });

  it('serves the privacy statement and the terms of use the Teams manifest links, in Dutch and English', async () => {
    for (const [path, dutch, english] of [
      ['/privacy', 'Privacyverklaring', 'Privacy statement'],
      ['/terms', 'Gebruiksvoorwaarden', 'Terms of use'],
    ] as const) {
      const page = await server.request.get(path);
      expect(page.status, path).toBe(200);
      expect(page.headers['content-type'], path).toMatch(/^text\/html/);
      expect(page.text, path).toContain(`<h1>${dutch}</h1>`);
      expect(page.text, path).toContain(`>${english}</h1>`);
      expect(inlineScripts(page.text), path).toEqual([]);
    }
  });

  it('serves the invitation page with its script from a file', async () => {
    const page = await server.request.get('/accept-invitation');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form id="invitation-form"');
    expect(inlineScripts(page.text)).toEqual([]);
  });

  it('mounts the API route groups, and recompiles tables after roster changes', async () => {
    const auth = { Authorization: `Bearer ${token}` };
    const contact = await server.request
      .post('/api/v1/contacts')
      .set(auth)
      .send({ key: 'MK', phone: '050 311 2233' });
    expect(contact.status).toBe(201);
    const number = await server.request
      .post('/api/v1/numbers')
      .set(auth)
      .send({ did: '+31 50 700 0000', name: 'Storingsdienst', fallback: 'MK' });
    expect(number.status).toBe(201);
    await server.recompiler.idle();
    const decision = await server.request.get(`/api/v1/numbers/${number.body.id}/decision`).set(auth);
    expect(decision.status).toBe(200);
    expect(decision.body).toMatchObject({
      reason: 'fallback',
      attempts: [[{ key: 'MK', phone: '+31503112233' }]],
    });
    for (const path of ['/api/v1/calendars', '/api/v1/admins', '/api/v1/calls', '/api/v1/audit']) {
      expect((await server.request.get(path).set(auth)).status, path).toBe(200);
    }
    expect((await server.request.get('/api/v1/contacts')).status).toBe(401);
    const unknown = await server.request.get('/api/v1/nothing-here').set(auth);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
  });

  it('serves the webhooks and lets only the scheduler run jobs', async () => {
    const validation = await server.request.post('/webhooks/graph?validationToken=hello%20graph');
    expect(validation.status).toBe(200);
    expect(validation.text).toBe('hello graph');
    expect((await server.request.post('/jobs/schedule')).status).toBe(401);
    const scheduled = await server.request
      .post('/jobs/schedule')
      .set('X-Jobs-Secret', server.runtime.secrets.jobsSecret);
    expect(scheduled.status).toBe(200);
    expect(scheduled.body).toMatchObject({ failures: 0 });
  });
});

describe('server app parts', () => {
  it('serves only the parts it is given', async () => {
    const jobsOnly = await createServerTestApp({ parts: ['jobs'] });
    try {
      expect((await jobsOnly.request.get('/api/v1/openapi.json')).status).toBe(404);
      expect((await jobsOnly.request.get('/')).status).toBe(404);
      expect((await jobsOnly.request.post('/webhooks/graph?validationToken=x')).status).toBe(404);
      expect((await jobsOnly.request.get('/healthz')).status).toBe(200);
      const purge = await jobsOnly.request
        .post('/jobs/purge')
        .set('X-Jobs-Secret', jobsOnly.runtime.secrets.jobsSecret);
      expect(purge.status).toBe(200);
    } finally {
      await jobsOnly.close();
    }
  });

  it('serves the built web admin with an index.html fallback when it exists', async () => {
    const dist = await mkdtemp(join(tmpdir(), 'wygc-dist-'));
    await mkdir(join(dist, 'assets'));
    await writeFile(
      join(dist, 'index.html'),
      '<!doctype html><title>tab</title><script src="/assets/app.js"></script>',
    );
    await writeFile(join(dist, 'assets', 'app.js'), 'export const tab = 1;\n');
    const withTab = await createServerTestApp({ webAdminDir: dist });
    try {
      for (const path of ['/', '/roster', '/numbers/abc/coverage']) {
        const page = await withTab.request.get(path);
        expect(page.status, path).toBe(200);
        expect(page.text, path).toContain('<title>tab</title>');
      }
      const asset = await withTab.request.get('/assets/app.js');
      expect(asset.status).toBe(200);
      expect(asset.text).toContain('export const tab');
      expect((await withTab.request.get('/assets/missing.js')).status).toBe(404);
      expect((await withTab.request.get('/privacy')).text).toContain('<h1>Privacyverklaring</h1>');
      const api = await withTab.request.get('/api/v1/openapi.json');
      expect(api.headers['content-type']).toMatch(/^application\/json/);
    } finally {
      await withTab.close();
      await rm(dist, { recursive: true, force: true });
    }
  });
});
