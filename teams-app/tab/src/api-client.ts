import type { z } from 'zod';
import { ApiError } from './api-error.ts';
import {
  type AdminRole,
  adminAccountSchema,
  adminConsentUrlSchema,
  auditEntrySchema,
  authorizationUrlSchema,
  calendarSchema,
  callSchema,
  contactSchema,
  coverageSchema,
  decisionSchema,
  type ExportCategory,
  erasureReportSchema,
  errorBodySchema,
  invitedSchema,
  listOf,
  loginResultSchema,
  meSchema,
  organisationSchema,
  type overlapPolicies,
  pageOf,
  type ringStrategies,
  routedNumberSchema,
  sessionBodySchema,
  syncReportSchema,
  takeoverSchema,
  terminationReportSchema,
  totpOfferSchema,
} from './api-schemas.ts';

export interface ApiClientOptions {
  /** The session's bearer token, read on every call (it changes when someone signs in or out). */
  readonly token: () => string | undefined;
  /** Called on a 401 of a signed-in call: the session ended, expired or the account changed. */
  readonly onUnauthenticated?: () => void;
  readonly fetch?: typeof fetch;
  /** Default: this origin. */
  readonly baseUrl?: string;
}

export interface NewContact {
  readonly key: string;
  readonly phone: string;
  readonly description?: string;
}

export interface ContactPatch {
  readonly key?: string;
  readonly phone?: string;
  readonly description?: string | null;
}

export interface NumberSettings {
  readonly name: string;
  readonly sourceIds: readonly string[];
  readonly fallback: string | null;
  readonly strategy: (typeof ringStrategies)[number];
  readonly ringSeconds: number;
  readonly overlapPolicy: (typeof overlapPolicies)[number];
}

/** Only what changes; the Workspace domains are not among them (WhoYouGonnaCall support links those). */
export interface OrganisationPatch {
  readonly name?: string;
  readonly timeZone?: string;
  readonly settings?: {
    readonly ringSeconds?: number;
    readonly overlapPolicy?: (typeof overlapPolicies)[number];
    readonly caseSensitiveKeys?: boolean;
    readonly cdrRetentionDays?: number;
    readonly auditRetentionDays?: number;
  };
}

export type NewCalendar =
  | {
      readonly provider: 'ics';
      readonly url: string;
      readonly name?: string;
      readonly credentials?: { readonly username: string; readonly password: string };
    }
  | {
      readonly provider: 'caldav';
      readonly url: string;
      readonly username: string;
      readonly password: string;
      readonly name?: string;
    }
  | {
      readonly provider: 'microsoft';
      readonly entraTenantId: string;
      readonly calendarPath: string;
      readonly name?: string;
    };

export interface PeriodPage {
  readonly cursor?: string;
  readonly limit?: number;
}

export interface Download {
  readonly blob: Blob;
  readonly fileName: string;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface SendOptions {
  /**
   * The body carries a credential of its own (a Teams SSO token): a 401 can be about that token, so it
   * does not end the session.
   */
  readonly credentialInBody?: boolean;
}

const query = (params: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

const fileNameOf = (response: Response, fallback: string): string =>
  /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallback;

/**
 * The one place the tab talks to the admin API (/api/v1): bearer authentication, JSON in and out, the
 * server's `{error: {code, message}}` turned into ApiError, and every answer the UI relies on checked
 * against its schema.
 */
export const createApiClient = (options: ApiClientOptions) => {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const base = `${options.baseUrl ?? ''}/api/v1`;

  const send = async (
    method: Method,
    path: string,
    body?: unknown,
    sendOptions: SendOptions = {},
  ): Promise<Response> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = options.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError(0, 'NETWORK', 'The server could not be reached.');
    }
    if (response.ok) return response;
    const parsed = errorBodySchema.safeParse(await response.json().catch(() => undefined));
    if (response.status === 401 && token && !sendOptions.credentialInBody) options.onUnauthenticated?.();
    throw parsed.success
      ? new ApiError(response.status, parsed.data.error.code, parsed.data.error.message)
      : new ApiError(response.status, 'BAD_RESPONSE', `The server answered ${response.status}.`);
  };

