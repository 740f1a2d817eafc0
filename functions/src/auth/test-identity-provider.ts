import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

/** For tests: an RSA signer whose public key is served as a JWKS from 127.0.0.1, like Entra or Google. */
export interface TestIdentityProvider {
  readonly jwksUrl: string;
  /** Signs with the served key, or with an unserved key of the same kid to fake a forgery. */
  sign(claims: JWTPayload, options?: { forged?: boolean }): Promise<string>;
  close(): Promise<void>;
}

const kid = 'test-key-1';

export const startTestIdentityProvider = async (): Promise<TestIdentityProvider> => {
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
  return {
    jwksUrl: `http://127.0.0.1:${port}/keys`,
    sign: (claims, options = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .sign(options.forged ? forger.privateKey : served.privateKey),
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
};
