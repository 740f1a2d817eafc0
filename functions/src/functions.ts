import type { IncomingMessage, ServerResponse } from 'node:http';
import { http } from '@google-cloud/functions-framework';
import { getRequestListener } from '@hono/node-server';
import { loadConfig } from './config.ts';
import { lazy } from './lazy.ts';
import { createRosterRecompiler } from './roster-recompiler.ts';
import { createRuntime } from './runtime.ts';
import { createServerApp, type ServerPart } from './server-app.ts';
import { createServerAuth } from './server-auth.ts';
import { createTeamsBot } from './teams-bot.ts';

// The Cloud Run functions entry (one deployment per function, --entry-point=<name>). Nothing is
// created at module load: the first request of an instance builds the runtime, once, for every
// function the instance serves.

const shared = lazy(async () => {
  const config = loadConfig(process.env);
  const runtime = await createRuntime(config);
  const clock = Date.now;
  return {
    runtime,
    clock,
    auth: createServerAuth({ config, secrets: runtime.secrets, store: runtime.store, clock }),
    recompiler: createRosterRecompiler({ store: runtime.store, clock, logger: runtime.logger }),
    bot: createTeamsBot({ config, store: runtime.store, clock, logger: runtime.logger }),
  };
});

type Listener = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

const serving = (parts: readonly ServerPart[]) => {
  const listener = lazy(async (): Promise<Listener> => {
    const { runtime, clock, auth, recompiler, bot } = await shared();
    // Cloud Run's front end puts the client's address first in X-Forwarded-For. Organisations are
    // created by the operator (wygc tenants create): a fresh public deployment cannot be claimed.
    const app = createServerApp({
      runtime,
      auth,
      recompiler,
      clock,
      trustProxy: true,
      setup: false,
      parts,
      ...(bot ? { bot } : {}),
    });
    return getRequestListener(app.fetch);
  });
  return async (request: IncomingMessage, response: ServerResponse) => {
    let handle: Listener;
    try {
      handle = await listener();
    } catch {
      // The reason (configuration, KMS, Firestore) is in the platform's logs of the failed start.
      response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '5' });
      response.end(
        JSON.stringify({
          error: { code: 'UNAVAILABLE', message: 'The service is starting; please try again shortly.' },
        }),
      );
      return;
    }
    await handle(request, response);
  };
};

/** The admin API with its OAuth callbacks and the web admin. */
http('api', serving(['api', 'web']));
/** Google and Microsoft push notifications: public, each request proves itself with its channel secret. */
http('webhooks', serving(['webhooks']));
/** Cloud Scheduler and Cloud Tasks only (OIDC); deployed without public access. With a bot registration
 * configured, /jobs/notify sends the bot's proactive messages (Scheduler job wygc-notify, every minute). */
http('jobs', serving(['jobs']));
/** The Google Calendar add-on's endpoints (Google signs every request with the add-on's service account). */
http('addon', serving(['addon']));
/** The Teams bot's /api/messages (the Bot Framework authenticates each activity). It keeps where it may
 * write in the store; the jobs function sends its proactive messages (/jobs/notify). */
http('bot', serving(['bot']));
