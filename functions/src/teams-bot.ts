import type { Store } from '@wygc/routing-core';
import {
  createBotFrameworkAdapter,
  createBotMessagesHandler,
  createDutyBot,
  createStoreConversationRegistry,
  createStoreNoticeLog,
  type NotifyReport,
  parseBotFrameworkConfig,
} from '@wygc/teams-app';
import type { Logger } from 'pino';
import type { FunctionsConfig } from './config.ts';
import { createTakeOver } from './takeover-routes.ts';

export interface TeamsBot {
  /** POST /api/messages from the Bot Framework: authentication is the adapter's job. */
  handleMessages(request: {
    headers: Record<string, string>;
    body: unknown;
  }): Promise<{ status: number; body?: unknown }>;
  /** Proactive messages that are due: call every minute (the server's loop, or POST /jobs/notify). */
  notifyDue(): Promise<NotifyReport>;
}

/**
 * The duty bot, when a bot registration is configured; botbuilder stays inside teams-app. Its
 * conversations and sent notices live in the store, so the function that hears users (bot) and the one
 * that sends notices (jobs) share them, and a restart forgets nothing.
 */
export const createTeamsBot = (deps: {
  readonly config: FunctionsConfig;
  readonly store: Store;
  readonly clock: () => number;
  readonly logger: Logger;
}): TeamsBot | undefined => {
  if (!deps.config.bot) return undefined;
  const logger = deps.logger.child({ part: 'bot' });
  const adapter = createBotFrameworkAdapter(parseBotFrameworkConfig(deps.config.bot), { logger });
  const takeOver = createTakeOver({ store: deps.store, clock: deps.clock });
  const bot = createDutyBot({
    store: deps.store,
    clock: deps.clock,
    messenger: adapter.messenger,
    conversations: createStoreConversationRegistry({ store: deps.store }),
    notices: createStoreNoticeLog({ store: deps.store }),
    logger,
    takeOver: async (request) => ({ end: (await takeOver(request)).end }),
  });
  return { handleMessages: createBotMessagesHandler({ adapter, bot }), notifyDue: () => bot.notifyDue() };
};
