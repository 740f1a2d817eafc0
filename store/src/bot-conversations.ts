import {
  type BotConversation,
  botConversationKinds,
  contactKeyPattern,
  type TenantStore,
} from '@wygc/routing-core';
import { z } from 'zod';
import { parseInput } from './invalid-input.ts';
import type { TenantAccess } from './tenant-access.ts';

/** Teams' references are a few hundred bytes; the limit keeps a forged one from bloating every read. */
const maxReferenceBytes = 8_192;

/**
 * Loose on purpose: the reference belongs to the Bot Framework, which adds fields as it pleases. It must
 * be JSON and name the conversation, or nothing could ever be posted with it.
 */
const referenceSchema = z
  .looseObject({ conversation: z.looseObject({ id: z.string().min(1).max(1_024) }) })
  .refine((reference) => Buffer.byteLength(JSON.stringify(reference)) <= maxReferenceBytes, {
    message: `at most ${maxReferenceBytes} bytes of JSON`,
  })
  .transform((reference): Record<string, unknown> => JSON.parse(JSON.stringify(reference)));

const inputSchema = z
  .object({
    kind: z.enum(botConversationKinds),
    externalId: z.string().min(1).max(256),
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'a language tag such as "nl"'),
    reference: referenceSchema,
    contactKeys: z.array(z.string().regex(contactKeyPattern)).max(100).optional(),
  })
  .strict()
  .refine((input) => input.kind === 'user' || !input.contactKeys?.length, {
    message: 'a team acts as no contact',
    path: ['contactKeys'],
  });

const sameContent = (a: BotConversation, b: BotConversation): boolean =>
  JSON.stringify([a.language, a.reference, a.contactKeys]) ===
  JSON.stringify([b.language, b.reference, b.contactKeys]);

/** The row of a conversation: its id is also its lookup index (see createBotConversations). */
export const sealBotConversation = async (access: TenantAccess, conversation: BotConversation) =>
  access.seal('botConversations', conversation.id, conversation, { conversationIndex: conversation.id });

/**
 * The Teams bot's conversations of one tenant. The row id is the conversation's keyed lookup digest,
 * so saving is an upsert that two bot instances can race without creating two rows.
 */
export const createBotConversations = (access: TenantAccess): TenantStore['botConversations'] => {
  const { driver, tenantId } = access;
  const collection = 'botConversations';
  const target = (id: string) => ({ category: 'bot-conversation' as const, id });

  return {
    async list() {
      await access.activeTenant();
      return access.openAll<BotConversation>(collection, await driver.list(collection, tenantId));
    },
    async save(input) {
      await access.activeTenant();
      const valid = parseInput(inputSchema, input, 'bot conversation');
      const id = access.lookup.botConversation(valid.kind, valid.externalId);
      const row = await driver.get(collection, tenantId, id);
      const current = row ? await access.open<BotConversation>(collection, row) : undefined;
      const next: BotConversation = {
        id,
        tenantId,
        kind: valid.kind,
        externalId: valid.externalId,
        language: valid.language,
        reference: valid.reference,
        contactKeys: valid.contactKeys ? [...new Set(valid.contactKeys)] : (current?.contactKeys ?? []),
        updatedAt: access.clock(),
      };
      // The bot saves on every message; only a change is worth a write and an audit entry.
      if (current && sameContent(current, next)) return current;
      await access.commitAudited([{ op: 'put', collection, row: await sealBotConversation(access, next) }], {
        action: current ? 'bot-conversation.update' : 'bot-conversation.create',
        target: target(id),
      });
      return next;
    },
    async remove(id) {
      await access.activeTenant();
      if (!(await driver.get(collection, tenantId, id))) return;
      await access.commitAudited([{ op: 'delete', collection, tenantId, id }], {
        action: 'bot-conversation.delete',
        target: target(id),
      });
    },
  };
};
