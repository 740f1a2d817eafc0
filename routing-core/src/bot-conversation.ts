export const botConversationKinds = ['user', 'team'] as const;
export type BotConversationKind = (typeof botConversationKinds)[number];

/**
 * Where the Teams bot may write without being asked: a user's 1:1 chat with it, or a team it is
 * installed in; for a user also the contacts they act as, whose duty notices go to them. Personal data
 * (an Entra object id, the reference naming the chat): sealed at rest like every other record.
 */
export interface BotConversation {
  readonly id: string;
  readonly tenantId: string;
  readonly kind: BotConversationKind;
  /** The Teams user's Entra object id (kind "user") or the team id (kind "team"). */
  readonly externalId: string;
  /** The language the bot writes in there, a BCP 47 tag such as "nl". */
  readonly language: string;
  /** The Bot Framework conversation reference: plain JSON that only the bot's adapter interprets. */
  readonly reference: Readonly<Record<string, unknown>>;
  /** Contact keys whose duty notices go to this user; a team has none. */
  readonly contactKeys: readonly string[];
  readonly updatedAt: number;
}

/**
 * A conversation as the bot saves it. Kind and external id name it: saving again replaces it. Without
 * `contactKeys` the ones already kept stay.
 */
export type BotConversationInput = Pick<BotConversation, 'kind' | 'externalId' | 'language' | 'reference'> & {
  readonly contactKeys?: readonly string[];
};
