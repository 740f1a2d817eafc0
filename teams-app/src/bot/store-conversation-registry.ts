import type { BotConversation, BotConversationInput, BotConversationKind, Store } from '@wygc/routing-core';
import { languageFromLocale } from './bot-language.ts';
import type { ConversationRegistry, TeamConversation, UserConversation } from './conversation-registry.ts';

export interface StoreConversationRegistryDeps {
  readonly store: Store;
}

const inputOf = (conversation: BotConversation, contactKeys: readonly string[]): BotConversationInput => ({
  kind: conversation.kind,
  externalId: conversation.externalId,
  language: conversation.language,
  reference: conversation.reference,
  contactKeys,
});

const userOf = (conversation: BotConversation): UserConversation => ({
  tenantId: conversation.tenantId,
  userId: conversation.externalId,
  language: languageFromLocale(conversation.language),
  reference: conversation.reference,
});

const teamOf = (conversation: BotConversation): TeamConversation => ({
  tenantId: conversation.tenantId,
  teamId: conversation.externalId,
  language: languageFromLocale(conversation.language),
  reference: conversation.reference,
});

/**
 * The registry in the store (TenantStore.botConversations): the bot function that hears users and the
 * jobs function that sends notices share it, and it survives restarts. Sealed and audited by the store;
 * the notifier's minute-by-minute reads are unaudited system reads there.
 */
export const createStoreConversationRegistry = ({
  store,
}: StoreConversationRegistryDeps): ConversationRegistry => {
  const conversations = (tenantId: string) =>
    store.forTenant(tenantId, { actor: 'system:teams-bot' }).botConversations;

  /** Removes the user's or team's conversation from every tenant but `keep`. */
  const forget = async (kind: BotConversationKind, externalId: string, keep?: string) => {
    for (const { tenantId, conversationId } of await store.lookups.botConversationsOf(kind, externalId)) {
      if (tenantId !== keep) await conversations(tenantId).remove(conversationId);
    }
  };

  /** A user or team that moved to another tenant arrives there as new: without the old tenant's links. */
  const save = async (tenantId: string, input: BotConversationInput) => {
    await forget(input.kind, input.externalId, tenantId);
    await conversations(tenantId).save(input);
  };

  const listOf = async (tenantId: string, kind: BotConversationKind) =>
    (await conversations(tenantId).list()).filter((conversation) => conversation.kind === kind);

  return {
    saveUser: ({ tenantId, userId, language, reference }) =>
      save(tenantId, { kind: 'user', externalId: userId, language, reference }),
    saveTeam: ({ tenantId, teamId, language, reference }) =>
      save(tenantId, { kind: 'team', externalId: teamId, language, reference }),
    forgetUser: (userId) => forget('user', userId),
    forgetTeam: (teamId) => forget('team', teamId),
    linkContact: async ({ tenantId, contactKey, userId }) => {
      const users = await listOf(tenantId, 'user');
      const user = users.find((conversation) => conversation.externalId === userId);
      if (!user) return;
      for (const other of users) {
        if (other === user || !other.contactKeys.includes(contactKey)) continue;
        await conversations(tenantId).save(
          inputOf(
            other,
            other.contactKeys.filter((key) => key !== contactKey),
          ),
        );
      }
      if (!user.contactKeys.includes(contactKey))
        await conversations(tenantId).save(inputOf(user, [...user.contactKeys, contactKey]));
    },
    userForContact: async (tenantId, contactKey) => {
      const user = (await listOf(tenantId, 'user')).find((conversation) =>
        conversation.contactKeys.includes(contactKey),
      );
      return user && userOf(user);
    },
    teamsOf: async (tenantId) => (await listOf(tenantId, 'team')).map(teamOf),
    tenants: () => store.lookups.botConversationTenants(),
  };
};
