// Test support: botbuilder's TestAdapter on the msteams channel, with the proactive path it lacks.
import { type Activity, type ConversationReference, TestAdapter, TurnContext } from 'botbuilder';
import { type BotTurnHandlers, createProactiveMessenger, createTurnLogic } from '../bot-framework-adapter.ts';
import type { ProactiveMessenger } from '../proactive-messenger.ts';

export const testBotAppId = '00000000-0000-4000-8000-00000000b07a';

type Logic = (context: TurnContext) => Promise<void>;

/** An activity as a test writes it; Teams fills in the rest. */
export type TestActivity = Partial<Activity>;

/**
 * TestAdapter refuses continueConversationAsync; CloudAdapter continues a stored conversation by
 * running the logic on a context addressed by the reference, which is what this does, so proactive
 * messages land in `activeQueue` addressed to the stored conversation.
 */
export class TeamsTestAdapter extends TestAdapter {
  override async continueConversationAsync(
    _botAppIdOrClaimsIdentity: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: Logic | string,
    maybeLogic?: Logic,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new Error('continueConversationAsync needs the logic to run');
    const activity = TurnContext.applyConversationReference(
      { type: 'event', name: 'ContinueConversation' },
      reference,
      true,
    );
    await logic(new TurnContext(this, activity));
  }
}

export interface TeamsTestChannel {
  readonly adapter: TeamsTestAdapter;
  readonly messenger: ProactiveMessenger;
  /** Runs one incoming activity through the bot and returns what the bot sent back. */
  say(activity: TestActivity): Promise<TestActivity[]>;
  /** Whatever the bot sent on its own since the last call. */
  drain(): TestActivity[];
}

export const createTeamsTestChannel = (): TeamsTestChannel & { attach(bot: BotTurnHandlers): void } => {
  let logic: Logic | undefined;
  const adapter = new TeamsTestAdapter(
    async (context) => {
      if (!logic) throw new Error('no bot attached');
      await logic(context);
    },
    { channelId: 'msteams' },
  );
  return {
    adapter,
    messenger: createProactiveMessenger(adapter, testBotAppId),
    attach: (bot) => {
      logic = createTurnLogic(bot);
    },
    say: async (activity) => {
      await adapter.processActivity(activity);
      return adapter.activeQueue.splice(0);
    },
    drain: () => adapter.activeQueue.splice(0),
  };
};
