import { randomBytes, randomUUID } from 'node:crypto';
import type { GraphFakeResponse } from './graph-fake-response.ts';

export interface GraphFakeIdentityOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tenants: readonly string[];
  readonly tokenLifetimeSeconds: number;
  readonly now: () => number;
}

export interface GraphFakeTokenRequest {
  readonly tenantId: string;
  readonly grantType: string | null;
  readonly clientId: string | null;
  readonly scope: string | null;
  readonly status: number;
}

interface IssuedToken {
  readonly tenantId: string;
  readonly expiresAt: number;
}

/** The Entra error body shape: OAuth error, AADSTS description, codes and correlation data. */
const entraError = (
  status: number,
  error: string,
  aadsts: number,
  description: string,
): GraphFakeResponse => ({
  status,
  json: {
    error,
    error_description: `AADSTS${aadsts}: ${description} Trace ID: ${randomUUID()} Correlation ID: ${randomUUID()} Timestamp: ${new Date().toISOString()}`,
    error_codes: [aadsts],
    timestamp: new Date().toISOString().replace('T', ' ').slice(0, 19),
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
    error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`,
  },
});

/**
 * The Entra side of the fake: OpenID discovery (which msal-node reads for hosts it has no built-in
 * metadata for) and the v2.0 token endpoint with the client-credentials grant, issuing opaque tokens
 * that the Graph side checks.
 */
export const createGraphFakeIdentity = (options: GraphFakeIdentityOptions) => {
  const tenants = new Set(options.tenants);
  const issued = new Map<string, IssuedToken>();
  const tokenRequests: GraphFakeTokenRequest[] = [];

  const discovery = (origin: string, tenantId: string): GraphFakeResponse => {
    if (!tenants.has(tenantId)) {
      return entraError(400, 'invalid_tenant', 90002, `Tenant '${tenantId}' not found.`);
    }
    const base = `${origin}/${tenantId}`;
    return {
      status: 200,
      json: {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: [
          'client_secret_post',
          'private_key_jwt',
          'client_secret_basic',
        ],
        jwks_uri: `${origin}/${tenantId}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${base}/v2.0`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        tenant_region_scope: 'EU',
      },
    };
  };

  const token = (tenantId: string, body: string): GraphFakeResponse => {
    const form = new URLSearchParams(body);
    const answer = (response: GraphFakeResponse): GraphFakeResponse => {
      tokenRequests.push({
        tenantId,
        grantType: form.get('grant_type'),
        clientId: form.get('client_id'),
        scope: form.get('scope'),
        status: response.status,
      });
      return response;
    };
    if (!tenants.has(tenantId))
      return answer(entraError(400, 'invalid_request', 90002, `Tenant '${tenantId}' not found.`));
    if (form.get('grant_type') !== 'client_credentials') {
      return answer(
        entraError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.'),
      );
    }
    if (form.get('client_id') !== options.clientId) {
      return answer(
        entraError(400, 'unauthorized_client', 700016, 'Application was not found in the directory.'),
      );
    }
    if (form.get('client_secret') !== options.clientSecret) {
      return answer(entraError(401, 'invalid_client', 7000215, 'Invalid client secret provided.'));
    }
    if (!form.get('scope')?.endsWith('/.default')) {
      return answer(
        entraError(
          400,
          'invalid_scope',
          1002012,
          'Client credential flows must have a scope value with /.default suffixed to the resource identifier.',
        ),
      );
    }
    const accessToken = randomBytes(24).toString('base64url');
    issued.set(accessToken, { tenantId, expiresAt: options.now() + options.tokenLifetimeSeconds * 1000 });
    return answer({
      status: 200,
      json: {
        token_type: 'Bearer',
        expires_in: options.tokenLifetimeSeconds,
        ext_expires_in: options.tokenLifetimeSeconds,
        access_token: accessToken,
      },
    });
  };

  return {
    tokenRequests,
    /** Answers discovery and token requests; undefined for any other path. */
    handle: (
      method: string,
      origin: string,
      pathname: string,
      body: string,
    ): GraphFakeResponse | undefined => {
      const discoveryMatch = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(pathname);
      if (method === 'GET' && discoveryMatch?.[1])
        return discovery(origin, decodeURIComponent(discoveryMatch[1]));
      const tokenMatch = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(pathname);
      if (method === 'POST' && tokenMatch?.[1]) return token(decodeURIComponent(tokenMatch[1]), body);
      return undefined;
    },
    /** The tenant of a valid, unexpired bearer token, or why it is not valid. */
    authenticate: (authorization: string | undefined): { tenantId: string } | { error: string } => {
      const bearer = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
      if (!bearer) return { error: 'Access token is empty.' };
      const found = issued.get(bearer);
      if (!found) return { error: 'IDX14100: JWT is not well formed.' };
      if (found.expiresAt <= options.now())
        return { error: 'Lifetime validation failed, the token is expired.' };
      return { tenantId: found.tenantId };
    },
    /** Makes every issued token invalid, as a revoked consent or an expired token would. */
    revokeTokens: () => issued.clear(),
  };
};
