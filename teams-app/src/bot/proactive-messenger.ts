import type { BotReply, ConversationRef } from './bot-turn.ts';

/** Sends a message into a conversation the bot is not currently answering in. */
export interface ProactiveMessenger {
  send(conversation: ConversationRef, reply: BotReply): Promise<void>;
}
