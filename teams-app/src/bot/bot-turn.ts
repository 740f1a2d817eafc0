import type { AdaptiveCard } from './adaptive-card.ts';

/**
 * Where the bot can write again later (a chat, a channel). Opaque everywhere except in the Bot
 * Framework adapter, which produces and consumes it; plain JSON, so any store can keep it.
 */
export type ConversationRef = { readonly [key: string]: unknown };

/** Teams' conversation types as the bot sees them; a channel conversation is team scope. */
export type BotScope = 'personal' | 'team' | 'groupChat';

export interface BotUser {
  /** The Entra object id of the Teams user (oid). */
  readonly aadObjectId?: string;
  /** The Entra tenant the conversation belongs to (tid). */
  readonly entraTenantId?: string;
}

/** What every activity tells the bot about where it comes from. */
export interface BotTurnContext {
  readonly scope: BotScope;
  readonly user: BotUser;
  readonly teamId?: string;
  readonly locale?: string;
  readonly conversation: ConversationRef;
}

/** A message to the bot: typed text (mentions removed) or the data of a card button. */
export interface IncomingMessage extends BotTurnContext {
  readonly text: string;
  readonly value?: unknown;
}

export type BotReply =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'card'; readonly card: AdaptiveCard; readonly summary: string };
