import { randomBytes } from 'node:crypto';
import { createDataKeys, createLocalKeyFileKeyring, createSqliteDriver, createStore } from '@wygc/store';
import { pino } from 'pino';
import { parseStandaloneConfig } from './config.ts';
import { isForwarderError } from './forwarder-error.ts';
import { createSipForwarder } from './sip-forwarder.ts';

// Standalone entry: configuration and the embedded SQLite store, wired to the forwarder; nothing else.

let config: ReturnType<typeof parseStandaloneConfig>;
try {
  config = parseStandaloneConfig();
} catch (error) {
  // A configuration mistake is the operator's to fix: the message, not a stack trace.
  console.error(isForwarderError(error) ? error.message : error);
  process.exit(1);
}

// Asynchronous writes, gathered into blocks of about 4 KB: a write per line (one per call) costs more
// than the rest of a redirected call. A line waits at most 100 ms for its block, and what is left is
// written on exit.
const logger = pino(
  { level: config.forwarder.logLevel },
  pino.destination({ sync: false, minLength: 4096, periodicFlush: 100 }),
);
const store = createStore({
  driver: createSqliteDriver({ path: config.store.sqlitePath }),
  dataKeys: createDataKeys({ keyring: createLocalKeyFileKeyring({ path: config.store.keyFile }) }),
  // The forwarder reads routing tables and appends call records; neither touches the sign-in lookup
  // index, so a key of its own (that matches nothing) keeps it from ever needing the real one.
  lookupKey: randomBytes(32),
});
const forwarder = createSipForwarder({ config: config.forwarder, store, logger });

const shutdown = async (signal: string) => {
  logger.info({ signal }, 'shutting down');
  await forwarder.stop();
  await store.close();
  logger.flush(() => process.exit(0));
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

await forwarder.start();
