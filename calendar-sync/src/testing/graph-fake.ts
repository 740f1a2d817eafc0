import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createTimeZoneResolver } from '@wygc/routing-core';
import { z } from 'zod';
import { createGraphFakeCalendars, type GraphFakeEventInput } from './graph-fake-calendars.ts';
import { createGraphFakeIdentity, type GraphFakeTokenRequest } from './graph-fake-identity.ts';
import { type GraphFakeResponse, graphFakeError } from './graph-fake-response.ts';
import { createGraphFakeTls } from './graph-fake-tls.ts';

export interface GraphFakeOptions {
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Entra tenants the fake knows; the first is `fake.tenantId`. */
  readonly tenants?: readonly string[];
  readonly tokenLifetimeSeconds?: number;
  /** Graph gives a notification endpoint 10 seconds to answer its validation request. */
  readonly validationTimeoutMs?: number;
  readonly maxSubscriptionMinutes?: number;
  /** Events per delta page without `Prefer: odata.maxpagesize`. */
  readonly defaultPageSize?: number;
  readonly now?: () => number;
}

export interface GraphFakeRequest {
  readonly method: string;
  /** Path and query string. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface GraphFakeSubscription {
  readonly id: string;
  readonly tenantId: string;
  readonly resource: string;
  readonly changeType: string;
  readonly notificationUrl: string;
  readonly lifecycleNotificationUrl?: string;
  readonly clientState?: string;
  readonly expirationDateTime: number;
}

export interface GraphFakeFailure {
  readonly status: number;
  readonly retryAfter?: string | number;
  /** The JSON body; by default a Graph error body fitting the status. */
  readonly body?: unknown;
  /** Only requests whose path contains this fail (default "/v1.0/": any Graph call, no token call). */
  readonly path?: string;
}

export type GraphFakeValidation = 'validated' | 'failed' | 'mismatch' | 'timeout';

export interface GraphFakeDelivery {
  readonly status: number;
  readonly body: string;
}

export interface GraphFake {
  /** The Graph API root, like https://graph.microsoft.com/v1.0. */
  readonly baseUrl: string;
  /** The Entra host, like https://login.microsoftonline.com. */
  readonly authorityHost: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tenantId: string;
  /** A fetch that trusts the fake's TLS certificate; give it to the token provider and the adapter. */
  readonly fetch: typeof fetch;
  readonly calendars: {
    create(path: string, details?: { readonly name?: string; readonly tenantId?: string }): void;
    put(path: string, event: GraphFakeEventInput): string;
    remove(path: string, eventId: string): void;
    list(path: string): readonly GraphFakeEventInput[];
  };
  /** Without one, reading the mailbox time zone is refused as for an app without MailboxSettings.Read. */
  setMailboxTimeZone(userId: string, timeZone: string | undefined): void;
  failNext(failure: GraphFakeFailure): void;
  expireDeltaTokens(): void;
  revokeTokens(): void;
  readonly subscriptions: ReadonlyMap<string, GraphFakeSubscription>;
  /** POSTs a change notification for the subscription to its notificationUrl, as Graph does. */
  sendNotification(
    subscriptionId: string,
    options?: { readonly changeType?: string; readonly eventId?: string; readonly clientState?: string },
  ): Promise<GraphFakeDelivery>;
  /** POSTs a lifecycle notification to the lifecycleNotificationUrl; subscriptionRemoved also removes it. */
  sendLifecycle(
    subscriptionId: string,
    lifecycleEvent: 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed',
    options?: { readonly clientState?: string },
  ): Promise<GraphFakeDelivery>;
  /** Graph's endpoint validation: POST url?validationToken=… with an empty body. */
  validateEndpoint(url: string): Promise<GraphFakeValidation>;
  readonly requests: readonly GraphFakeRequest[];
  readonly tokenRequests: readonly GraphFakeTokenRequest[];
  stop(): Promise<void>;
}

