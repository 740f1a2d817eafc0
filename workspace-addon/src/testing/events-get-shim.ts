import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GoogleCalendarFake } from '@wygc/calendar-sync/testing/google';

/** Test support only, never exported from index.ts. */

export interface EventsGetShim {
  /** Use as the add-on's calendarApiRootUrl. */
  readonly rootUrl: string;
  /** The events.get requests served, with the bearer token they carried. */
  readonly requests: readonly {
    readonly calendarId: string;
    readonly eventId: string;
    readonly bearer: string;
  }[];
  close(): Promise<void>;
}

const eventPath = /^\/calendar\/v3\/calendars\/([^/]+)\/events\/([^/]+)$/;

const send = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body));
};

/**
 * calendar-sync's Google fake serves events.list but not events.get, which the add-on calls. This shim
 * answers GET calendars/{calendarId}/events/{eventId} from the fake's own calendars, after the fake has
 * accepted the same bearer token (calendars.get with it), so token checks stay the fake's. Once the fake
 * serves events.get itself, point the add-on at fake.rootUrl and drop this file.
 */
export const startEventsGetShim = async (fake: GoogleCalendarFake): Promise<EventsGetShim> => {
  const requests: { calendarId: string; eventId: string; bearer: string }[] = [];
  const handle = async (incoming: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(incoming.url ?? '/', 'http://shim');
    const match = eventPath.exec(url.pathname);
    if (incoming.method !== 'GET' || !match?.[1] || !match[2]) {
      send(response, 404, { error: { code: 404, message: 'Not Found' } });
      return;
    }
    const calendarId = decodeURIComponent(match[1]);
    const eventId = decodeURIComponent(match[2]);
    const authorization = incoming.headers.authorization ?? '';
    requests.push({ calendarId, eventId, bearer: authorization.replace(/^Bearer /, '') });
    const check = await fetch(
      new URL(`calendar/v3/calendars/${encodeURIComponent(calendarId)}`, fake.rootUrl),
      {
        headers: authorization ? { authorization } : {},
      },
    );
    if (check.status !== 200) {
      send(response, check.status, await check.json());
      return;
    }
    const found = fake.calendars.get(calendarId, eventId);
    if (!found) {
      send(response, 404, {
        error: {
          code: 404,
          message: 'Not Found',
          errors: [{ domain: 'global', reason: 'notFound', message: 'Not Found' }],
        },
      });
      return;
    }
    send(response, 200, found);
  };
  const server = createServer((incoming, response) => {
    handle(incoming, response).catch((error: unknown) =>
      send(response, 500, { error: { message: String(error) } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    rootUrl: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
