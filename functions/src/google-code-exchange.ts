import { z } from 'zod';
import { HttpError } from './http-error.ts';

export const googleTokenEndpoint = 'https://oauth2.googleapis.com/token';

/** What we keep of Google's token response: the offline grant, and what the user actually granted. */
export interface GoogleCodeGrant {
  readonly refreshToken: string;
  readonly scopes: readonly string[];
}

export interface GoogleCodeExchange {
  /** Trades an authorization code for the user's offline grant; the code works once. */
  exchange(code: string, redirectUri: string): Promise<GoogleCodeGrant>;
}

/** Google's documented token response for grant_type=authorization_code. */
const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().optional(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().default(''),
  token_type: z.string().optional(),
});

const timeoutMs = 15_000;

/**
 * The code exchange of the OAuth connect flow (RFC 6749 §4.1.3). Errors are HttpErrors whose messages
 * say what went wrong without repeating the code, the client secret or Google's error text.
 */
export const createGoogleCodeExchange = ({
  clientId,
  clientSecret,
  tokenUrl = googleTokenEndpoint,
  fetch: fetchImpl = globalThis.fetch,
}: {
  clientId: string;
  clientSecret: string;
  /** Google's token endpoint unless set (tests serve their own). */
  tokenUrl?: string;
  fetch?: typeof fetch;
}): GoogleCodeExchange => ({
  exchange: async (code, redirectUri) => {
    let response: Response;
    try {
      response = await fetchImpl(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
          client_id: clientId,
          client_secret: clientSecret,
        }).toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw new HttpError('UNAVAILABLE', 'Google could not be reached to complete the connection.', {
        cause,
      });
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const status = response.status >= 500 ? 'UNAVAILABLE' : 'BAD_REQUEST';
      throw new HttpError(status, `Google refused the authorization code (${response.status}).`);
    }
    const parsed = tokenResponseSchema.safeParse(body);
    if (!parsed.success) throw new HttpError('UNAVAILABLE', 'Google sent an unexpected token response.');
    if (parsed.data.refresh_token === undefined) {
      throw new HttpError('BAD_REQUEST', 'Google granted no offline access; please connect again.');
    }
    return {
      refreshToken: parsed.data.refresh_token,
      scopes: parsed.data.scope.split(' ').filter((scope) => scope.length > 0),
    };
  },
});
