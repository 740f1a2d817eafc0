import { AuthError, ConfidentialClientApplication, ServerError } from '@azure/msal-node';
import { createGraphMsalNetworkClient } from './graph-msal-network-client.ts';
import { entraTenantIdSchema } from './graph-source.ts';
import { SyncError } from './sync-error.ts';

/** App-only access tokens for Microsoft Graph, one per customer tenant. */
export interface GraphTokenProvider {
  getToken(tenantId: string): Promise<string>;
}

export interface GraphTokenProviderConfig {
  /** Our app registration (multi-tenant, Calendars.Read with admin consent in each customer tenant). */
  readonly clientId: string;
  readonly clientSecret: string;
  /**
   * Where Entra lives. msal-node accepts only https authorities; the host is passed as a known
   * authority, which is what keeps msal from calling Microsoft's instance discovery for other hosts
   * (msal-node 7 has no other switch for that).
   */
  readonly authorityHost?: string;
  readonly fetch?: typeof fetch;
}

export const graphScope = 'https://graph.microsoft.com/.default';

const defaultAuthorityHost = 'https://login.microsoftonline.com';

/** msal could not reach Entra or read its discovery document: worth retrying, not an admin's problem. */
const unavailableCodes = new Set(['network_error', 'no_network_connectivity', 'openid_config_error']);

const toSyncError = (error: unknown): SyncError => {
  if (error instanceof SyncError) return error;
  if (
    error instanceof ServerError &&
    error.status !== undefined &&
    (error.status === 429 || error.status >= 500)
  ) {
    return new SyncError(
      error.status === 429 ? 'RATE_LIMITED' : 'PROVIDER_UNAVAILABLE',
      `Microsoft Entra answered ${error.status} to the token request`,
      { cause: error, status: error.status },
    );
  }
  if (error instanceof AuthError && !unavailableCodes.has(error.errorCode)) {
    return new SyncError('AUTH_FAILED', `Microsoft Entra refused the token request (${error.errorCode})`, {
      cause: error,
      ...(error instanceof ServerError && error.status !== undefined ? { status: error.status } : {}),
    });
  }
  return new SyncError('PROVIDER_UNAVAILABLE', 'Microsoft Entra could not be reached for a token', {
    cause: error,
  });
};

/**
 * Client-credentials tokens through one msal-node ConfidentialClientApplication for all tenants: each
 * request names the customer's tenant as its authority, and msal's in-memory cache keeps one token per
 * tenant until it is about to expire.
 */
export const createGraphTokenProvider = (config: GraphTokenProviderConfig): GraphTokenProvider => {
  const host = new URL(config.authorityHost ?? defaultAuthorityHost);
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      authority: `${host.origin}/organizations`,
      knownAuthorities: [host.host],
    },
    system: { networkClient: createGraphMsalNetworkClient(config.fetch ?? globalThis.fetch) },
  });
  return {
    getToken: async (tenantId) => {
      if (!entraTenantIdSchema.safeParse(tenantId).success) {
        throw new SyncError('INVALID_CONFIG', 'Microsoft source: the Entra tenant id is not valid');
      }
      try {
        const result = await app.acquireTokenByClientCredential({
          scopes: [graphScope],
          authority: `${host.origin}/${tenantId}`,
        });
        if (!result?.accessToken)
          throw new SyncError('AUTH_FAILED', 'Microsoft Entra returned no access token');
        return result.accessToken;
      } catch (error) {
        throw toSyncError(error);
      }
    },
  };
};
