import {
  createGoogleNotificationHandler,
  createGraphLifecycleHandler,
  createGraphNotificationHandler,
  type GraphLifecycleTarget,
  type GraphWebhookHandler,
  type GraphWebhookRequest,
  type PushEndpoints,
  type SyncJobQueue,
} from '@wygc/calendar-sync';
import type {
  CalendarProvider,
  CalendarSource,
  CalendarSourceAdapter,
  PushChannel,
  Store,
  TenantStore,
} from '@wygc/routing-core';
import { isStoreError } from '@wygc/store';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import { createRecentLookups } from './recent-lookups.ts';

export interface WebhookRoutesDeps {
  readonly store: Store;
  readonly adapters: Partial<Record<CalendarProvider, CalendarSourceAdapter>>;
  readonly queue: SyncJobQueue;
  /**
   * Our public webhook URLs, as the scheduler uses them; without the Graph ones a removed subscription
   * is not recreated and the calendar is polled instead.
   */
  readonly push: PushEndpoints;
  readonly logger: Logger;
  readonly clock?: () => number;
  /** Lifetime asked for when a Graph subscription is renewed or recreated; Graph grants at most its maximum. */
  readonly channelTtlSeconds?: number;
}

interface ChannelOwner {
  readonly tenant: TenantStore;
  readonly source: CalendarSource;
  readonly channel: PushChannel;
}

const defaultChannelTtlSeconds = 7 * 24 * 3600;
/**
 * How long a verified channel owner is remembered. A change can bring a burst of notifications, and each
 * would otherwise read (and audit) the source. A channel removed meanwhile may still queue a sync for a
 * minute, which finds no source and does nothing.
 */
const ownerMemoryMs = 60_000;
/** Graph's notification collections hold at most 1000 small items; anything far larger is not Graph. */
const maxGraphBodyBytes = 1024 * 1024;

const errorCode = (error: unknown): string => (error as { code?: string } | undefined)?.code ?? 'error';

/** Decoded query values, several values of one name as a list (which the handlers refuse). */
const queryOf = (url: string): Record<string, string | string[]> => {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URL(url).searchParams) {
    const previous = query[name];
    query[name] = previous === undefined ? value : [previous, value].flat();
  }
  return query;
};

/**
 * The provider push endpoints (DESIGN §5), outside the session-authenticated API: each request proves
 * itself with its channel's secret. They answer at once and only queue syncs (Graph wants an answer
 * within 3 seconds); nothing here awaits a sync.
 */
