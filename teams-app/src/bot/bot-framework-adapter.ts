// The one module that knows the Bot Framework SDK (botbuilder). The SDK is past its end of support:
// moving to its successor means rewriting this file only; everything else speaks BotTurnContext,
// IncomingMessage, BotReply and ConversationRef.
import {
  type Activity,
  type BotAdapter,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConversationReference,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
} from 'botbuilder';
import { parseIncomingMessage, parseTurnContext } from './bot-activity.ts';
import type { BotFrameworkConfig } from './bot-framework-config.ts';
import { type BotLogger, errorFields, silentBotLogger } from './bot-logger.ts';
import type { BotReply, ConversationRef } from './bot-turn.ts';
import type { DutyBot } from './duty-bot.ts';
import type { ProactiveMessenger } from './proactive-messenger.ts';

/** What the adapter needs of the bot: the turn handlers, not the notifier. */
export type BotTurnHandlers = Pick<DutyBot, 'onMessage' | 'onInstalled' | 'onUninstalled'>;

/** A POST /api/messages as any HTTP framework can hand it over: the body already parsed as JSON. */
export interface BotHttpRequest {
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: unknown;
}

export interface BotHttpResponse {
  readonly status: number;
  readonly body?: unknown;
}

export interface BotFrameworkAdapter {
  /** Authenticates the activity (Bot Framework JWT) and runs the bot's turn. */
  process(request: BotHttpRequest, bot: BotTurnHandlers): Promise<BotHttpResponse>;
  /** Sends proactive messages with the same app registration. */
  readonly messenger: ProactiveMessenger;
}

/**
 * A reference to write to later. Dropping the activity id and a channel thread's ";messageid=" makes a
 * later message a new post in the channel (or chat), not a reply under whatever was said last. The
 * user's display name is dropped too: the reference is stored, and posting needs only the ids.
 */
const referenceOf = (activity: Partial<Activity>): ConversationRef => {
  const { activityId, ...reference } = TurnContext.getConversationReference(activity);
  const conversation = reference.conversation && {
    ...reference.conversation,
    id: reference.conversation.id.split(';messageid=')[0] ?? reference.conversation.id,
  };
  const user = reference.user && { ...reference.user, name: undefined };
  return JSON.parse(JSON.stringify({ ...reference, conversation, user })) as ConversationRef;
};

const toActivity = (reply: BotReply): Partial<Activity> => {
  if (reply.kind === 'text') return { ...MessageFactory.text(reply.text), textFormat: 'markdown' };
  return { ...MessageFactory.attachment(CardFactory.adaptiveCard(reply.card)), summary: reply.summary };
};

const sendReplies = async (context: TurnContext, replies: readonly BotReply[]): Promise<void> => {
  if (replies.length > 0) await context.sendActivities(replies.map(toActivity));
};

const turnLogics = new WeakMap<BotTurnHandlers, (context: TurnContext) => Promise<void>>();

/** The bot's turn as Bot Framework logic, for CloudAdapter in production and TestAdapter in tests. */
export const createTurnLogic = (
  bot: BotTurnHandlers,
  logger: BotLogger = silentBotLogger,
): ((context: TurnContext) => Promise<void>) => {
  const cached = turnLogics.get(bot);
  if (cached) return cached;
  const handler = new TeamsActivityHandler();
  handler.onMessage(async (context, next) => {
    const message = parseIncomingMessage(context.activity, referenceOf(context.activity));
    if (message) await sendReplies(context, await bot.onMessage(message));
    else
      logger.warn(
        { activityType: context.activity.type },
        'message activity without the fields a turn needs',
      );
    await next();
  });
  handler.onInstallationUpdateAdd(async (context, next) => {
    const turn = parseTurnContext(context.activity, referenceOf(context.activity));
    if (turn) await sendReplies(context, await bot.onInstalled(turn));
    await next();
  });
  handler.onInstallationUpdateRemove(async (context, next) => {
    const turn = parseTurnContext(context.activity, referenceOf(context.activity));
    if (turn) await bot.onUninstalled(turn);
    await next();
  });
  const logic = (context: TurnContext) => handler.run(context);
  turnLogics.set(bot, logic);
  return logic;
};

/** Proactive sends through any Bot Framework adapter: continue the stored conversation, post the reply. */
export const createProactiveMessenger = (adapter: BotAdapter, appId: string): ProactiveMessenger => ({
  send: (conversation, reply) =>
    adapter.continueConversationAsync(
      appId,
      conversation as Partial<ConversationReference>,
      async (context) => {
        await sendReplies(context, [reply]);
      },
    ),
});

// processActivity is protected on CloudAdapter; calling it directly leaves status codes and logging to
// us instead of CloudAdapter.process, which writes errors (with their details) to the console.
class BotCloudAdapter extends CloudAdapter {
  run(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, activity, logic);
  }
}

const headerValue = (headers: BotHttpRequest['headers'], name: string): string | undefined => {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return typeof value === 'string' ? value : value?.[0];
  }
  return undefined;
};

/**
 * CloudAdapter with ConfigurationBotFrameworkAuthentication for a single-tenant app registration:
 * incoming activities must carry a Bot Framework token issued for `appId`; outgoing calls are signed
 * with `appPassword` in `tenantId`.
 */
export const createBotFrameworkAdapter = (
  config: BotFrameworkConfig,
  options: { readonly logger?: BotLogger } = {},
): BotFrameworkAdapter => {
  const logger = options.logger ?? silentBotLogger;
  const adapter = new BotCloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppId: config.appId,
      MicrosoftAppPassword: config.appPassword,
      MicrosoftAppTenantId: config.tenantId,
    }),
  );
  adapter.onTurnError = async (_context, error) => {
    logger.error(errorFields(error), 'bot turn failed');
  };
  return {
    messenger: createProactiveMessenger(adapter, config.appId),
    process: async (request, bot) => {
      try {
        const invoke = await adapter.run(
          headerValue(request.headers, 'authorization') ?? '',
          request.body as Activity,
          createTurnLogic(bot, logger),
        );
        return invoke ? { status: invoke.status, body: invoke.body } : { status: 200 };
      } catch (error) {
        const status = (error as { statusCode?: unknown }).statusCode;
        if (status === 401 || status === 403) return { status };
        logger.error(errorFields(error), 'bot activity failed');
        return { status: 500 };
      }
    },
  };
};
