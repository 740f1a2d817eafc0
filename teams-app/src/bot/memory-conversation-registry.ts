import type { ConversationRegistry, TeamConversation, UserConversation } from './conversation-registry.ts';

interface KeptUser {
  readonly conversation: UserConversation;
  readonly contactKeys: Set<string>;
}

/** The registry in process memory: the reference adapter of the ConversationRegistry contract. */
export const createMemoryConversationRegistry = (): ConversationRegistry => {
  const users = new Map<string, KeptUser>();
  const teams = new Map<string, TeamConversation>();

  return {
    saveUser: async (conversation) => {
      const kept = users.get(conversation.userId);
      // Links are the tenant's: a user who moved to another tenant's account arrives there without them.
      const contactKeys =
        kept?.conversation.tenantId === conversation.tenantId ? kept.contactKeys : new Set<string>();
      users.set(conversation.userId, { conversation, contactKeys });
    },
    saveTeam: async (conversation) => {
      teams.set(conversation.teamId, conversation);
    },
    forgetUser: async (userId) => {
      users.delete(userId);
    },
    forgetTeam: async (teamId) => {
      teams.delete(teamId);
    },
    linkContact: async ({ tenantId, contactKey, userId }) => {
      const user = users.get(userId);
      if (user?.conversation.tenantId !== tenantId) return;
      for (const other of users.values()) {
        if (other.conversation.tenantId === tenantId) other.contactKeys.delete(contactKey);
      }
      user.contactKeys.add(contactKey);
    },
    userForContact: async (tenantId, contactKey) =>
      [...users.values()].find(
        (user) => user.conversation.tenantId === tenantId && user.contactKeys.has(contactKey),
      )?.conversation,
    teamsOf: async (tenantId) => [...teams.values()].filter((team) => team.tenantId === tenantId),
    tenants: async () =>
      [
        ...new Set(
          [...[...users.values()].map((user) => user.conversation), ...teams.values()].map(
            (conversation) => conversation.tenantId,
          ),
        ),
      ].sort(),
  };
};
