import { fireAndForget } from './graph-fire-and-forget.ts';
import { type GraphSubscriptionLookup, readGraphNotificationBatch } from './graph-notification-batch.ts';
import { answerGraphValidationToken } from './graph-validation-token.ts';
import { type GraphWebhookHandler, graphWebhookAnswers } from './graph-webhook-exchange.ts';

/** The source that changed; the pipeline marks it dirty and enqueues one coalesced sync. */
export interface GraphSourceRef {
  readonly tenantId: string;
  readonly sourceId: string;
}

export interface GraphNotificationHandlerDeps {
  readonly lookupSubscription: GraphSubscriptionLookup;
  /** Called without being awaited: Graph wants its answer within 3 seconds, a sync takes longer. */
  readonly onChange: (source: GraphSourceRef) => void | Promise<void>;
  /** Receives what onChange threw or rejected with, since nobody awaits it. */
  readonly onError?: (error: unknown) => void;
}

/**
 * The notificationUrl endpoint: validation requests first, then change notifications. Each valid
 * notification marks its source changed, once per source per request; the answer is 202 at once.
 */
export const createGraphNotificationHandler = (deps: GraphNotificationHandlerDeps): GraphWebhookHandler => {
  return async (request) => {
    const validation = answerGraphValidationToken(request);
    if (validation) return validation;
    const batch = await readGraphNotificationBatch(request.body, deps.lookupSubscription);
    if (batch.kind === 'malformed') return graphWebhookAnswers.malformed;
    if (batch.verified.length === 0) return graphWebhookAnswers.refused;
    const sources = new Map<string, GraphSourceRef>();
    for (const { subscription } of batch.verified) {
      sources.set(subscription.sourceId, {
        tenantId: subscription.tenantId,
        sourceId: subscription.sourceId,
      });
    }
    for (const source of sources.values()) fireAndForget(() => deps.onChange(source), deps.onError);
    return graphWebhookAnswers.accepted;
  };
};
