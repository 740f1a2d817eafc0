import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recompileTenantTables } from '@wygc/calendar-sync';
import { type GoogleCalendarFake, startGoogleCalendarFake } from '@wygc/calendar-sync/testing/google';
import type { AdminRole, CalendarEvent, Store } from '@wygc/routing-core';
import { createDataKeys, createLocalKeyFileKeyring, createMemoryDriver, createStore } from '@wygc/store';
import type { JWTPayload } from 'jose';
import type { AddonLogger } from '../addon-logger.ts';
import { type AddonEndpoint, addonPaths, endpointUrl } from '../addon-paths.ts';
import { addonResponseSchema } from '../card-schema.ts';
import { createAddonApp } from '../create-addon-app.ts';
import { startTestGoogleIdentity, type TestGoogleIdentity } from './test-google-identity.ts';

/** Test support only, never exported from index.ts. */

export const baseUrl = 'https://wygc.example.com/addon';
export const webAdminUrl = 'https://wygc.example.com';
export const serviceAccountEmail = 'service-123456789@gcp-sa-gsuiteaddons.iam.gserviceaccount.com';
export const oauthClientId = '123456789-addon.apps.googleusercontent.com';
export const calendarId = 'storingsdienst@group.calendar.google.com';
export const otherCalendarId = 'planning@group.calendar.google.com';

/** Friday 26 March 2027, 10:00 in Amsterdam: the DST change of Sunday 28 March lies in the week ahead. */
export const testNow = Date.parse('2027-03-26T10:00:00+01:00');

/** The Google users of the tests and how they map to admin accounts. */
export const users = {
  /** Owner of tenant A, found by the linked Google identity (sub), whatever the email. */
  owner: { sub: 'google-sub-owner', email: 'jan.private@gmail.example' },
  /** Admin of tenant A, found by verified email. */
  admin: { sub: 'google-sub-admin', email: 'anna@storingsdienst.example' },
  /** Member of tenant A: reads, cannot edit. */
  member: { sub: 'google-sub-member', email: 'mo@storingsdienst.example' },
  /** Admin of tenant B only. */
  other: { sub: 'google-sub-other', email: 'bea@planning.example' },
  /** Nobody's admin. */
  stranger: { sub: 'google-sub-stranger', email: 'someone@gmail.example' },
  /** Has the email of tenant A's owner-linked account "linked@..." but another Google identity. */
  impostor: { sub: 'google-sub-impostor', email: 'linked@storingsdienst.example' },
} as const;

export type TestUser = keyof typeof users;

export interface SentRequest {
  readonly endpoint?: AddonEndpoint;
  readonly user?: TestUser;
  readonly locale?: string;
  readonly calendar?: { calendarId: string; id: string; recurringEventId?: string } | null;
  readonly parameters?: Record<string, string>;
  readonly formInputs?: Record<string, string>;
  /** Replaces the bearer system token (undefined: a valid one). */
  readonly authorization?: string | null;
  /** Replaces the user ID token. */
  readonly userIdToken?: string | null;
  readonly userOAuthToken?: string | null;
  /** Sends this body as is. */
  readonly rawBody?: string;
}

