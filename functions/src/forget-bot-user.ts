import type { TenantStore } from '@wygc/routing-core';

/**
 * The Teams bot writes to a user's chat because their Microsoft account is an administrator of the
 * organisation. Once the account is removed or the Microsoft account unlinked, that is no longer so:
 * their chats in this organisation are forgotten, and with them the duty notices they asked for.
 */
export const forgetBotUser = async (tenant: TenantStore, entraObjectId: string): Promise<void> => {
  const conversations = await tenant.botConversations.list();
  for (const conversation of conversations) {
    if (conversation.kind === 'user' && conversation.externalId === entraObjectId)
      await tenant.botConversations.remove(conversation.id);
  }
};
