import { createPrivateKey } from 'node:crypto';
import type { CalendarSource } from '@wygc/routing-core';
import { type Auth, google } from 'googleapis';
import { type GoogleCredentials, parseGoogleCredentials } from './google-credentials.ts';
import { SyncError } from './sync-error.ts';

export const googleCalendarScope = 'https://www.googleapis.com/auth/calendar.readonly';

/** google-auth-library signs service-account assertions for, and posts them to, this URL only. */
const googleTokenUrl = 'https://oauth2.googleapis.com/token';

export interface GoogleOAuthClientConfig {
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface GoogleServiceAccountConfig {
  readonly clientEmail: string;
  /** PEM, as in the service account's JSON key file. */
  readonly privateKey: string;
  readonly privateKeyId?: string;
}

export interface GoogleAuthConfig {
  /** The app's OAuth client; needed for sources connected by user consent. */
  readonly oauthClient?: GoogleOAuthClientConfig;
  /** A service account with domain-wide delegation; needed for Workspace sources. */
  readonly serviceAccount?: GoogleServiceAccountConfig;
  /** Google's token endpoint unless set (tests point it at the fake). */
  readonly tokenUrl?: string;
}

export interface GoogleAuth {
  /** The auth client for a source; reused while its credentials stay the same, so its access token is too. */
  clientFor(source: Pick<CalendarSource, 'id' | 'credentials'>): Auth.OAuth2Client;
  /** Drops the source's client, e.g. after Google refused its access token, so the next call starts afresh. */
  forget(sourceId: string): void;
}

/** Fails at start-up rather than at the first sync when the configured key cannot be read. */
const checkPrivateKey = (serviceAccount: GoogleServiceAccountConfig): void => {
  try {
    createPrivateKey(serviceAccount.privateKey);
  } catch {
    throw new SyncError('INVALID_CONFIG', 'the Google service account private key cannot be read');
  }
};

/**
 * The JWT client has no token endpoint option (the URL is fixed in google-auth-library), so its
 * token requests are redirected on their way out instead.
 */
const redirectTokenRequests = (client: Auth.OAuth2Client, tokenUrl: string): void => {
  if (tokenUrl === googleTokenUrl) return;
  client.transporter.interceptors.request.add({
    resolved: async (options) =>
      options.url.href === googleTokenUrl ? { ...options, url: new URL(tokenUrl) } : options,
  });
};

export const createGoogleAuth = (config: GoogleAuthConfig): GoogleAuth => {
  const tokenUrl = config.tokenUrl ?? googleTokenUrl;
  if (config.serviceAccount) checkPrivateKey(config.serviceAccount);
  const clients = new Map<string, { readonly fingerprint: string; readonly client: Auth.OAuth2Client }>();

  const oauthClient = (refreshToken: string): Auth.OAuth2Client => {
    if (!config.oauthClient) {
      throw new SyncError(
        'INVALID_CONFIG',
        'this source needs the Google OAuth client, which is not configured',
      );
    }
    const client = new google.auth.OAuth2({
      clientId: config.oauthClient.clientId,
      clientSecret: config.oauthClient.clientSecret,
      endpoints: { oauth2TokenUrl: tokenUrl },
    });
    client.setCredentials({ refresh_token: refreshToken });
    return client;
  };

  const delegatedClient = (subject: string): Auth.OAuth2Client => {
    const account = config.serviceAccount;
    if (!account) {
      throw new SyncError(
        'INVALID_CONFIG',
        'this source needs the Google service account, which is not configured',
      );
    }
    const client = new google.auth.JWT({
      email: account.clientEmail,
      key: account.privateKey,
      ...(account.privateKeyId ? { keyId: account.privateKeyId } : {}),
      scopes: [googleCalendarScope],
      subject,
    });
    redirectTokenRequests(client, tokenUrl);
    return client;
  };

  const build = (credentials: GoogleCredentials): Auth.OAuth2Client =>
    credentials.type === 'oauth'
      ? oauthClient(credentials.refreshToken)
      : delegatedClient(credentials.subject);

  return {
    clientFor: (source) => {
      const credentials = parseGoogleCredentials(source.credentials);
      const fingerprint = JSON.stringify(credentials);
      const cached = clients.get(source.id);
      if (cached?.fingerprint === fingerprint) return cached.client;
      const client = build(credentials);
      clients.set(source.id, { fingerprint, client });
      return client;
    },
    forget: (sourceId) => void clients.delete(sourceId),
  };
};
