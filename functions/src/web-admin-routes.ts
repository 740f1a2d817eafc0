import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Store } from '@wygc/routing-core';
import { Hono } from 'hono';

export interface WebAdminRoutesDeps {
  readonly store: Store;
  /** The built Teams tab (teams-app/dist), which is also the standalone web admin, when it exists. */
  readonly distDir: string;
  /** Offer the first-visit setup form while there is no organisation. */
  readonly setup: boolean;
}

/** Paths that belong to the server, never to the single-page app's client-side routes. */
const serverPrefixes = ['/api/', '/webhooks/', '/jobs/', '/oauth/', '/healthz', '/demo/'];

const pagesDir = fileURLToPath(new URL('../web/', import.meta.url));

const page = (name: string): string => readFileSync(join(pagesDir, name), 'utf8');

/**
 * The web admin: the built Teams tab with an index.html fallback for its client-side routes when it
 * exists; otherwise a placeholder that points to the API, and on a fresh installation the first-visit
 * setup form. The invitation page is served either way, since `wygc tenants create` links to it, and so
 * are the privacy statement and terms of use.
 * Pages load script only from files (the CSP allows no inline script).
 */
export const createWebAdminRoutes = (deps: WebAdminRoutesDeps) => {
  const app = new Hono();
  const assets = {
    placeholder: page('placeholder.html'),
    setup: page('setup.html'),
    acceptInvitation: page('accept-invitation.html'),
    privacy: page('privacy.html'),
    terms: page('terms.html'),
    script: page('first-visit.js'),
    styles: page('web-admin.css'),
  };
  // Once an organisation exists it always will (terminated ones stay listed): stop asking the store.
  let hasOrganisation = false;
  const organisationExists = async (): Promise<boolean> => {
    if (!hasOrganisation) hasOrganisation = (await deps.store.tenants.list()).length > 0;
    return hasOrganisation;
  };

  app.get('/first-visit.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(assets.script);
  });
  app.get('/web-admin.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(assets.styles);
  });
  app.get('/accept-invitation', (c) => c.html(assets.acceptInvitation));
  // The Teams app manifest links these; the store review and users need them without signing in.
  app.get('/privacy', (c) => c.html(assets.privacy));
  app.get('/terms', (c) => c.html(assets.terms));

  if (existsSync(join(deps.distDir, 'index.html'))) {
    const indexHtml = join(deps.distDir, 'index.html');
    app.use('*', serveStatic({ root: deps.distDir }));
    app.get('*', async (c, next) => {
      const path = c.req.path;
      // A missing file (a path with an extension) is a 404, not the app's page.
      if (serverPrefixes.some((prefix) => path.startsWith(prefix)) || /\.[^/]*$/.test(path)) return next();
      return c.html(readFileSync(indexHtml, 'utf8'));
    });
    return app;
  }

  app.get('/', async (c) =>
    c.html(deps.setup && !(await organisationExists()) ? assets.setup : assets.placeholder),
  );
  return app;
};
