import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

/** Test support only, never exported from index.ts. */

export interface TestGoogleIdentity {
  /** The certificates endpoint on 127.0.0.1, like https://www.googleapis.com/oauth2/v3/certs. */
  readonly jwksUrl: string;
  /** Signs claims as Google would (RS256, the served key), or with an unserved key of the same kid. */
  sign(claims: JWTPayload, options?: { forged?: boolean }): Promise<string>;
  /** A Google ID token: issuer, iat and exp (one hour) filled in from `now`; claims override them. */
  idToken(now: number, claims: JWTPayload, options?: { forged?: boolean }): Promise<string>;
  close(): Promise<void>;
}

const kid = 'google-test-key-1';

export const startTestGoogleIdentity = async (): Promise<TestGoogleIdentity> => {
  const served = await generateKeyPair('RS256', { extractable: true });
  const forger = await generateKeyPair('RS256');
  const jwks = JSON.stringify({
    keys: [{ ...(await exportJWK(served.publicKey)), kid, alg: 'RS256', use: 'sig' }],
  });
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const sign = (claims: JWTPayload, options: { forged?: boolean } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .sign(options.forged ? forger.privateKey : served.privateKey);
  return {
    jwksUrl: `http://127.0.0.1:${port}/oauth2/v3/certs`,
    sign,
    idToken: (now, claims, options) => {
      const iat = Math.floor(now / 1000);
      return sign({ iss: 'https://accounts.google.com', iat, exp: iat + 3600, ...claims }, options);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