export interface AddonTestHarness {
  readonly store: Store;
  readonly identity: TestGoogleIdentity;
  readonly google: GoogleCalendarFake;
  readonly tenantA: string;
  readonly tenantB: string;
  readonly ids: Readonly<Record<string, string>>;
  readonly logs: readonly { level: string; fields: Record<string, unknown>; message: string }[];
  readonly rosterChanges: readonly string[];
  /** A valid system token for an endpoint, as Google sends it. */
  systemToken(endpoint: AddonEndpoint, claims?: JWTPayload, options?: { forged?: boolean }): Promise<string>;
  userToken(user: TestUser, claims?: JWTPayload, options?: { forged?: boolean }): Promise<string>;
  /** The body Google posts, shaped like the documented event objects. */
  eventObject(request: SentRequest): Promise<Record<string, unknown>>;
  send(request: SentRequest): Promise<{ status: number; body: unknown; text: string }>;
  /** A raw request to the app, for methods and paths Google never uses. */
  request(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

const amsterdam = (dateTime: string) => ({ dateTime, timeZone: 'Europe/Amsterdam' });

/** The duty calendar of tenant A, as synced events and as the same events in the Google fake. */
const dutyEvents: readonly { id: string; event: CalendarEvent }[] = [
  {
    id: 'shift-weekend',
    event: {
      uid: 'shift-weekend',
      subject: 'JD',
      status: 'confirmed',
      start: amsterdam('2027-03-26T08:00:00'),
      end: amsterdam('2027-03-29T08:00:00'),
    },
  },
  {
    id: 'override-saturday',
    event: {
      uid: 'override-saturday',
      subject: 'Storing PK (mobiel)',
      status: 'confirmed',
      start: amsterdam('2027-03-27T10:00:00'),
      end: amsterdam('2027-03-27T14:00:00'),
    },
  },
  {
    id: 'typo-tuesday',
    event: {
      uid: 'typo-tuesday',
      subject: 'JDD',
      status: 'confirmed',
      start: amsterdam('2027-03-30T17:00:00'),
      end: amsterdam('2027-03-31T08:00:00'),
    },
  },
  {
    id: 'pair-wednesday',
    event: {
      uid: 'pair-wednesday',
      subject: 'JD+PK, MK',
      status: 'confirmed',
      start: amsterdam('2027-03-31T17:00:00'),
      end: amsterdam('2027-04-01T08:00:00'),
    },
  },
];

/**
 * The add-on app as the server mounts it, against a real Store (memory driver, real key file), Google's
 * certificates endpoint and the Calendar API on 127.0.0.1, and two tenants: A (Storingsdienst, the
 * calendar in view) and B (another organisation with its own calendar).
 */
export const createAddonTestHarness = async (): Promise<AddonTestHarness> => {
  const dir = await mkdtemp(join(tmpdir(), 'wygc-addon-test-'));
  let counter = 0;
  const clock = () => testNow;
  const store = createStore({
    driver: createMemoryDriver(),
    dataKeys: createDataKeys({ keyring: createLocalKeyFileKeyring({ path: join(dir, 'keys.json') }) }),
    lookupKey: new Uint8Array(32).fill(7),
    clock,
    // Stable ids keep the golden card files stable.
    newId: () => `id-${String(++counter).padStart(4, '0')}`,
  });
  const identity = await startTestGoogleIdentity();
  const google = await startGoogleCalendarFake({ clock });
  const ids: Record<string, string> = {};

  // Tenant A: the calendar in view.
  const a = await store.tenants.create({ name: 'Storingsdienst BV' }, { actor: 'system:test' });
  const tenantA = store.forTenant(a.id, { actor: 'system:test' });
  const roles: [string, AdminRole, string | undefined][] = [
    // The owner account's email is not the Google account's: only the linked identity finds it.
    ['owner@storingsdienst.example', 'owner', users.owner.sub],
    [users.admin.email, 'admin', undefined],
    [users.member.email, 'member', undefined],
    ['linked@storingsdienst.example', 'admin', 'google-sub-linked'],
  ];
  for (const [email, role, sub] of roles) {
    const account = await tenantA.admins.create({
      email,
      role,
      ...(sub ? { identities: { googleSub: sub } } : {}),
    });
    ids[email] = account.id;
  }
  const contacts = [
    { key: 'JD', phone: '06 12345678', description: 'Jan de Vries' },
    { key: 'PK', phone: '06 23456789', description: 'Piet Klaassen' },
    { key: 'MK', phone: '050 765 4321', description: 'Marie Kok' },
  ];
  for (const contact of contacts) ids[`contact-${contact.key}`] = (await tenantA.contacts.create(contact)).id;
  const source = await tenantA.sources.create({
    provider: 'google',
    externalId: calendarId,
    name: 'Storingsdienst',
    timeZone: 'Europe/Amsterdam',
    credentials: { type: 'oauth', refreshToken: 'unused-in-these-tests' },
  });
  ids.sourceA = source.id;
  const number = await tenantA.numbers.create({
    did: '050 123 4567',
    name: 'Storingsdienst',
    sourceIds: [source.id],
    fallback: 'MK',
  });
  ids.numberA = number.id;
  await tenantA.commitSync({
    sourceId: source.id,
    changes: { upserts: dutyEvents.map(({ id, event }) => ({ externalId: id, event })), deletes: [] },
  });
  await recompileTenantTables({ store, tenantId: a.id, now: testNow });

  // Tenant B: another organisation, with a calendar and a contact of its own.
  const b = await store.tenants.create({ name: 'Planning BV' }, { actor: 'system:test' });
  const tenantB = store.forTenant(b.id, { actor: 'system:test' });
  await tenantB.admins.create({ email: users.other.email, role: 'admin' });
  ids.contactB = (
    await tenantB.contacts.create({ key: 'XY', phone: '06 34567890', description: 'Xander' })
  ).id;
  const sourceB = await tenantB.sources.create({
    provider: 'google',
    externalId: otherCalendarId,
    name: 'Planning',
    timeZone: 'Europe/Amsterdam',
  });
  await tenantB.numbers.create({
    did: '020 123 4567',
    name: 'Planning',
    sourceIds: [sourceB.id],
    fallback: 'XY',
  });
  await recompileTenantTables({ store, tenantId: b.id, now: testNow });

  // The same events in Google Calendar, readable with the user's OAuth token.
  const oauthClient = { clientId: oauthClientId, clientSecret: 'addon-secret' };
  google.auth.addOAuthClient(oauthClient);
  google.calendars.create(calendarId, { summary: 'Storingsdienst', timeZone: 'Europe/Amsterdam' });
  google.calendars.create(otherCalendarId, { summary: 'Planning', timeZone: 'Europe/Amsterdam' });
  for (const { id, event } of dutyEvents) {
    const { start, end } = event as { start: { dateTime: string }; end: { dateTime: string } };
    google.calendars.put(calendarId, {
      id,
      summary: event.subject,
      start: amsterdam(start.dateTime),
      end: amsterdam(end.dateTime),
    });
  }
  google.calendars.put(otherCalendarId, {
    id: 'b-event',
    summary: 'XY',
    start: amsterdam('2027-03-26T08:00:00'),
    end: amsterdam('2027-03-26T18:00:00'),
  });
  const oauthTokens: Partial<Record<TestUser, string>> = {};
  const userOAuthToken = async (user: TestUser): Promise<string> => {
    const cached = oauthTokens[user];
    if (cached) return cached;
    google.auth.addRefreshToken({
      refreshToken: `refresh-${user}`,
      clientId: oauthClientId,
      user: users[user].email,
    });
    const response = await fetch(google.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: `refresh-${user}`,
        client_id: oauthClient.clientId,
        client_secret: oauthClient.clientSecret,
      }).toString(),
    });
    const token = String(((await response.json()) as { access_token: string }).access_token);
    oauthTokens[user] = token;
    return token;
  };

  const logs: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const logger: AddonLogger = {
    info: (fields, message) => void logs.push({ level: 'info', fields, message }),
    warn: (fields, message) => void logs.push({ level: 'warn', fields, message }),
    error: (fields, message) => void logs.push({ level: 'error', fields, message }),
  };
  const rosterChanges: string[] = [];
  const app = createAddonApp({
    store,
    config: {
      baseUrl,
      serviceAccountEmail,
      oauthClientId,
      webAdminUrl,
      calendarApiRootUrl: google.rootUrl,
      jwksUrl: identity.jwksUrl,
    },
    clock,
    logger,
    onRosterChange: async (tenantId, actor) => {
      rosterChanges.push(tenantId);
      await recompileTenantTables({ store, tenantId, now: testNow, actor });
    },
  });

  const systemToken = (endpoint: AddonEndpoint, claims: JWTPayload = {}, options = {}) =>
    identity.idToken(
      testNow,
      {
        aud: endpointUrl(baseUrl, endpoint),
        sub: '111111111111111111111',
        azp: '111111111111111111111',
        email: serviceAccountEmail,
        email_verified: true,
        ...claims,
      },
      options,
    );
  const userToken = (user: TestUser, claims: JWTPayload = {}, options = {}) =>
    identity.idToken(
      testNow,
      {
        aud: oauthClientId,
        azp: oauthClientId,
        sub: users[user].sub,
        email: users[user].email,
        email_verified: true,
        ...claims,
      },
      options,
    );

  const eventObject = async (request: SentRequest): Promise<Record<string, unknown>> => {
    const user = request.user ?? 'admin';
    const oauth = request.userOAuthToken === undefined ? await userOAuthToken(user) : request.userOAuthToken;
    const idToken = request.userIdToken === undefined ? await userToken(user) : request.userIdToken;
    const calendar =
      request.calendar === undefined || request.calendar === null
        ? undefined
        : {
            id: request.calendar.id,
            ...(request.calendar.recurringEventId
              ? { recurringEventId: request.calendar.recurringEventId }
              : {}),
            calendarId: request.calendar.calendarId,
            organizer: { email: request.calendar.calendarId },
            capabilities: {
              canAddAttendees: true,
              canSeeAttendees: true,
              canSeeConferenceData: true,
              canSetConferenceData: true,
            },
          };
    return {
      commonEventObject: {
        hostApp: 'CALENDAR',
        platform: 'WEB',
        userLocale: request.locale ?? 'en',
        timeZone: { id: 'Europe/Amsterdam', offset: 3_600_000 },
        ...(request.parameters ? { parameters: request.parameters } : {}),
        ...(request.formInputs
          ? {
              formInputs: Object.fromEntries(
                Object.entries(request.formInputs).map(([name, value]) => [
                  name,
                  { stringInputs: { value: [value] } },
                ]),
              ),
            }
          : {}),
      },
      authorizationEventObject: {
        ...(oauth === null ? {} : { userOAuthToken: oauth }),
        ...(idToken === null ? {} : { userIdToken: idToken }),
      },
      ...(calendar ? { calendar } : {}),
    };
  };

  const send = async (request: SentRequest) => {
    const endpoint = request.endpoint ?? 'homepage';
    const authorization =
      request.authorization === undefined ? `Bearer ${await systemToken(endpoint)}` : request.authorization;
    const response = await app.request(addonPaths[endpoint], {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(authorization === null ? {} : { authorization }),
      },
      body: request.rawBody ?? JSON.stringify(await eventObject(request)),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    // Every card the add-on answers with must follow the Card v2 format: checked on every request.
    if (response.status === 200) addonResponseSchema.parse(body);
    return { status: response.status, body, text };
  };

  return {
    store,
    identity,
    google,
    tenantA: a.id,
    tenantB: b.id,
    ids,
    logs,
    rosterChanges,
    systemToken,
    userToken,
    eventObject,
    send,
    request: async (path, init) => app.request(path, init),
    close: async () => {
      await google.stop();
      await identity.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
};