const subscriptionRequestSchema = z.object({
  changeType: z.string().regex(/^(created|updated|deleted)(,(created|updated|deleted))*$/),
  notificationUrl: z.url(),
  lifecycleNotificationUrl: z.url().optional(),
  resource: z.string().min(1),
  expirationDateTime: z.iso.datetime({ offset: true, local: false }),
  clientState: z.string().max(128).optional(),
});

const renewalSchema = z.object({ expirationDateTime: z.iso.datetime({ offset: true }) });

const calendarPathPattern = /^users\/[^/]+\/(?:calendar|calendars\/[^/]+)$/;

const defaultErrorCodes: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'InvalidAuthenticationToken',
  403: 'ErrorAccessDenied',
  404: 'ErrorItemNotFound',
  410: 'syncStateNotFound',
  429: 'ApplicationThrottled',
  500: 'InternalServerError',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/** Graph writes DateTimeOffsets with seven fractional digits. */
const graphInstant = (ms: number): string => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 1_000_000) request.destroy(new Error('graph fake: request body too large'));
    });
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });

const writeResponse = (response: ServerResponse, answer: GraphFakeResponse): void => {
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.json !== undefined)
    headers['content-type'] = 'application/json; odata.metadata=minimal; charset=utf-8';
  response.writeHead(answer.status, headers);
  response.end(answer.json === undefined ? undefined : JSON.stringify(answer.json));
};

const isLoopback = (url: URL): boolean => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/**
 * A local Microsoft Graph v1.0 and Entra token endpoint with the documented request and response
 * shapes, over https on 127.0.0.1 with a throwaway certificate: calendars with calendarView delta,
 * mailbox time zones, subscriptions (with Graph's endpoint validation on create), change and lifecycle
 * notifications. One deviation: notification URLs may be plain http on loopback, where Graph wants https.
 */
