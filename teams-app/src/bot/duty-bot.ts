import type { Store } from '@wygc/routing-core';
import { answerTakeOver } from './answer-take-over.ts';
import { type Language, languageFromLocale } from './bot-language.ts';
import { type BotLogger, errorFields, silentBotLogger } from './bot-logger.ts';
import { botTexts } from './bot-texts.ts';
import type { BotReply, BotTurnContext, IncomingMessage } from './bot-turn.ts';
import type { ConversationRegistry } from './conversation-registry.ts';
import { createDutyNotifier, type NotifyReport } from './duty-notifier.ts';
import { identifyUser, type LinkedUser } from './identify-user.ts';
import type { NoticeLog } from './notice-log.ts';
import { parseCommand } from './parse-command.ts';
import type { ProactiveMessenger } from './proactive-messenger.ts';
import { readTenantDuty } from './read-tenant-duty.ts';
import { buildRosterCard } from './roster-card.ts';
import type { TakeOver } from './take-over.ts';
import { buildWhoAnswer } from './who-answer.ts';

export interface DutyBotDeps {
  readonly store: Store;
  /** The takeover of functions/src/takeover-routes.ts, injected so there is one implementation. */
  readonly takeOver: TakeOver;
  readonly clock: () => number;
  /** How proactive messages leave: the Bot Framework adapter's messenger. */
  readonly messenger: ProactiveMessenger;
  /** Where users and teams can be reached later: createStoreConversationRegistry in a server. */
  readonly conversations: ConversationRegistry;
  /** Which notices went out: createStoreNoticeLog in a server. */
  readonly notices: NoticeLog;
  readonly logger?: BotLogger;
  /** When the client's locale is neither Dutch nor English. Default English. */
  readonly defaultLanguage?: Language;
  /** Days shown by "rooster". Default 7. */
  readonly rosterDays?: number;
  readonly problemWindowHours?: number;
  readonly dutyLeadMinutes?: number;
}

/** The bot as plain TypeScript: activities in, replies out; no Bot Framework type crosses this line. */
export interface DutyBot {
  onMessage(message: IncomingMessage): Promise<BotReply[]>;
  /** The app was added to a team or a personal scope. */
  onInstalled(context: BotTurnContext): Promise<BotReply[]>;
  onUninstalled(context: BotTurnContext): Promise<void>;
  /** Sends the proactive messages that are due; call it every minute (server loop or POST /jobs/notify). */
  notifyDue(): Promise<NotifyReport>;
}

const text = (value: string): BotReply => ({ kind: 'text', text: value });

export const createDutyBot = (deps: DutyBotDeps): DutyBot => {
  const logger = deps.logger ?? silentBotLogger;
  const { conversations } = deps;
  const notifier = createDutyNotifier({
    store: deps.store,
    clock: deps.clock,
    conversations,
    notices: deps.notices,
    messenger: deps.messenger,
    logger,
    ...(deps.problemWindowHours !== undefined ? { problemWindowHours: deps.problemWindowHours } : {}),
    ...(deps.dutyLeadMinutes !== undefined ? { dutyLeadMinutes: deps.dutyLeadMinutes } : {}),
  });
  const localeLanguage = (locale: string | undefined) =>
    languageFromLocale(locale, deps.defaultLanguage ?? 'en');

  /** Keeps where this user or team can be reached later; only for users linked to a tenant. */
  const register = async (context: BotTurnContext, user: LinkedUser, language: Language) => {
    if (context.scope === 'personal') {
      await conversations.saveUser({
        tenantId: user.tenantId,
        userId: user.userId,
        language,
        reference: context.conversation,
      });
    } else if (context.scope === 'team' && context.teamId) {
      await conversations.saveTeam({
        tenantId: user.tenantId,
        teamId: context.teamId,
        language,
        reference: context.conversation,
      });
    }
  };

  /** Who is asking, remembered for later notices; a store failure is logged and answered, not thrown. */
  const identify = async (context: BotTurnContext, language: Language) => {
    try {
      const user = await identifyUser(deps.store, context.user);
      if (user) await register(context, user, language);
      return { user, failed: false };
    } catch (error) {
      logger.error(errorFields(error), 'teams user could not be identified');
      return { user: undefined, failed: true };
    }
  };

  const onMessage = async (message: IncomingMessage): Promise<BotReply[]> => {
    const command = parseCommand(message.text, message.value);
    const language = (command.kind !== 'unknown' && command.language) || localeLanguage(message.locale);
    const texts = botTexts[language];
    const { user, failed } = await identify(message, language);
    if (command.kind === 'help') return [text(texts.help)];
    if (command.kind === 'unknown') return [text(texts.unknown)];
    if (failed) return [text(texts.failed)];
    if (!user) return [text(texts.notLinked)];
    const tenant = deps.store.forTenant(user.tenantId, { actor: user.actor });
    try {
      switch (command.kind) {
        case 'who':
          return [text(buildWhoAnswer(await readTenantDuty(tenant), deps.clock(), language))];
        case 'roster': {
          const card = buildRosterCard({
            duty: await readTenantDuty(tenant),
            now: deps.clock(),
            language,
            ...(deps.rosterDays !== undefined ? { days: deps.rosterDays } : {}),
          });
          return [{ kind: 'card', card, summary: texts.rosterSummary }];
        }
        case 'take-over': {
          const answer = await answerTakeOver({
            command,
            language,
            user,
            tenant,
            takeOver: deps.takeOver,
            conversations,
            logger,
          });
          return [text(answer)];
        }
      }
    } catch (error) {
      logger.error({ ...errorFields(error), command: command.kind }, 'bot command failed');
      return [text(texts.failed)];
    }
  };

  const onInstalled = async (context: BotTurnContext): Promise<BotReply[]> => {
    const language = localeLanguage(context.locale);
    const texts = botTexts[language];
    const { user } = await identify(context, language);
    if (context.scope === 'team') {
      return [text(user ? texts.welcomeTeam : `${texts.welcomeTeam}\n\n${texts.teamNotLinked}`)];
    }
    return [text(user ? texts.welcomePersonal : `${texts.welcomePersonal}\n\n${texts.notLinked}`)];
  };

  const onUninstalled = async (context: BotTurnContext): Promise<void> => {
    if (context.scope === 'team' && context.teamId) await conversations.forgetTeam(context.teamId);
    if (context.scope === 'personal' && context.user.aadObjectId)
      await conversations.forgetUser(context.user.aadObjectId);
  };

  return { onMessage, onInstalled, onUninstalled, notifyDue: notifier.notifyDue };
};
