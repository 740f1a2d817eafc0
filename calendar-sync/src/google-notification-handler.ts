import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * The headers of a Google Calendar push notification (the body is empty). The channel token is only
 * "present if defined", but we always define one, so its absence is answered like a wrong token.
 */
export const googleNotificationHeadersSchema = z.object({
  'x-goog-channel-id': z.string().min(1).max(64),
  'x-goog-channel-token': z.string().min(1).optional(),
  'x-goog-channel-expiration': z.string().optional(),
  'x-goog-resource-id': z.string().min(1),
  'x-goog-resource-uri': z.string().min(1),
  'x-goog-resource-state': z.enum(['sync', 'exists', 'not_exists']),
  'x-goog-message-number': z.string().regex(/^\d+$/),
});

/** What the store knows about a channel we created with events.watch. */
export interface GoogleChannelRegistration {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly secret: string;
  readonly resourceId?: string;
}

export interface GoogleCalendarChange {
  readonly tenantId: string;
  readonly sourceId: string;
  readonly receivedAt: number;
}

export type IncomingHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface GoogleNotificationHandlerOptions {
  readonly lookupChannel: (
    channelId: string,
  ) => GoogleChannelRegistration | undefined | Promise<GoogleChannelRegistration | undefined>;
  /** Queues a sync of the source; not awaited, so Google gets its answer at once. */
  readonly onChange: (change: GoogleCalendarChange) => void | Promise<void>;
  /** Hears failures of lookupChannel and onChange, which Google must not see in detail. */
  readonly onError?: (error: unknown) => void;
  readonly clock?: () => number;
}

export type GoogleNotificationHandler = (headers: IncomingHeaders) => Promise<{ readonly status: number }>;

/** Header names are case-insensitive; a header sent twice becomes a list, which the schema rejects. */
const normalise = (headers: IncomingHeaders): Record<string, unknown> => {
  const normalised: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const previous = normalised[key];
    normalised[key] = previous === undefined ? value : [previous, value].flat();
  }
  return normalised;
};

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Hashing first gives timingSafeEqual the equal-length inputs it needs without leaking the length. */
const tokenMatches = (token: string | undefined, secret: string): boolean =>
  token !== undefined && timingSafeEqual(digest(token), digest(secret));

const defaultOnError = (error: unknown): void => {
  console.error('Google notification: the change could not be handled', error);
};

/**
 * Handles a Google Calendar push notification from its headers and answers with the HTTP status:
 *
 * - 200: a valid notification. `sync` (sent once when a channel is created) is only acknowledged;
 *   `exists` / `not_exists` queue a sync of the source through onChange, which is not awaited.
 * - 400: headers missing or malformed. 401: the channel token is missing or wrong.
 * - 404: no channel with this id, or the channel watches another resource.
 * - 500: the channel lookup or the queueing failed.
 *
 * Google counts 200, 201, 202, 204 and 102 as success, retries 500, 502, 503 and 504 with exponential
 * backoff, and treats every other status as a failed message without retrying it. So a notification
 * for a channel we do not know (e.g. one left running after a source was removed) gets 404 and is not
 * sent again, while a failure on our side gets 500 so that Google tries again. Nothing that fails a
 * check reaches onChange.
 */
export const createGoogleNotificationHandler = (
  options: GoogleNotificationHandlerOptions,
): GoogleNotificationHandler => {
  const clock = options.clock ?? Date.now;
  const onError = options.onError ?? defaultOnError;

  const queue = (change: GoogleCalendarChange): number => {
    try {
      Promise.resolve(options.onChange(change)).catch(onError);
      return 200;
    } catch (error) {
      onError(error);
      return 500;
    }
  };

  return async (headers) => {
    const parsed = googleNotificationHeadersSchema.safeParse(normalise(headers));
    if (!parsed.success) return { status: 400 };
    const notification = parsed.data;
    let channel: GoogleChannelRegistration | undefined;
    try {
      channel = await options.lookupChannel(notification['x-goog-channel-id']);
    } catch (error) {
      onError(error);
      return { status: 500 };
    }
    if (channel === undefined) return { status: 404 };
    if (!tokenMatches(notification['x-goog-channel-token'], channel.secret)) return { status: 401 };
    if (channel.resourceId !== undefined && channel.resourceId !== notification['x-goog-resource-id']) {
      return { status: 404 };
    }
    if (notification['x-goog-resource-state'] === 'sync') return { status: 200 };
    return { status: queue({ tenantId: channel.tenantId, sourceId: channel.sourceId, receivedAt: clock() }) };
  };
};