export const startGraphFake = async (options: GraphFakeOptions = {}): Promise<GraphFake> => {
  const now = options.now ?? Date.now;
  const clientId = options.clientId ?? randomUUID();
  const clientSecret = options.clientSecret ?? `fake~${randomUUID()}`;
  const tenants = options.tenants ?? [randomUUID()];
  const defaultTenant = tenants[0] ?? randomUUID();
  const maxSubscriptionMinutes = options.maxSubscriptionMinutes ?? 4230;
  const validationTimeoutMs = options.validationTimeoutMs ?? 10_000;
  const tls = await createGraphFakeTls();
  const resolveZone = createTimeZoneResolver();
  const identity = createGraphFakeIdentity({
    clientId,
    clientSecret,
    tenants: [defaultTenant, ...tenants.slice(1)],
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
    now,
  });
  let origin = '';
  const baseUrl = () => `${origin}/v1.0`;
  const calendars = createGraphFakeCalendars({ baseUrl, defaultPageSize: options.defaultPageSize ?? 10 });
  const mailboxTimeZones = new Map<string, string>();
  const subscriptions = new Map<string, GraphFakeSubscription>();
  const failures: GraphFakeFailure[] = [];
  const requests: GraphFakeRequest[] = [];

  const failureFor = (pathname: string): GraphFakeResponse | undefined => {
    const index = failures.findIndex((failure) => pathname.includes(failure.path ?? '/v1.0/'));
    const failure = index === -1 ? undefined : failures.splice(index, 1)[0];
    if (!failure) return undefined;
    const headers =
      failure.retryAfter === undefined ? undefined : { 'retry-after': String(failure.retryAfter) };
    if (failure.body !== undefined)
      return { status: failure.status, ...(headers ? { headers } : {}), json: failure.body };
    const code = defaultErrorCodes[failure.status] ?? 'UnknownError';
    return graphFakeError(
      failure.status,
      code,
      `The fake failed this request with ${failure.status}.`,
      headers,
    );
  };

  const liveSubscription = (id: string, tenantId: string): GraphFakeSubscription | undefined => {
    const subscription = subscriptions.get(id);
    if (!subscription || subscription.tenantId !== tenantId) return undefined;
    if (subscription.expirationDateTime <= now()) {
      subscriptions.delete(id);
      return undefined;
    }
    return subscription;
  };

  const subscriptionJson = (subscription: GraphFakeSubscription) => ({
    '@odata.context': `${baseUrl()}/$metadata#subscriptions/$entity`,
    id: subscription.id,
    resource: subscription.resource,
    applicationId: clientId,
    changeType: subscription.changeType,
    clientState: subscription.clientState ?? null,
    notificationUrl: subscription.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: subscription.lifecycleNotificationUrl ?? null,
    expirationDateTime: graphInstant(subscription.expirationDateTime),
    creatorId: randomUUID(),
    includeResourceData: null,
    latestSupportedTlsVersion: 'v1_2',
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
  });

  const expirationProblem = (expiration: number): GraphFakeResponse | undefined => {
    if (expiration <= now()) {
      return graphFakeError(400, 'InvalidRequest', 'Subscription expiration must be in the future.');
    }
    if (expiration > now() + maxSubscriptionMinutes * 60_000) {
      return graphFakeError(
        400,
        'InvalidRequest',
        `Subscription expiration can only be ${maxSubscriptionMinutes} minutes in the future.`,
      );
    }
    return undefined;
  };

  const validateEndpoint = async (url: string): Promise<GraphFakeValidation> => {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const target = new URL(url);
    target.searchParams.append('validationToken', token);
    try {
      const response = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        signal: AbortSignal.timeout(validationTimeoutMs),
      });
      const body = await response.text();
      if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('text/plain'))
        return 'failed';
      return body === token ? 'validated' : 'mismatch';
    } catch (error) {
      return error instanceof DOMException && error.name === 'TimeoutError' ? 'timeout' : 'failed';
    }
  };

  const validationRefusal = (outcome: GraphFakeValidation): GraphFakeResponse | undefined => {
    if (outcome === 'timeout')
      return graphFakeError(400, 'InvalidRequest', 'Subscription validation request timed out.');
    if (outcome === 'mismatch') {
      return graphFakeError(
        400,
        'ValidationError',
        'Subscription validation request failed. Response must exactly match validationToken query parameter.',
      );
    }
    if (outcome === 'failed') {
      return graphFakeError(
        400,
        'ValidationError',
        'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.',
      );
    }
    return undefined;
  };

  const createSubscription = async (tenantId: string, body: string): Promise<GraphFakeResponse> => {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return graphFakeError(400, 'BadRequest', 'Unable to read JSON request payload.');
    }
    const parsed = subscriptionRequestSchema.safeParse(json);
    if (!parsed.success)
      return graphFakeError(400, 'InvalidRequest', 'The subscription request is not valid.');
    const request = parsed.data;
    for (const url of [request.notificationUrl, request.lifecycleNotificationUrl]) {
      if (url !== undefined && new URL(url).protocol !== 'https:' && !isLoopback(new URL(url))) {
        return graphFakeError(400, 'InvalidRequest', 'The notification URL must use the HTTPS protocol.');
      }
    }
    const calendarPath = request.resource.replace(/^\//, '').replace(/\/events$/, '');
    if (!request.resource.endsWith('/events') || !calendars.find(calendarPath, tenantId)) {
      return graphFakeError(404, 'ResourceNotFound', 'The subscription resource was not found.');
    }
    const expiration = Date.parse(request.expirationDateTime);
    const problem = expirationProblem(expiration);
    if (problem) return problem;
    for (const url of [request.notificationUrl, request.lifecycleNotificationUrl]) {
      const refusal = url === undefined ? undefined : validationRefusal(await validateEndpoint(url));
      if (refusal) return refusal;
    }
    const subscription: GraphFakeSubscription = {
      id: randomUUID(),
      tenantId,
      resource: request.resource,
      changeType: request.changeType,
      notificationUrl: request.notificationUrl,
      ...(request.lifecycleNotificationUrl
        ? { lifecycleNotificationUrl: request.lifecycleNotificationUrl }
        : {}),
      ...(request.clientState !== undefined ? { clientState: request.clientState } : {}),
      expirationDateTime: expiration,
    };
    subscriptions.set(subscription.id, subscription);
    return { status: 201, json: subscriptionJson(subscription) };
  };

  const subscriptionRoute = (
    method: string,
    id: string,
    tenantId: string,
    body: string,
  ): GraphFakeResponse => {
    const subscription = liveSubscription(id, tenantId);
    if (!subscription) return graphFakeError(404, 'ResourceNotFound', `The object was not found.`);
    if (method === 'DELETE') {
      subscriptions.delete(id);
      return { status: 204 };
    }
    if (method === 'GET') return { status: 200, json: subscriptionJson(subscription) };
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return graphFakeError(400, 'BadRequest', 'Unable to read JSON request payload.');
    }
    const parsed = renewalSchema.safeParse(json);
    if (method !== 'PATCH' || !parsed.success)
      return graphFakeError(400, 'InvalidRequest', 'Invalid renewal.');
    const expiration = Date.parse(parsed.data.expirationDateTime);
    const problem = expirationProblem(expiration);
    if (problem) return problem;
    const renewed = { ...subscription, expirationDateTime: expiration };
    subscriptions.set(id, renewed);
    return { status: 200, json: subscriptionJson(renewed) };
  };

  const zoneOrUtc = (zone: string | undefined): string => {
    if (!zone) return 'UTC';
    try {
      resolveZone(zone);
      return zone;
    } catch {
      return 'UTC';
    }
  };

  const preferences = (prefer: string | undefined) => {
    const pageSize = /odata\.maxpagesize=(\d+)/.exec(prefer ?? '')?.[1];
    const zone = /outlook\.timezone="([^"]+)"/.exec(prefer ?? '')?.[1];
    return { pageSize: pageSize === undefined ? undefined : Number(pageSize), zone: zoneOrUtc(zone) };
  };

  const graph = async (request: IncomingMessage, url: URL, body: string): Promise<GraphFakeResponse> => {
    const auth = identity.authenticate(request.headers.authorization);
    if ('error' in auth) return graphFakeError(401, 'InvalidAuthenticationToken', auth.error);
    const method = request.method ?? 'GET';
    const path = url.pathname.slice('/v1.0/'.length);
    if (path === 'subscriptions' && method === 'POST') return createSubscription(auth.tenantId, body);
    const subscriptionId = /^subscriptions\/([^/]+)$/.exec(path)?.[1];
    if (subscriptionId)
      return subscriptionRoute(method, decodeURIComponent(subscriptionId), auth.tenantId, body);
    if (method !== 'GET')
      return graphFakeError(405, 'BadRequest', 'The fake does not support this method here.');
    const mailboxUser = /^users\/([^/]+)\/mailboxSettings\/timeZone$/.exec(path)?.[1];
    if (mailboxUser) {
      const zone = mailboxTimeZones.get(mailboxUser);
      if (zone === undefined)
        return graphFakeError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
      return {
        status: 200,
        json: {
          '@odata.context': `${baseUrl()}/$metadata#users('${mailboxUser}')/mailboxSettings/timeZone`,
          value: zone,
        },
      };
    }
    const calendarPath = path.replace(/\/calendarView\/delta$/, '');
    const calendar = calendarPathPattern.test(calendarPath)
      ? calendars.find(calendarPath, auth.tenantId)
      : undefined;
    if (!calendar)
      return graphFakeError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    if (calendarPath === path) return { status: 200, json: calendars.calendarJson(calendar) };
    const prefer = request.headers.prefer;
    const { pageSize, zone } = preferences(Array.isArray(prefer) ? prefer.join(', ') : prefer);
    return calendars.delta(calendarPath, url.searchParams, pageSize, zone);
  };

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readBody(request);
    const url = new URL(request.url ?? '/', origin);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string') headers[name] = value;
    }
    requests.push({ method: request.method ?? 'GET', url: `${url.pathname}${url.search}`, headers });
    const answer =
      failureFor(url.pathname) ??
      identity.handle(request.method ?? 'GET', origin, url.pathname, body) ??
      (url.pathname.startsWith('/v1.0/')
        ? await graph(request, url, body)
        : graphFakeError(404, 'NotFound', 'The fake has nothing at this path.'));
    writeResponse(response, answer);
  };

  const server = createServer({ key: tls.key, cert: tls.cert }, (request, response) => {
    route(request, response).catch((error: unknown) => {
      writeResponse(response, graphFakeError(500, 'InternalServerError', String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const deliver = async (url: string, payload: unknown): Promise<GraphFakeDelivery> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(validationTimeoutMs),
    });
    return { status: response.status, body: await response.text() };
  };

  const subscriptionOf = (id: string): GraphFakeSubscription => {
    const subscription = subscriptions.get(id);
    if (!subscription) throw new Error(`graph fake: no subscription ${id}`);
    return subscription;
  };

  return {
    baseUrl: baseUrl(),
    authorityHost: origin,
    clientId,
    clientSecret,
    tenantId: defaultTenant,
    fetch: tls.fetch,
    calendars: {
      create: (path, details) =>
        calendars.create(path, { ...details, tenantId: details?.tenantId ?? defaultTenant }),
      put: calendars.put,
      remove: calendars.remove,
      list: calendars.list,
    },
    setMailboxTimeZone: (userId, timeZone) => {
      if (timeZone === undefined) mailboxTimeZones.delete(userId);
      else mailboxTimeZones.set(userId, timeZone);
    },
    failNext: (failure) => {
      failures.push(failure);
    },
    expireDeltaTokens: calendars.expireTokens,
    revokeTokens: identity.revokeTokens,
    subscriptions,
    sendNotification: (subscriptionId, notification = {}) => {
      const subscription = subscriptionOf(subscriptionId);
      const userId = /^\/?users\/([^/]+)\//.exec(subscription.resource)?.[1] ?? 'unknown';
      const eventId = notification.eventId ?? 'AAMkADunknown=';
      const resource = `Users/${userId}/Events/${eventId}`;
      return deliver(subscription.notificationUrl, {
        value: [
          {
            subscriptionId,
            subscriptionExpirationDateTime: graphInstant(subscription.expirationDateTime),
            changeType: notification.changeType ?? 'updated',
            resource,
            resourceData: {
              '@odata.type': '#Microsoft.Graph.Event',
              '@odata.id': resource,
              '@odata.etag': 'W/"DwAAABYAAAB7DuQyHb5TRq9wZgRZ8PDSAAAIFjNq"',
              id: eventId,
            },
            clientState: notification.clientState ?? subscription.clientState ?? null,
            tenantId: subscription.tenantId,
          },
        ],
      });
    },
    sendLifecycle: async (subscriptionId, lifecycleEvent, lifecycle = {}) => {
      const subscription = subscriptionOf(subscriptionId);
      if (!subscription.lifecycleNotificationUrl)
        throw new Error('graph fake: the subscription has no lifecycle URL');
      if (lifecycleEvent === 'subscriptionRemoved') subscriptions.delete(subscriptionId);
      return deliver(subscription.lifecycleNotificationUrl, {
        value: [
          {
            subscriptionId,
            subscriptionExpirationDateTime: graphInstant(subscription.expirationDateTime),
            tenantId: subscription.tenantId,
            clientState: lifecycle.clientState ?? subscription.clientState ?? null,
            lifecycleEvent,
          },
        ],
      });
    },
    validateEndpoint,
    requests,
    tokenRequests: identity.tokenRequests,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await tls.close();
    },
  };
};