export const createWebhookRoutes = (deps: WebhookRoutesDeps) => {
  const ttlSeconds = deps.channelTtlSeconds ?? defaultChannelTtlSeconds;
  const log = deps.logger.child({ part: 'webhooks' });
  const onError = (error: unknown) =>
    log.error({ err: errorCode(error) }, 'calendar notification could not be handled');
  const enqueue = (ref: { tenantId: string; sourceId: string }) =>
    deps.queue.enqueue({ tenantId: ref.tenantId, sourceId: ref.sourceId });

  /** The source that owns a channel of this provider, if the channel is still its current one. */
  const ownerOf = async (
    channelId: string,
    provider: CalendarProvider,
  ): Promise<ChannelOwner | undefined> => {
    const ref = await deps.store.lookups.sourceByChannel(channelId);
    if (!ref) return undefined;
    const tenant = deps.store.forTenant(ref.tenantId, { actor: `calendar:${ref.sourceId}` });
    try {
      const source = await tenant.sources.get(ref.sourceId);
      const channel = source?.channel;
      if (!source || !channel || source.provider !== provider || channel.id !== channelId) return undefined;
      return { tenant, source, channel };
    } catch (error) {
      // A terminated tenant's channels are strangers now: 4xx, so the provider stops retrying.
      if (isStoreError(error) && (error.code === 'NOT_FOUND' || error.code === 'TENANT_TERMINATED'))
        return undefined;
      throw error;
    }
  };

  const clock = deps.clock ?? Date.now;
  const googleChannels = createRecentLookups<{
    tenantId: string;
    sourceId: string;
    secret: string;
    resourceId?: string;
  }>({ clock, ttlMs: ownerMemoryMs });
  const graphSubscriptions = createRecentLookups<{ tenantId: string; sourceId: string; clientState: string }>(
    { clock, ttlMs: ownerMemoryMs },
  );

  const google = createGoogleNotificationHandler({
    lookupChannel: (channelId) =>
      googleChannels.get(channelId, async () => {
        const owner = await ownerOf(channelId, 'google');
        if (!owner) return undefined;
        const { resourceId } = owner.channel;
        return {
          tenantId: owner.tenant.tenantId,
          sourceId: owner.source.id,
          secret: owner.channel.secret,
          ...(resourceId === undefined ? {} : { resourceId }),
        };
      }),
    onChange: enqueue,
    onError,
    clock,
  });

  const lookupSubscription = (subscriptionId: string) =>
    graphSubscriptions.get(subscriptionId, async () => {
      const owner = await ownerOf(subscriptionId, 'microsoft');
      return (
        owner && {
          tenantId: owner.tenant.tenantId,
          sourceId: owner.source.id,
          clientState: owner.channel.secret,
        }
      );
    });

  /**
   * A new subscription, then a resync for what happened without one. When none can be made, the
   * channel is dropped: the scheduler then polls the calendar and tries a new subscription daily.
   */
  const recreate = async (owner: ChannelOwner): Promise<void> => {
    const adapter = deps.adapters.microsoft;
    const notificationUrl = deps.push.microsoft;
    const ref = { tenantId: owner.tenant.tenantId, sourceId: owner.source.id };
    try {
      if (!adapter?.startPush || !notificationUrl) throw new Error('push is not configured');
      const channel = await adapter.startPush(owner.source, {
        notificationUrl,
        ttlSeconds,
        ...(deps.push.microsoftLifecycle ? { lifecycleUrl: deps.push.microsoftLifecycle } : {}),
      });
      await owner.tenant.sources.update(owner.source.id, { channel });
    } catch (error) {
      log.warn(
        { ...ref, err: errorCode(error) },
        'Graph subscription could not be recreated; polling instead',
      );
      await owner.tenant.sources.update(owner.source.id, { clearChannel: true });
    }
    await enqueue(ref);
  };

  /** Lifecycle events name a subscription; one we replaced meanwhile is ignored. */
  const lifecycle =
    (handle: (owner: ChannelOwner) => Promise<void>) => async (target: GraphLifecycleTarget) => {
      const owner = await ownerOf(target.subscriptionId, 'microsoft');
      if (owner && owner.source.id === target.sourceId) {
        graphSubscriptions.forget(target.subscriptionId);
        await handle(owner);
      }
    };

  const graph = createGraphNotificationHandler({ lookupSubscription, onChange: enqueue, onError });
  const graphLifecycle = createGraphLifecycleHandler({
    lookupSubscription,
    onReauthorize: lifecycle(async (owner) => {
      const adapter = deps.adapters.microsoft;
      try {
        if (!adapter?.renewPush) throw new Error('renewal is not configured');
        // A renewal (PATCH) is also what reauthorizes the subscription.
        const channel = await adapter.renewPush(owner.source, ttlSeconds);
        await owner.tenant.sources.update(owner.source.id, { channel });
      } catch (error) {
        log.warn({ sourceId: owner.source.id, err: errorCode(error) }, 'Graph subscription renewal failed');
        await recreate(owner);
      }
    }),
    onRemoved: lifecycle(recreate),
    onMissed: (target) => enqueue(target),
    onError,
  });

  const answerGraph = (handler: GraphWebhookHandler) => async (c: Context) => {
    const query = queryOf(c.req.url);
    // Graph's validation request (empty body, any content type) is answered before anything else is read.
    const request: GraphWebhookRequest =
      query.validationToken !== undefined
        ? { query, headers: {}, body: '' }
        : { query, headers: c.req.header(), body: await c.req.text() };
    const answer = await handler(request);
    if (answer.contentType !== undefined) c.header('content-type', answer.contentType);
    return answer.body === undefined
      ? c.body(null, answer.status as ContentfulStatusCode)
      : c.body(answer.body, answer.status as ContentfulStatusCode);
  };

  const app = new Hono();
  app.use('/webhooks/graph', bodyLimit({ maxSize: maxGraphBodyBytes, onError: (c) => c.body(null, 413) }));
  app.use('/webhooks/graph/*', bodyLimit({ maxSize: maxGraphBodyBytes, onError: (c) => c.body(null, 413) }));

  // Google's notifications are headers only; the body is empty and never read.
  app.post('/webhooks/google', async (c) => {
    const { status } = await google(c.req.header());
    return c.body(null, status as ContentfulStatusCode);
  });
  app.post('/webhooks/graph', answerGraph(graph));
  app.post('/webhooks/graph/lifecycle', answerGraph(graphLifecycle));

  // Providers only need the status; details stay in our log.
  app.onError((error, c) => {
    onError(error);
    return c.body(null, 500);
  });
  return app;
};