  const call = async <S extends z.ZodType>(
    schema: S,
    method: Method,
    path: string,
    body?: unknown,
  ): Promise<z.output<S>> => {
    const response = await send(method, path, body);
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success)
      throw new ApiError(response.status, 'BAD_RESPONSE', 'The server sent an unexpected answer.');
    return parsed.data;
  };

  const callEmpty = async (
    method: Method,
    path: string,
    body?: unknown,
    sendOptions: SendOptions = {},
  ): Promise<void> => {
    await send(method, path, body, sendOptions);
  };

  const download = async (path: string, fallbackName: string): Promise<Download> => {
    const response = await send('GET', path);
    return { blob: await response.blob(), fileName: fileNameOf(response, fallbackName) };
  };

  const id = encodeURIComponent;

  return {
    auth: {
      login: (email: string, password: string) =>
        call(loginResultSchema, 'POST', '/auth/login', { email, password }),
      totp: (ticket: string, code: string) => call(sessionBodySchema, 'POST', '/auth/totp', { ticket, code }),
      teams: (token: string) => call(sessionBodySchema, 'POST', '/auth/teams', { token }),
      setup: (input: { organisation: string; email: string; password: string }) =>
        call(sessionBodySchema, 'POST', '/setup', input),
      me: () => call(meSchema, 'GET', '/auth/me'),
      logout: () => callEmpty('POST', '/auth/logout'),
      enrolTotp: () => call(totpOfferSchema, 'POST', '/auth/totp/enrol'),
      confirmTotp: (code: string) => callEmpty('POST', '/auth/totp/confirm', { code }),
      /** Links the Microsoft account of this Teams SSO token to the signed-in account. */
      linkTeams: (token: string) =>
        callEmpty('POST', '/auth/identities/entra', { token }, { credentialInBody: true }),
      unlinkTeams: () => callEmpty('DELETE', '/auth/identities/entra'),
    },
    contacts: {
      list: () => call(listOf(contactSchema), 'GET', '/contacts'),
      create: (input: NewContact) => call(contactSchema, 'POST', '/contacts', input),
      update: (contactId: string, patch: ContactPatch) =>
        call(contactSchema, 'PATCH', `/contacts/${id(contactId)}`, patch),
      remove: (contactId: string) => callEmpty('DELETE', `/contacts/${id(contactId)}`),
    },
    numbers: {
      list: () => call(listOf(routedNumberSchema), 'GET', '/numbers'),
      create: (input: NumberSettings & { did: string }) =>
        call(routedNumberSchema, 'POST', '/numbers', input),
      update: (numberId: string, patch: Partial<NumberSettings>) =>
        call(routedNumberSchema, 'PATCH', `/numbers/${id(numberId)}`, patch),
      remove: (numberId: string) => callEmpty('DELETE', `/numbers/${id(numberId)}`),
      coverage: (numberId: string, from: string, days: number) =>
        call(coverageSchema, 'GET', `/numbers/${id(numberId)}/coverage${query({ from, days })}`),
      /** Without `at`: now, by the server's clock. */
      decision: (numberId: string, at?: string) =>
        call(decisionSchema, 'GET', `/numbers/${id(numberId)}/decision${query({ at })}`),
    },
    takeover: {
      create: (numberId: string, contactKey: string, hours: number) =>
        call(takeoverSchema, 'POST', `/numbers/${id(numberId)}/takeover`, { contactKey, hours }),
      list: (numberId: string) => call(listOf(takeoverSchema), 'GET', `/numbers/${id(numberId)}/takeover`),
      end: (numberId: string, eventId: string) =>
        callEmpty('DELETE', `/numbers/${id(numberId)}/takeover/${id(eventId)}`),
    },
    calendars: {
      list: () => call(listOf(calendarSchema), 'GET', '/calendars'),
      connect: (input: NewCalendar) => call(calendarSchema, 'POST', '/calendars', input),
      sync: (calendarId: string) => call(syncReportSchema, 'POST', `/calendars/${id(calendarId)}/sync`),
      remove: (calendarId: string) => callEmpty('DELETE', `/calendars/${id(calendarId)}`),
      googleConnectUrl: (calendarId?: string) =>
        call(authorizationUrlSchema, 'POST', '/calendars/google/connect', calendarId ? { calendarId } : {}),
      microsoftConsentUrl: () => call(adminConsentUrlSchema, 'POST', '/calendars/microsoft/connect'),
    },
    organisation: {
      get: () => call(organisationSchema, 'GET', '/organisation'),
      /** Owners only. */
      update: (patch: OrganisationPatch) => call(organisationSchema, 'PATCH', '/organisation', patch),
    },
    admins: {
      list: () => call(listOf(adminAccountSchema), 'GET', '/admins'),
      invite: (email: string, role: AdminRole) => call(invitedSchema, 'POST', '/admins', { email, role }),
      setRole: (adminId: string, role: AdminRole) =>
        call(adminAccountSchema, 'PATCH', `/admins/${id(adminId)}`, { role }),
      remove: (adminId: string) => callEmpty('DELETE', `/admins/${id(adminId)}`),
    },
    calls: {
      list: (page: PeriodPage = {}) => call(pageOf(callSchema), 'GET', `/calls${query({ ...page })}`),
    },
    audit: {
      list: (page: PeriodPage = {}) => call(pageOf(auditEntrySchema), 'GET', `/audit${query({ ...page })}`),
    },
    privacy: {
      exportJson: () => download('/privacy/export?format=json', 'wygc-export.json'),
      exportCsv: (category: ExportCategory) =>
        download(`/privacy/export${query({ format: 'csv', category })}`, `wygc-export-${category}.csv`),
      exportContact: (contactId: string) =>
        download(`/contacts/${id(contactId)}/export`, 'wygc-contact-export.json'),
      eraseContact: (contactId: string) =>
        call(erasureReportSchema, 'POST', `/contacts/${id(contactId)}/erase`),
      terminate: (confirm: string) => call(terminationReportSchema, 'POST', '/tenant/terminate', { confirm }),
    },
  };
};

export type ApiClient = ReturnType<typeof createApiClient>;
