import './shifted-clock.ts';
import './entra-key-set.ts';
import { loadConfig, startServer } from '@wygc/functions';

// The server the UI tests drive: the real all-in-one server (SQLite, the built tab from teams-app/dist),
// configured from the environment like `npm start`, plus what demo mode does for its own feed: the ICS
// adapter may fetch from loopback, where the test serves the example calendar.

const loopback = '127.0.0.1';

const server = await startServer({
  config: loadConfig(process.env),
  hostname: loopback,
  overrides: { providers: { ics: { allowHosts: [loopback] } } },
});
process.stdout.write(`${JSON.stringify({ listening: server.port })}\n`);

const stop = () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
