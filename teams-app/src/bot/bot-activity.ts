import { z } from 'zod';
import type { BotScope, BotTurnContext, ConversationRef, IncomingMessage } from './bot-turn.ts';

// Only the fields the bot reads; everything else in an activity is ignored (zod strips it).
const activitySchema = z.object({
  type: z.string().min(1),
  text: z.string().optional(),
  value: z.unknown().optional(),
  locale: z.string().max(35).optional(),
  from: z.object({ id: z.string().optional(), aadObjectId: z.string().min(1).max(64).optional() }).optional(),
  conversation: z.object({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().max(64).optional(),
  }),
  channelData: z
    .object({
      tenant: z.object({ id: z.string().min(1).max(64) }).optional(),
      team: z.object({ id: z.string().min(1).max(256) }).optional(),
    })
    .optional(),
});

const scopeOf = (conversationType: string | undefined): BotScope =>
  conversationType === 'channel' ? 'team' : conversationType === 'groupChat' ? 'groupChat' : 'personal';

const entities: Readonly<Record<string, string>> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/**
 * The words the user typed: Teams puts "<at>Bot</at>" mentions and some HTML into `text` in channels;
 * those are dropped so "@WhoYouGonnaCall wie" reads as "wie". Long input is cut, commands are short.
 */
export const plainText = (text: string): string =>
  text
    .slice(0, 2000)
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|apos);/g, (_match, name: string) => entities[name] ?? ' ')
    .replace(/\s+/g, ' ')
    .trim();

const read = (activity: unknown, conversation: ConversationRef) => {
  const parsed = activitySchema.safeParse(activity);
  if (!parsed.success) return undefined;
  const { data } = parsed;
  const entraTenantId = data.channelData?.tenant?.id ?? data.conversation.tenantId;
  const teamId = data.channelData?.team?.id;
  const context: BotTurnContext = {
    scope: scopeOf(data.conversation.conversationType),
    user: {
      ...(data.from?.aadObjectId ? { aadObjectId: data.from.aadObjectId } : {}),
      ...(entraTenantId ? { entraTenantId } : {}),
    },
    ...(teamId ? { teamId } : {}),
    ...(data.locale ? { locale: data.locale } : {}),
    conversation,
  };
  return { data, context };
};

/** Reads where an activity comes from; undefined when it lacks what every turn needs. */
export const parseTurnContext = (
  activity: unknown,
  conversation: ConversationRef,
): BotTurnContext | undefined => read(activity, conversation)?.context;

/** A message activity as the bot handles it; undefined when it is not a usable message. */
export const parseIncomingMessage = (
  activity: unknown,
  conversation: ConversationRef,
): IncomingMessage | undefined => {
  const result = read(activity, conversation);
  if (result?.data.type !== 'message') return undefined;
  const { data, context } = result;
  return {
    ...context,
    text: plainText(data.text ?? ''),
    ...(data.value !== undefined ? { value: data.value } : {}),
  };
};
