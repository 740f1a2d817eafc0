import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { getRequestListener } from '@hono/node-server';
import { pino } from 'pino';
import supertest from 'supertest';
import { loadConfig } from '../config.ts';
import { createRosterRecompiler, type RosterRecompiler } from '../roster-recompiler.ts';
import { createRuntime, type Runtime } from '../runtime.ts';
import { createServerApp, type ServerPart } from '../server-app.ts';
import { createServerAuth, type ServerAuth } from '../server-auth.ts';
import { createTeamsBot } from '../teams-bot.ts';

export const testPublicUrl = 'http://localhost:18080';

export interface ServerTestApp {
  readonly runtime: Runtime;
  readonly auth: ServerAuth;
  readonly recompiler: RosterRecompiler;
  readonly request: ReturnType<typeof supertest>;
  close(): Promise<void>;
}

let registrations = 0;

/**
 * The server app as `npm start` builds it (a real runtime on SQLite and a key file in a temporary data
 * folder), served through the functions-framework test server; only argon2 is made cheap.
 */
export const createServerTestApp = async (
  options: {
    parts?: readonly ServerPart[];
    setup?: boolean;
    webAdminDir?: string;
    /** With a (made-up) Teams bot registration, as a deployment that configured one. */
    bot?: boolean;
  } = {},
): Promise<ServerTestApp> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'wygc-server-test-'));
  const config = loadConfig({
    WYGC_DATA_DIR: dataDir,
    WYGC_PUBLIC_URL: testPublicUrl,
    WYGC_LOG_LEVEL: 'silent',
    ...(options.bot
      ? {
          WYGC_BOT_APP_ID: '00000000-0000-4000-8000-00000000b07a',
          WYGC_BOT_APP_PASSWORD: 'not-a-real-secret',
          WYGC_BOT_TENANT_ID: '00000000-0000-4000-8000-0000000e17a0',
        }
      : {}),
  });
  const logger = pino({ level: 'silent' });
  const runtime = await createRuntime(config, { logger });
  const clock = Date.now;
  const auth = createServerAuth({
    config,
    secrets: runtime.secrets,
    store: runtime.store,
    clock,
    hasherParameters: { memoryKiB: 256, passes: 2, parallelism: 1 },
  });
  const recompiler = createRosterRecompiler({ store: runtime.store, clock, logger });
  const bot = createTeamsBot({ config, store: runtime.store, clock, logger });
  const app = createServerApp({
    runtime,
    auth,
    recompiler,
    clock,
    trustProxy: false,
    setup: options.setup ?? true,
    webAdminDir: options.webAdminDir ?? join(dataDir, 'no-web-admin'),
    ...(options.parts ? { parts: options.parts } : {}),
    ...(bot ? { bot } : {}),
  });
  const name = `server-test-${++registrations}`;
  http(name, getRequestListener(app.fetch));
  return {
    runtime,
    auth,
    recompiler,
    request: supertest(getTestServer(name)),
    close: async () => {
      await recompiler.idle();
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
