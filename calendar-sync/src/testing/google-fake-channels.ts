import { z } from 'zod';
import { type GoogleFakeResponse, googleApiError } from './google-fake-responses.ts';

export type GoogleResourceState = 'sync' | 'exists' | 'not_exists';

export interface GoogleFakeChannel {
  readonly id: string;
  readonly calendarId: string;
  readonly type: string;
  readonly address: string;
  readonly token?: string;
  readonly params?: Readonly<Record<string, string>>;
  readonly resourceId: string;
  readonly resourceUri: string;
  /** Epoch milliseconds. */
  readonly expiration: number;
}

export interface GoogleFakeChannelOptions {
  readonly clock: () => number;
  /** Lifetime when the watch asks for none. */
  readonly defaultTtlSeconds: number;
  /** The most the fake grants, whatever the watch asks for. */
  readonly maxTtlSeconds: number;
}

export interface GoogleFakeChannels {
  readonly list: readonly GoogleFakeChannel[];
  /** POST calendars/{calendarId}/events/watch. */
  watch(calendarId: string, body: unknown, resource: { id: string; uri: string }): GoogleFakeResponse;
  /** POST channels/stop. */
  stop(body: unknown): GoogleFakeResponse;
  /** Delivers a notification to the channel's address, as Google does; resolves with the receiver's status. */
  notify(channelId: string, state: GoogleResourceState): Promise<{ status: number }>;
}

const watchBodySchema = z
  .object({
    id: z.string().min(1).max(64),
    type: z.enum(['web_hook', 'webhook']),
    address: z.url(),
    token: z.string().max(256).optional(),
    expiration: z.union([z.number(), z.string().regex(/^\d+$/)]).optional(),
    params: z.record(z.string(), z.string()).optional(),
  })
  .loose();

const stopBodySchema = z.object({ id: z.string().min(1), resourceId: z.string().min(1) }).loose();

const loopbackHosts: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Google only calls HTTPS addresses; the fake also calls loopback HTTP so tests can receive notifications. */
const deliverable = (address: string): boolean => {
  const url = new URL(address);
  return url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(url.hostname));
};

export const createGoogleFakeChannels = (options: GoogleFakeChannelOptions): GoogleFakeChannels => {
  const channels = new Map<string, GoogleFakeChannel>();
  const messageNumbers = new Map<string, number>();

  const expirationOf = (body: z.infer<typeof watchBodySchema>): number => {
    const ttl = Number(body.params?.ttl ?? options.defaultTtlSeconds);
    const granted = options.clock() + Math.min(ttl, options.maxTtlSeconds) * 1000;
    return body.expiration === undefined ? granted : Math.min(Number(body.expiration), granted);
  };

  return {
    get list() {
      return [...channels.values()];
    },
    watch: (calendarId, body, resource) => {
      const parsed = watchBodySchema.safeParse(body);
      if (!parsed.success) return googleApiError(400, 'required', 'Required');
      const request = parsed.data;
      if (!deliverable(request.address)) {
        return googleApiError(
          400,
          'push.webhookUrlNotHttps',
          `WebHook callback must be HTTPS: ${request.address}`,
        );
      }
      if (channels.has(request.id)) return googleApiError(400, 'channelIdNotUnique', 'Channel id not unique');
      const channel: GoogleFakeChannel = {
        id: request.id,
        calendarId,
        type: request.type,
        address: request.address,
        ...(request.token !== undefined ? { token: request.token } : {}),
        ...(request.params !== undefined ? { params: request.params } : {}),
        resourceId: resource.id,
        resourceUri: resource.uri,
        expiration: expirationOf(request),
      };
      channels.set(channel.id, channel);
      return {
        status: 200,
        body: {
          kind: 'api#channel',
          id: channel.id,
          resourceId: channel.resourceId,
          resourceUri: channel.resourceUri,
          ...(channel.token !== undefined ? { token: channel.token } : {}),
          expiration: String(channel.expiration),
        },
      };
    },
    stop: (body) => {
      const parsed = stopBodySchema.safeParse(body);
      if (!parsed.success) return googleApiError(400, 'required', 'Required');
      const channel = channels.get(parsed.data.id);
      if (channel?.resourceId !== parsed.data.resourceId) {
        return googleApiError(404, 'notFound', `Channel '${parsed.data.id}' not found for project 'fake'`);
      }
      channels.delete(parsed.data.id);
      return { status: 204 };
    },
    notify: async (channelId, state) => {
      const channel = channels.get(channelId);
      if (!channel) throw new Error(`fake channel ${channelId} does not exist`);
      // "Always 1 for sync messages"; later messages only ever increase.
      const messageNumber = state === 'sync' ? 1 : (messageNumbers.get(channelId) ?? 1) + 1;
      messageNumbers.set(channelId, messageNumber);
      const response = await fetch(channel.address, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'X-Goog-Channel-ID': channel.id,
          ...(channel.token !== undefined ? { 'X-Goog-Channel-Token': channel.token } : {}),
          'X-Goog-Channel-Expiration': new Date(channel.expiration).toUTCString(),
          'X-Goog-Resource-ID': channel.resourceId,
          'X-Goog-Resource-URI': channel.resourceUri,
          'X-Goog-Resource-State': state,
          'X-Goog-Message-Number': String(messageNumber),
        },
      });
      await response.body?.cancel();
      return { status: response.status };
    },
  };
};
