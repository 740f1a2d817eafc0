import { type KeyObject, randomBytes, verify } from 'node:crypto';
import { z } from 'zod';
import { type GoogleFakeResponse, oauthError } from './google-fake-responses.ts';

/** The audience Google requires in service-account assertions, whatever URL they are posted to. */
const tokenAudience = 'https://oauth2.googleapis.com/token';
const jwtBearerGrant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const calendarScopes: ReadonlySet<string> = new Set([
  'https://www.googleapis.com/auth/calendar',
  'https://www.googleapis.com/auth/calendar.readonly',
  'https://www.googleapis.com/auth/calendar.events',
  'https://www.googleapis.com/auth/calendar.events.readonly',
]);
const accessTokenSeconds = 3599;

export interface GoogleFakeOAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface GoogleFakeRefreshToken {
  readonly refreshToken: string;
  readonly clientId: string;
  /** Who consented; requests made with tokens from this grant are recorded with it as principal. */
  readonly user: string;
}

export interface GoogleFakeServiceAccount {
  readonly clientEmail: string;
  readonly publicKey: string | KeyObject;
  /** Users a Workspace admin allowed this account to impersonate (domain-wide delegation). */
  readonly delegatedSubjects: readonly string[];
}

/** What tests set up: who may get access tokens. */
export interface GoogleFakeAuth {
  addOAuthClient(client: GoogleFakeOAuthClient): void;
  addRefreshToken(grant: GoogleFakeRefreshToken): void;
  revokeRefreshToken(refreshToken: string): void;
  addServiceAccount(account: GoogleFakeServiceAccount): void;
  /** Every access token issued so far stops working, as after a password change. */
  revokeAccessTokens(): void;
}

export interface GoogleFakeAuthServer extends GoogleFakeAuth {
  /** POST /token with a form body. */
  token(form: URLSearchParams, authorization: string | undefined): GoogleFakeResponse;
  /** The user or service account an "Authorization: Bearer" header stands for, if it is valid. */
  principalOf(authorization: string | undefined): string | undefined;
}

const jwtHeaderSchema = z.object({ alg: z.literal('RS256') });
const jwtClaimsSchema = z.object({
  iss: z.string(),
  aud: z.string(),
  scope: z.string(),
  iat: z.number(),
  exp: z.number(),
  sub: z.string().optional(),
});

const decodeJson = (part: string | undefined): unknown => {
  try {
    return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
};

const basicCredentials = (authorization: string | undefined): { id?: string; secret?: string } => {
  const match = /^Basic (.+)$/i.exec(authorization ?? '');
  if (!match?.[1]) return {};
  const [id, secret] = Buffer.from(match[1], 'base64').toString('utf8').split(':');
  return { ...(id ? { id } : {}), ...(secret ? { secret } : {}) };
};

export const createGoogleFakeAuth = (clock: () => number): GoogleFakeAuthServer => {
  const clients = new Map<string, GoogleFakeOAuthClient>();
  const refreshTokens = new Map<string, GoogleFakeRefreshToken>();
  const serviceAccounts = new Map<string, GoogleFakeServiceAccount>();
  const accessTokens = new Map<string, { readonly principal: string; readonly expiresAt: number }>();

  const issue = (principal: string, scope: string): GoogleFakeResponse => {
    const accessToken = `ya29.fake-${randomBytes(24).toString('base64url')}`;
    accessTokens.set(accessToken, { principal, expiresAt: clock() + accessTokenSeconds * 1000 });
    return {
      status: 200,
      body: { access_token: accessToken, expires_in: accessTokenSeconds, scope, token_type: 'Bearer' },
    };
  };

  const refreshGrant = (form: URLSearchParams, authorization: string | undefined): GoogleFakeResponse => {
    const basic = basicCredentials(authorization);
    const clientId = form.get('client_id') ?? basic.id;
    const client = clientId === undefined ? undefined : clients.get(clientId);
    if (!client || (form.get('client_secret') ?? basic.secret) !== client.clientSecret) {
      return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
    }
    const refreshToken = form.get('refresh_token');
    if (!refreshToken) return oauthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
    const grant = refreshTokens.get(refreshToken);
    if (!grant || grant.clientId !== client.clientId) {
      return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    }
    return issue(grant.user, 'https://www.googleapis.com/auth/calendar.readonly');
  };

  const jwtGrant = (assertion: string): GoogleFakeResponse => {
    const [headerPart, claimsPart, signaturePart] = assertion.split('.');
    const header = jwtHeaderSchema.safeParse(decodeJson(headerPart));
    const claims = jwtClaimsSchema.safeParse(decodeJson(claimsPart));
    if (!header.success || !claims.success || !signaturePart)
      return oauthError(400, 'invalid_grant', 'Invalid JWT.');
    const account = serviceAccounts.get(claims.data.iss);
    if (!account) return oauthError(400, 'invalid_grant', 'Invalid grant: account not found');
    const signed = Buffer.from(`${headerPart}.${claimsPart}`);
    if (!verify('RSA-SHA256', signed, account.publicKey, Buffer.from(signaturePart, 'base64url'))) {
      return oauthError(400, 'invalid_grant', 'Invalid JWT Signature.');
    }
    const { aud, iat, exp, scope, sub } = claims.data;
    const now = clock() / 1000;
    if (aud !== tokenAudience || exp - iat > 3600 || exp < now || iat > now + 300) {
      return oauthError(
        400,
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
      );
    }
    const scopes = scope.split(' ');
    const delegated = sub === undefined || account.delegatedSubjects.includes(sub);
    if (!delegated || !scopes.some((s) => calendarScopes.has(s))) {
      return oauthError(
        401,
        'unauthorized_client',
        'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
      );
    }
    return issue(sub ?? account.clientEmail, scope);
  };

  return {
    addOAuthClient: (client) => void clients.set(client.clientId, client),
    addRefreshToken: (grant) => void refreshTokens.set(grant.refreshToken, grant),
    revokeRefreshToken: (refreshToken) => void refreshTokens.delete(refreshToken),
    addServiceAccount: (account) => void serviceAccounts.set(account.clientEmail, account),
    revokeAccessTokens: () => accessTokens.clear(),
    token: (form, authorization) => {
      const grantType = form.get('grant_type');
      if (grantType === 'refresh_token') return refreshGrant(form, authorization);
      if (grantType === jwtBearerGrant) return jwtGrant(form.get('assertion') ?? '');
      return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
    },
    principalOf: (authorization) => {
      const match = /^Bearer (\S+)$/.exec(authorization ?? '');
      const token = match?.[1] === undefined ? undefined : accessTokens.get(match[1]);
      return token !== undefined && token.expiresAt > clock() ? token.principal : undefined;
    },
  };
};
