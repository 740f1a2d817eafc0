import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGoogleFakeAuth, type GoogleFakeAuth } from './google-fake-auth.ts';
import { createGoogleFakeCalendars, type GoogleFakeCalendars } from './google-fake-calendars.ts';
import {
  createGoogleFakeChannels,
  type GoogleFakeChannel,
  type GoogleResourceState,
} from './google-fake-channels.ts';
import { defaultFailure, type GoogleFakeResponse, googleApiError } from './google-fake-responses.ts';

export interface GoogleCalendarFakeOptions {
  readonly clock?: () => number;
  /** Channel lifetime when events.watch asks for none; one week unless set. */
  readonly defaultChannelTtlSeconds?: number;
  /** The longest channel lifetime granted; 30 days unless set. */
  readonly maxChannelTtlSeconds?: number;
}

/** A canned answer for the next Calendar API request (not the token endpoint). */
export interface GoogleFakeFailure {
  readonly status: number;
  /** Sent as the Retry-After header. */
  readonly retryAfter?: string;
  /** Google's documented error body for the status unless set; any JSON, also for a status of 200. */
  readonly body?: unknown;
}

export interface GoogleFakeRequest {
  readonly method: string;
  /** Decoded path, e.g. "/calendar/v3/calendars/team@example.com/events". */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON, or the fields of a form body. */
  readonly body: unknown;
  /** The user or service account the bearer token was issued to. */
  readonly principal?: string;
  readonly status: number;
  readonly responseBody: unknown;
}

export interface GoogleCalendarFake {
  /** For google.calendar({ rootUrl }). */
  readonly rootUrl: string;
  /** Serves POST /token like https://oauth2.googleapis.com/token. */
  readonly tokenUrl: string;
  readonly calendars: GoogleFakeCalendars;
  readonly auth: GoogleFakeAuth;
  /** Every request so far, oldest first. */
  readonly requests: readonly GoogleFakeRequest[];
  readonly watchChannels: readonly GoogleFakeChannel[];
  /** Queues a canned answer; several calls answer several requests in order. */
  failNext(failure: GoogleFakeFailure): void;
  invalidateSyncTokens(): void;
  /** POSTs a push notification with Google's headers to the channel's address. */
  notify(channelId: string, state: GoogleResourceState): Promise<{ status: number }>;
  stop(): Promise<void>;
}

interface ParsedRequest {
  readonly method: string;
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

const readBody = async (request: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams(text);
  if (!type.startsWith('application/json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const send = (response: ServerResponse, answer: GoogleFakeResponse): void => {
  const json = answer.body === undefined ? undefined : JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    ...(json !== undefined ? { 'content-type': 'application/json; charset=UTF-8' } : {}),
    ...answer.headers,
  });
  response.end(json);
};

/** Missing and bad bearer tokens get the two 401 bodies Google sends. */
const unauthenticated = (authorization: string | undefined): GoogleFakeResponse => ({
  ...(authorization === undefined
    ? googleApiError(401, 'required', 'Login Required.')
    : googleApiError(401, 'authError', 'Invalid Credentials')),
  headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
});

/**
 * A local stand-in for the Google Calendar API v3 and Google's OAuth token endpoint, for tests. It
 * implements what the adapter calls, with the documented request and response shapes: POST /token
 * (refresh-token and JWT-bearer grants), calendars.get, events.get (stored events and instances of
 * series), events.list (pages, sync tokens, 410),
 * events.watch, channels.stop, and push notifications to a channel's address.
 */
export const startGoogleCalendarFake = async (
  options: GoogleCalendarFakeOptions = {},
): Promise<GoogleCalendarFake> => {
  const clock = options.clock ?? Date.now;
  const auth = createGoogleFakeAuth(clock);
  const calendars = createGoogleFakeCalendars(clock);
  const channels = createGoogleFakeChannels({
    clock,
    defaultTtlSeconds: options.defaultChannelTtlSeconds ?? 604_800,
    maxTtlSeconds: options.maxChannelTtlSeconds ?? 2_592_000,
  });
  const requests: GoogleFakeRequest[] = [];
  const failures: GoogleFakeFailure[] = [];
  let rootUrl = '';

  const resourceOf = (calendarId: string) => ({
    id: calendars.resourceIdOf(calendarId) ?? '',
    uri: `${rootUrl}calendar/v3/calendars/${encodeURIComponent(calendarId)}/events?alt=json`,
  });

  const calendarApi = (request: ParsedRequest): GoogleFakeResponse => {
    const [collection, id, ...rest] = request.segments;
    const target = `${request.method} ${rest.join('/')}`;
    if (collection === 'calendars' && id !== undefined) {
      if (target === 'GET ') return calendars.getCalendar(id);
      if (target === 'GET events') return calendars.listEvents(id, request.query);
      if (request.method === 'GET' && rest.length === 2 && rest[0] === 'events')
        return calendars.getEvent(id, rest[1] ?? '', request.query);
      if (target === 'POST events/watch' && calendars.has(id))
        return channels.watch(id, request.body, resourceOf(id));
    }
    if (collection === 'channels' && id === 'stop' && target === 'POST ') return channels.stop(request.body);
    return googleApiError(404, 'notFound', 'Not Found');
  };

  const answer = (request: ParsedRequest, principal: string | undefined): GoogleFakeResponse => {
    const authorization = request.headers.authorization;
    if (request.method === 'POST' && request.segments.join('/') === 'token') {
      const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
      return auth.token(form, authorization);
    }
    if (request.segments[0] !== 'calendar' || request.segments[1] !== 'v3') {
      return googleApiError(404, 'notFound', 'Not Found');
    }
    if (principal === undefined) return unauthenticated(authorization);
    const failure = failures.shift();
    if (failure) {
      return {
        status: failure.status,
        body: failure.body ?? defaultFailure(failure.status).body,
        ...(failure.retryAfter !== undefined ? { headers: { 'retry-after': failure.retryAfter } } : {}),
      };
    }
    return calendarApi({ ...request, segments: request.segments.slice(2) });
  };

  const handle = async (incoming: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(incoming.url ?? '/', 'http://fake');
    const body = await readBody(incoming);
    const request: ParsedRequest = {
      method: incoming.method ?? 'GET',
      segments: url.pathname.split('/').slice(1).map(decodeURIComponent),
      query: url.searchParams,
      headers: incoming.headers,
      body,
    };
    const principal = auth.principalOf(incoming.headers.authorization);
    const result = answer(request, principal);
    requests.push({
      method: request.method,
      path: `/${request.segments.join('/')}`,
      query: Object.fromEntries(url.searchParams),
      headers: incoming.headers,
      body: body instanceof URLSearchParams ? Object.fromEntries(body) : body,
      ...(principal !== undefined ? { principal } : {}),
      status: result.status,
      responseBody: result.body,
    });
    send(response, result);
  };

  const server = createServer((incoming, response) => {
    handle(incoming, response).catch((error: unknown) => {
      send(response, googleApiError(500, 'backendError', `fake failure: ${String(error)}`));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  rootUrl = `http://127.0.0.1:${port}/`;

  return {
    rootUrl,
    tokenUrl: `${rootUrl}token`,
    calendars,
    auth,
    requests,
    get watchChannels() {
      return channels.list;
    },
    failNext: (failure) => void failures.push(failure),
    invalidateSyncTokens: () => calendars.invalidateSyncTokens(),
    notify: (channelId, state) => channels.notify(channelId, state),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
};
