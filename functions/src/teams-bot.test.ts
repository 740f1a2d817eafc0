import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { createTeamsBot } from './teams-bot.ts';
import { createMemoryTestStore } from './testing/memory-test-store.ts';
import { createServerTestApp } from './testing/server-test-app.ts';

const activity = {
  type: 'message',
  id: '1',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  from: { id: 'user' },
  recipient: { id: 'bot' },
  conversation: { id: 'conversation' },
  text: 'wie',
};

describe('createTeamsBot', () => {
  it('exists only when a bot registration is configured', async () => {
    const { store, close } = await createMemoryTestStore();
    try {
      const bare = loadConfig({ WYGC_DATA_DIR: '/tmp/unused' });
      expect(
        createTeamsBot({ config: bare, store, clock: Date.now, logger: pino({ level: 'silent' }) }),
      ).toBeUndefined();
    } finally {
      await close();
    }
  });

  it('refuses activities that do not carry a Bot Framework token', async () => {
    const { store, close } = await createMemoryTestStore();
    try {
      const config = loadConfig({
        WYGC_DATA_DIR: '/tmp/unused',
        WYGC_BOT_APP_ID: '00000000-0000-0000-0000-000000000001',
        WYGC_BOT_APP_PASSWORD: 'not-a-real-secret',
        WYGC_BOT_TENANT_ID: '00000000-0000-0000-0000-000000000002',
      });
      const bot = createTeamsBot({ config, store, clock: Date.now, logger: pino({ level: 'silent' }) });
      expect(bot).toBeDefined();
      const unsigned = await bot?.handleMessages({ headers: {}, body: activity });
      expect(unsigned?.status).toBe(401);
      const garbage = await bot?.handleMessages({ headers: {}, body: { nope: true } });
      expect(garbage?.status).toBe(400);
    } finally {
      await close();
    }
  });

  it('has its proactive messages sent by the jobs function, for the scheduler only', async () => {
    const jobs = await createServerTestApp({ parts: ['jobs'], bot: true });
    try {
      expect((await jobs.request.post('/jobs/notify')).status).toBe(401);
      const response = await jobs.request
        .post('/jobs/notify')
        .set('X-Jobs-Secret', jobs.runtime.secrets.jobsSecret);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ sent: 0, failed: 0 });
      expect((await jobs.request.post('/api/messages').send({})).status).toBe(404);
    } finally {
      await jobs.close();
    }
  });
});
