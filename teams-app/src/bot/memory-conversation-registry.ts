import type { ConversationRegistry, TeamConversation, UserConversation } from './conversation-registry.ts';

/**
 * The in-process registry: fine for one server; after a restart users and teams re-register the next
 * time they talk to the bot or it is reinstalled.
 */
export const createMemoryConversationRegistry = (): ConversationRegistry => {
  const users = new Map<string, UserConversation>();
  const teams = new Map<string, TeamConversation>();
  /** tenant id -> contact key -> user id */
  const contacts = new Map<string, Map<string, string>>();

  return {
    saveUser: async (conversation) => {
      users.set(conversation.userId, conversation);
    },
    saveTeam: async (conversation) => {
      teams.set(conversation.teamId, conversation);
    },
    forgetUser: async (userId) => {
      users.delete(userId);
      for (const links of contacts.values()) {
        for (const [key, linked] of links) if (linked === userId) links.delete(key);
      }
    },
    forgetTeam: async (teamId) => {
      teams.delete(teamId);
    },
    linkContact: async ({ tenantId, contactKey, userId }) => {
      let links = contacts.get(tenantId);
      if (!links) {
        links = new Map();
        contacts.set(tenantId, links);
      }
      links.set(contactKey, userId);
    },
    userForContact: async (tenantId, contactKey) => {
      const userId = contacts.get(tenantId)?.get(contactKey);
      const user = userId ? users.get(userId) : undefined;
      // A user who moved to another tenant's account no longer speaks for this tenant's contact.
      return user?.tenantId === tenantId ? user : undefined;
    },
    teamsOf: async (tenantId) => [...teams.values()].filter((team) => team.tenantId === tenantId),
    tenants: async () =>
      [
        ...new Set([...users.values(), ...teams.values()].map((conversation) => conversation.tenantId)),
      ].sort(),
  };
};
