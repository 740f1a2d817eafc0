import { fireAndForget } from './graph-fire-and-forget.ts';
import { type GraphSubscriptionLookup, readGraphNotificationBatch } from './graph-notification-batch.ts';
import type { GraphSourceRef } from './graph-notification-handler.ts';
import { answerGraphValidationToken } from './graph-validation-token.ts';
import { type GraphWebhookHandler, graphWebhookAnswers } from './graph-webhook-exchange.ts';

/** The subscription a lifecycle event is about, and the source it feeds. */
export interface GraphLifecycleTarget extends GraphSourceRef {
  readonly subscriptionId: string;
}

type LifecycleCallback = (target: GraphLifecycleTarget) => void | Promise<void>;

export interface GraphLifecycleHandlerDeps {
  readonly lookupSubscription: GraphSubscriptionLookup;
  /** reauthorizationRequired: renew the subscription (a PATCH reauthorizes it too). */
  readonly onReauthorize: LifecycleCallback;
  /** subscriptionRemoved: create a new subscription, then resync what was missed meanwhile. */
  readonly onRemoved: LifecycleCallback;
  /** missed: some change notifications were not delivered; resync. */
  readonly onMissed: LifecycleCallback;
  readonly onError?: (error: unknown) => void;
}

/**
 * The lifecycleNotificationUrl endpoint: validation requests first, then lifecycle notifications
 * routed by `lifecycleEvent`, each callback once per subscription per request, none awaited. Events
 * Graph may add later are acknowledged and ignored.
 */
export const createGraphLifecycleHandler = (deps: GraphLifecycleHandlerDeps): GraphWebhookHandler => {
  const callbacks: Readonly<Record<string, LifecycleCallback>> = {
    reauthorizationRequired: deps.onReauthorize,
    subscriptionRemoved: deps.onRemoved,
    missed: deps.onMissed,
  };
  return async (request) => {
    const validation = answerGraphValidationToken(request);
    if (validation) return validation;
    const batch = await readGraphNotificationBatch(request.body, deps.lookupSubscription);
    if (batch.kind === 'malformed') return graphWebhookAnswers.malformed;
    if (batch.verified.length === 0) return graphWebhookAnswers.refused;
    const calls = new Map<string, () => void | Promise<void>>();
    for (const { notification, subscription } of batch.verified) {
      const event = notification.lifecycleEvent ?? '';
      const callback = Object.hasOwn(callbacks, event) ? callbacks[event] : undefined;
      if (!callback) continue;
      const target: GraphLifecycleTarget = {
        tenantId: subscription.tenantId,
        sourceId: subscription.sourceId,
        subscriptionId: notification.subscriptionId,
      };
      calls.set(`${event} ${notification.subscriptionId}`, () => callback(target));
    }
    for (const call of calls.values()) fireAndForget(call, deps.onError);
    return graphWebhookAnswers.accepted;
  };
};
