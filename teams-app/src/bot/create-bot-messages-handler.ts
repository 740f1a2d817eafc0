import { z } from 'zod';
import type {
  BotFrameworkAdapter,
  BotHttpRequest,
  BotHttpResponse,
  BotTurnHandlers,
} from './bot-framework-adapter.ts';

// The envelope every activity has; the rest is checked by the Bot Framework and the bot's own schemas.
const activityEnvelopeSchema = z
  .object({
    type: z.string().min(1).max(64),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.url({ protocol: /^https?$/ }),
    conversation: z.object({ id: z.string().min(1) }).loose(),
  })
  .loose();

export interface BotMessagesHandlerDeps {
  readonly adapter: BotFrameworkAdapter;
  readonly bot: BotTurnHandlers;
}

/**
 * The handler for POST /api/messages, independent of the HTTP framework: give it the headers and the
 * JSON body, send back the status (and body, for invoke activities) it returns.
 */
export const createBotMessagesHandler =
  (deps: BotMessagesHandlerDeps) =>
  async (request: BotHttpRequest): Promise<BotHttpResponse> => {
    const envelope = activityEnvelopeSchema.safeParse(request.body);
    if (!envelope.success) return { status: 400, body: { error: 'expected a Bot Framework activity' } };
    return deps.adapter.process({ headers: request.headers, body: envelope.data }, deps.bot);
  };
