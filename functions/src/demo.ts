import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadConfig } from './config.ts';
import { createDemoOrganisation, demoDid } from './demo-organisation.ts';
import { loadForwarderConfig } from './forwarder-config.ts';
import { type RunningServer, startServer } from './start-server.ts';

// `npm run demo`: the all-in-one server on its own data folder (./data-demo unless WYGC_DATA_DIR says
// otherwise), seeded on first start with the example organisation. The example calendar is served by
// this server itself and fetched by the real ICS adapter over loopback, which is allowed for that one
// host in demo mode only.

const examples = new URL('../../examples/', import.meta.url);
const feedPath = '/demo/storingsdienst.ics';
const loopback = '127.0.0.1';

const fail = (error: unknown): never => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
};

let server: RunningServer;
try {
  const config = loadConfig({ ...process.env, WYGC_DATA_DIR: process.env.WYGC_DATA_DIR || './data-demo' });
  const [calendar, contactsCsv] = await Promise.all([
    readFile(fileURLToPath(new URL('storingsdienst.ics', examples)), 'utf8'),
    readFile(fileURLToPath(new URL('contacts.csv', examples)), 'utf8'),
  ]);
  const forwarder = await loadForwarderConfig(process.env, config.dataDir);
  server = await startServer({
    config,
    ...(forwarder ? { forwarder } : {}),
    overrides: { providers: { ics: { allowHosts: [loopback] } } },
    mount: (app) => {
      app.get(feedPath, (c) => c.body(calendar, 200, { 'content-type': 'text/calendar; charset=utf-8' }));
    },
  });
  const demo = await createDemoOrganisation({
    store: server.runtime.store,
    hasher: server.auth.hasher,
    queue: server.runtime.queue,
    contactsCsv,
    feedUrl: `http://${loopback}:${server.port}${feedPath}`,
  });
  const url = config.publicUrl;
  const lines = demo
    ? [
        `WhoYouGonnaCall demo running at ${url} (data in ${config.dataDir})`,
        '',
        `  organisation  Storingsdienst Groningen (demo): ${demo.contacts} contacts, number ${demoDid},`,
        `                fed by the example calendar at ${url}${feedPath}`,
        `  sign in       email ${demo.email}`,
        `                password ${demo.password}   (shown once; delete ${config.dataDir} to start afresh)`,
        '',
        `  curl -s ${url}/api/v1/auth/login -H 'content-type: application/json' \\`,
        `       -d '{"email":"${demo.email}","password":"${demo.password}"}'`,
        `  then: curl -s ${url}/api/v1/numbers/${demo.numberId}/decision -H 'authorization: Bearer <token>'`,
        '',
        `  API description: ${url}/api/v1/openapi.json`,
        '  The example shifts are in March and April 2027; until they come within the 35-day routing',
        '  horizon, calls ring the fallback MK. `npx wygc preview` shows those weeks today.',
      ]
    : [
        `WhoYouGonnaCall demo running at ${url} (data in ${config.dataDir})`,
        '  The demo organisation was created on an earlier start: sign in with the password printed then,',
        `  or stop the server, delete ${config.dataDir} and run npm run demo again.`,
      ];
  process.stdout.write(`${lines.join('\n')}\n`);
} catch (error) {
  fail(error);
}

const shutdown = () => {
  server.close().then(
    () => process.exit(0),
    (error: unknown) => fail(error),
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
