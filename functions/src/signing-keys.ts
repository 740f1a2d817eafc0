import { hkdfSync } from 'node:crypto';
import { assertSigningKey } from './auth/signing-key.ts';

/** One HS256 key per kind of token, so that no token can ever pass for another kind. */
export interface SigningKeys {
  readonly session: Uint8Array;
  readonly secondFactor: Uint8Array;
  readonly invitation: Uint8Array;
  readonly oauthState: Uint8Array;
}

const derive = (secret: Uint8Array, purpose: string): Uint8Array =>
  new Uint8Array(hkdfSync('sha256', secret, new Uint8Array(0), `wygc/${purpose}/v1`, 32));

/**
 * Derives the signing keys of every token the server issues from the one configured session secret
 * (HKDF-SHA256 with a label per purpose). Audiences already differ per kind; separate keys also keep a
 * bug in one verifier from accepting another kind's token. The server and the operator CLI derive the
 * same keys, so an invitation made by `wygc tenants create` is redeemed by the server.
 */
export const deriveSigningKeys = (sessionSecret: Uint8Array): SigningKeys => {
  assertSigningKey(sessionSecret, 'session');
  return {
    session: derive(sessionSecret, 'session'),
    secondFactor: derive(sessionSecret, 'second-factor'),
    invitation: derive(sessionSecret, 'invitation'),
    oauthState: derive(sessionSecret, 'oauth-state'),
  };
};
