import { describe, expect, it } from 'vitest';
import { createBotFrameworkAdapter } from './bot-framework-adapter.ts';
import { parseBotFrameworkConfig } from './bot-framework-config.ts';
import type { BotReply } from './bot-turn.ts';
import { createBotMessagesHandler } from './create-bot-messages-handler.ts';

const config = parseBotFrameworkConfig({
  appId: '11111111-2222-4333-8444-555555555555',
  appPassword: 'not-a-real-secret',
  tenantId: '66666666-7777-4888-9999-000000000000',
});

const calls: string[] = [];
const bot = {
  onMessage: async (): Promise<BotReply[]> => {
    calls.push('message');
    return [];
  },
  onInstalled: async (): Promise<BotReply[]> => [],
  onUninstalled: async () => {},
};

const activity = {
  type: 'message',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  conversation: { id: 'a:1', conversationType: 'personal' },
  from: { id: '29:1' },
  recipient: { id: '28:bot' },
  text: 'wie',
};

describe('createBotMessagesHandler', () => {
  const handle = createBotMessagesHandler({ adapter: createBotFrameworkAdapter(config), bot });

  it('refuses an activity without a Bot Framework token: 401, and the bot never sees it', async () => {
    expect(await handle({ headers: {}, body: activity })).toEqual({ status: 401 });
    expect(calls).toEqual([]);
  });

  it('refuses a body that is not an activity with 400', async () => {
    expect((await handle({ headers: { authorization: 'Bearer x' }, body: { text: 'wie' } })).status).toBe(
      400,
    );
    expect((await handle({ headers: {}, body: 'wie' })).status).toBe(400);
    expect(
      (await handle({ headers: {}, body: { ...activity, serviceUrl: 'file:///etc/passwd' } })).status,
    ).toBe(400);
  });
});

describe('parseBotFrameworkConfig', () => {
  it('names the wrong fields without echoing any value', () => {
    const attempt = () =>
      parseBotFrameworkConfig({
        appId: 'bot',
        appPassword: '',
        tenantId: config.tenantId,
        secret: 's3cr3t-value',
      });
    expect(attempt).toThrow('invalid bot configuration: check appId, appPassword, config');
    try {
      attempt();
    } catch (error) {
      expect(String(error)).not.toContain('s3cr3t');
    }
  });
});
