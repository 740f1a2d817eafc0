export {
  createTeamsPackage,
  type TeamsPackage,
  type TeamsPackageFile,
  type TeamsPackageOptions,
} from './app-package/create-teams-package.ts';
export {
  parseTeamsPackageConfig,
  type TeamsPackageConfig,
  teamsPackageConfigFrom,
  teamsPackageConfigSchema,
  teamsPackageEnvNames,
} from './app-package/teams-package-config.ts';
export { type AdaptiveCard, adaptiveCardSchema } from './bot/adaptive-card.ts';
export {
  type BotFrameworkAdapter,
  type BotHttpRequest,
  type BotHttpResponse,
  type BotTurnHandlers,
  createBotFrameworkAdapter,
} from './bot/bot-framework-adapter.ts';
export {
  type BotFrameworkConfig,
  botFrameworkConfigSchema,
  parseBotFrameworkConfig,
} from './bot/bot-framework-config.ts';
export { type Language, languageFromLocale } from './bot/bot-language.ts';
export { type BotLogger, silentBotLogger } from './bot/bot-logger.ts';
export type { BotReply, BotTurnContext, ConversationRef, IncomingMessage } from './bot/bot-turn.ts';
export type {
  ConversationRegistry,
  TeamConversation,
  UserConversation,
} from './bot/conversation-registry.ts';
export { type BotMessagesHandlerDeps, createBotMessagesHandler } from './bot/create-bot-messages-handler.ts';
export { createDutyBot, type DutyBot, type DutyBotDeps } from './bot/duty-bot.ts';
export type { NotifyReport } from './bot/duty-notifier.ts';
export { createMemoryConversationRegistry } from './bot/memory-conversation-registry.ts';
export { createMemoryNoticeLog } from './bot/memory-notice-log.ts';
export type { NoticeLog } from './bot/notice-log.ts';
export type { ProactiveMessenger } from './bot/proactive-messenger.ts';
export {
  createStoreConversationRegistry,
  type StoreConversationRegistryDeps,
} from './bot/store-conversation-registry.ts';
export { createStoreNoticeLog, type StoreNoticeLogDeps } from './bot/store-notice-log.ts';
export { type TakeOver, type TakeOverRequest, type TakeOverResult, takeOverHours } from './bot/take-over.ts';
