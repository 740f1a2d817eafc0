import { generateKeyPairSync, sign } from 'node:crypto';

/** For the UI tests: a stand-in for Microsoft Entra that signs the Teams tab's SSO tokens. */
export interface TestEntra {
  /** What the UI server needs to accept its tokens: Teams SSO settings and the key set (entra-key-set.ts). */
  readonly serverEnv: Readonly<Record<string, string>>;
  /** A Teams SSO token (v2.0, access_as_user) of user `oid`, valid for an hour from `nowMs`. */
  token(oid: string, nowMs: number): string;
}

const kid = 'ui-test-key';
const tenantId = '22222222-2222-4222-8222-222222222222';
const clientId = '11111111-1111-4111-8111-111111111111';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

export const createTestEntra = (): TestEntra => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] };
  return {
    serverEnv: {
      WYGC_TEAMS_CLIENT_ID: clientId,
      WYGC_ENTRA_TENANTS: tenantId,
      WYGC_TEST_ENTRA_JWKS: JSON.stringify(jwks),
    },
    token: (oid, nowMs) => {
      const now = Math.floor(nowMs / 1000);
      const signed = `${base64url({ alg: 'RS256', kid, typ: 'JWT' })}.${base64url({
        ver: '2.0',
        iss: `https://login.microsoftonline.com/${tenantId}/v2.0`,
        aud: clientId,
        tid: tenantId,
        oid,
        scp: 'access_as_user',
        iat: now,
        nbf: now,
        exp: now + 3600,
      })}`;
      return `${signed}.${sign('sha256', Buffer.from(signed), privateKey).toString('base64url')}`;
    },
  };
};
