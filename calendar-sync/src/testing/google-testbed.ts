import type { CalendarSource, CalendarSourceAdapter } from '@wygc/routing-core';
import { createGoogleAuth, type GoogleAuthConfig } from '../google-auth.ts';
import { createGoogleCalendarAdapter } from '../google-calendar-adapter.ts';
import {
  type GoogleCalendarFake,
  type GoogleFakeRequest,
  startGoogleCalendarFake,
} from './google-calendar-fake.ts';
import type { GoogleFakeEventInput } from './google-fake-calendars.ts';

/** Test fixtures only: never exported from index.ts. */

export const testCalendarId = 'storingsdienst@group.calendar.google.com';
export const testOAuthClient = {
  clientId: 'wygc-app.apps.googleusercontent.com',
  clientSecret: 'app-secret',
};
export const testRefreshToken = '1//refresh-token-of-the-planner';
export const testUser = 'planner@example.com';

export interface GoogleTestbed {
  readonly fake: GoogleCalendarFake;
  /** An adapter whose OAuth client the fake knows. */
  readonly adapter: (options?: {
    maxResults?: number;
    auth?: Omit<GoogleAuthConfig, 'tokenUrl'>;
  }) => CalendarSourceAdapter;
  /** A Google source for the test calendar, connected by the planner's consent. */
  readonly source: (patch?: Partial<CalendarSource>) => CalendarSource;
  /** The fake's events.list requests for the test calendar. */
  readonly listRequests: () => GoogleFakeRequest[];
}

/** A fake with the app's OAuth client, the planner's refresh token and an empty "Storingsdienst" calendar. */
export const startGoogleTestbed = async (options: { clock?: () => number } = {}): Promise<GoogleTestbed> => {
  const fake = await startGoogleCalendarFake(options.clock ? { clock: options.clock } : {});
  fake.auth.addOAuthClient(testOAuthClient);
  fake.auth.addRefreshToken({
    refreshToken: testRefreshToken,
    clientId: testOAuthClient.clientId,
    user: testUser,
  });
  fake.calendars.create(testCalendarId, { summary: 'Storingsdienst', timeZone: 'Europe/Amsterdam' });
  const eventsPath = `/calendar/v3/calendars/${testCalendarId}/events`;
  return {
    fake,
    adapter: ({ maxResults, auth = { oauthClient: testOAuthClient } } = {}) =>
      createGoogleCalendarAdapter({
        auth: createGoogleAuth({ ...auth, tokenUrl: fake.tokenUrl }),
        rootUrl: fake.rootUrl,
        ...(maxResults !== undefined ? { maxResults } : {}),
      }),
    source: (patch = {}) => ({
      id: 'source-1',
      tenantId: 'tenant-1',
      provider: 'google',
      externalId: testCalendarId,
      name: 'Storingsdienst',
      timeZone: 'Europe/Amsterdam',
      zones: {},
      credentials: { type: 'oauth', refreshToken: testRefreshToken },
      createdAt: 0,
      ...patch,
    }),
    listRequests: () => fake.requests.filter((request) => request.path === eventsPath),
  };
};

/** A timed event in Amsterdam wall-clock time, as a planner enters it. */
export const shift = (id: string, summary: string, start: string, end: string): GoogleFakeEventInput => ({
  id,
  summary,
  start: { dateTime: start, timeZone: 'Europe/Amsterdam' },
  end: { dateTime: end, timeZone: 'Europe/Amsterdam' },
});
