// Loaded first by the UI test's server process, like shifted-clock.ts: answers the fetch of Microsoft's
// signing keys with the test's key set (WYGC_TEST_ENTRA_JWKS, see test-entra.ts), so that the SSO
// tokens the test signs verify as Microsoft's would. Every other request goes out unchanged.

/** The key set URL of functions/src/auth/entra-token-verifier.ts. */
const microsoftKeySet = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
const testKeySet = process.env.WYGC_TEST_ENTRA_JWKS;

if (testKeySet) {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url !== microsoftKeySet) return realFetch(input, init);
    return Promise.resolve(new Response(testKeySet, { headers: { 'content-type': 'application/json' } }));
  };
}
