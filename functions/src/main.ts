import { loadConfig } from './config.ts';
import { loadForwarderConfig } from './forwarder-config.ts';
import { type RunningServer, startServer } from './start-server.ts';

// The all-in-one entry (`npm start`): configuration from the environment, then the HTTP server, the
// periodic jobs and, when a drachtio-server is configured, the SIP forwarder, in this one process.

const fail = (error: unknown): never => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
};

let server: RunningServer;
try {
  const config = loadConfig(process.env);
  const forwarder = await loadForwarderConfig(process.env, config.dataDir);
  server = await startServer({ config, ...(forwarder ? { forwarder } : {}) });
  server.runtime.logger.info(
    { url: config.publicUrl, port: server.port, sipForwarder: forwarder !== undefined },
    `WhoYouGonnaCall is running at ${config.publicUrl}`,
  );
} catch (error) {
  fail(error);
}

const shutdown = (signal: string) => {
  server.runtime.logger.info({ signal }, 'shutting down');
  server.close().then(
    () => process.exit(0),
    (error: unknown) => fail(error),
  );
};
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));
