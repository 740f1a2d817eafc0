import type { Language } from './bot-language.ts';
import type { ConversationRef } from './bot-turn.ts';

/** A user's 1:1 chat with the bot, where their own notices go. */
export interface UserConversation {
  readonly tenantId: string;
  /** The Teams user's Entra object id. */
  readonly userId: string;
  readonly language: Language;
  readonly reference: ConversationRef;
}

/** A team the bot is installed in, where the organisation's roster problems are posted. */
export interface TeamConversation {
  readonly tenantId: string;
  readonly teamId: string;
  readonly language: Language;
  readonly reference: ConversationRef;
}

/**
 * Where the bot may write without being asked, and which Teams user is which contact. A Teams user or
 * team belongs to one tenant at a time: saving it for another tenant moves it there, without its links.
 * Kept in the store (createStoreConversationRegistry) so that every bot instance, and the jobs that
 * send the notices, see the same conversations across restarts; createMemoryConversationRegistry is
 * the in-process reference for tests.
 */
export interface ConversationRegistry {
  saveUser(conversation: UserConversation): Promise<void>;
  saveTeam(conversation: TeamConversation): Promise<void>;
  forgetUser(userId: string): Promise<void>;
  forgetTeam(teamId: string): Promise<void>;
  /**
   * The user said they act as this contact (e.g. "neem over 2u JD"): its duty notices go to them, and
   * no longer to whoever acted as it before. Only a user with a chat saved for that tenant can be
   * linked; for anyone else nothing changes.
   */
  linkContact(link: {
    readonly tenantId: string;
    readonly contactKey: string;
    readonly userId: string;
  }): Promise<void>;
  userForContact(tenantId: string, contactKey: string): Promise<UserConversation | undefined>;
  teamsOf(tenantId: string): Promise<TeamConversation[]>;
  /** The tenants with at least one conversation: the only ones the notifier has anything to say to. */
  tenants(): Promise<string[]>;
}
