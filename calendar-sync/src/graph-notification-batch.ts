import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What we stored when the subscription was created; `clientState` is the channel secret. */
export interface GraphSubscriptionRecord {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly clientState: string;
}

export type GraphSubscriptionLookup = (
  subscriptionId: string,
) => Promise<GraphSubscriptionRecord | undefined>;

/** One change or lifecycle notification from a changeNotificationCollection. */
export const graphNotificationSchema = z.looseObject({
  subscriptionId: z.string().min(1).max(200),
  clientState: z.string().nullish(),
  changeType: z.string().optional(),
  resource: z.string().optional(),
  lifecycleEvent: z.string().optional(),
  tenantId: z.string().optional(),
  subscriptionExpirationDateTime: z.string().optional(),
});

export const graphNotificationCollectionSchema = z.looseObject({
  value: z.array(graphNotificationSchema).min(1).max(1000),
});

export type GraphNotification = z.infer<typeof graphNotificationSchema>;

export interface VerifiedGraphNotification {
  readonly notification: GraphNotification;
  readonly subscription: GraphSubscriptionRecord;
}

export type GraphNotificationBatch =
  | { readonly kind: 'malformed' }
  | { readonly kind: 'read'; readonly verified: readonly VerifiedGraphNotification[] };

/** Compared as digests, so neither the length nor the content of the secret leaks through timing. */
const sameSecret = (received: string, expected: string): boolean =>
  timingSafeEqual(
    createHash('sha256').update(received).digest(),
    createHash('sha256').update(expected).digest(),
  );

const parseBody = (body: string): z.infer<typeof graphNotificationCollectionSchema> | undefined => {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = graphNotificationCollectionSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
};

/**
 * Reads a notification POST and keeps the notifications that belong to a subscription we know and
 * carry its clientState. Unknown subscriptions and wrong secrets are dropped without a trace.
 */
export const readGraphNotificationBatch = async (
  body: string,
  lookupSubscription: GraphSubscriptionLookup,
): Promise<GraphNotificationBatch> => {
  const collection = parseBody(body);
  if (!collection) return { kind: 'malformed' };
  // One lookup per subscription, all at once: Graph wants an answer within 3 seconds.
  const ids = [...new Set(collection.value.map((notification) => notification.subscriptionId))];
  const records = new Map(
    await Promise.all(ids.map(async (id) => [id, await lookupSubscription(id)] as const)),
  );
  const verified: VerifiedGraphNotification[] = [];
  for (const notification of collection.value) {
    const subscription = records.get(notification.subscriptionId);
    if (subscription && sameSecret(notification.clientState ?? '', subscription.clientState)) {
      verified.push({ notification, subscription });
    }
  }
  return { kind: 'read', verified };
};
