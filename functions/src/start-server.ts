import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { ForwarderConfig, SipForwarder } from '@wygc/sip-forwarder';
import type { Hono } from 'hono';
import type { FunctionsConfig } from './config.ts';
import { type PeriodicJobs, startPeriodicJobs } from './periodic-jobs.ts';
import { createRosterRecompiler } from './roster-recompiler.ts';
import { createRuntime, type Runtime, type RuntimeOverrides } from './runtime.ts';
import { createServerApp } from './server-app.ts';
import { createServerAuth, type ServerAuth } from './server-auth.ts';
import { createTeamsBot } from './teams-bot.ts';

export interface RunningServer {
  readonly runtime: Runtime;
  readonly auth: ServerAuth;
  /** The port actually bound (config.port, or the one the system picked for port 0). */
  readonly port: number;
  /** Graceful: stops taking requests, stops the timers and the forwarder, lets queued syncs finish, closes the store. */
  close(): Promise<void>;
}

export interface StartServerOptions {
  readonly config: FunctionsConfig;
  /** Set when a drachtio-server is configured: the forwarder runs in this process too. */
  readonly forwarder?: ForwarderConfig;
  readonly overrides?: RuntimeOverrides;
  /** Extra routes (the demo's calendar feed). */
  readonly mount?: (app: Hono) => void;
  /** Default: every interface. */
  readonly hostname?: string;
}

const listen = (app: Hono, port: number, hostname: string | undefined): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, ...(hostname ? { hostname } : {}) }) as Server;
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });

const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections without a request in flight would hold close() open.
    server.closeIdleConnections();
  });

/**
 * The all-in-one server (DESIGN §8): the whole HTTP surface on one port, the sync scheduler's
 * periodic jobs in-process, and the SIP forwarder when configured.
 */
export const startServer = async (options: StartServerOptions): Promise<RunningServer> => {
  const { config } = options;
  const runtime = await createRuntime(config, options.overrides);
  const { store, logger } = runtime;
  const clock = Date.now;
  const auth = createServerAuth({ config, secrets: runtime.secrets, store, clock });
  const recompiler = createRosterRecompiler({ store, clock, logger });
  const bot = createTeamsBot({ config, store, clock, logger });
  const app = createServerApp({
    runtime,
    auth,
    recompiler,
    clock,
    // Locally there is no proxy in front; the socket's address is the client's.
    trustProxy: false,
    setup: true,
    ...(bot ? { bot } : {}),
    ...(options.mount ? { mount: options.mount } : {}),
  });
  let server: Server | undefined;
  let jobs: PeriodicJobs | undefined;
  let forwarder: SipForwarder | undefined;
  try {
    server = await listen(app, config.port, options.hostname);
    jobs = startPeriodicJobs({
      scheduler: runtime.scheduler,
      store,
      clock,
      logger,
      ...(bot ? { everyMinute: () => bot.notifyDue() } : {}),
    });
    if (options.forwarder) {
      const { createSipForwarder } = await import('@wygc/sip-forwarder');
      forwarder = createSipForwarder({ config: options.forwarder, store, logger });
      await forwarder.start();
    }
  } catch (error) {
    await jobs?.stop();
    if (server) await closeServer(server);
    await runtime.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const bound = server;
  return {
    runtime,
    auth,
    port,
    async close() {
      await closeServer(bound);
      await jobs?.stop();
      await forwarder?.stop();
      await recompiler.idle();
      await runtime.close();
    },
  };
};
