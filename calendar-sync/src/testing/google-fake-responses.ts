/** A response of the fake: status, JSON body (none for 204) and extra headers. */
export interface GoogleFakeResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The Calendar API's error body, as in "Handle API errors" of the Calendar API guides. */
export const googleApiError = (
  status: number,
  reason: string,
  message: string,
  domain = 'global',
): GoogleFakeResponse => ({
  status,
  body: { error: { errors: [{ domain, reason, message }], code: status, message } },
});

/** The documented body for each status tests ask the fake to fail with. */
export const defaultFailure = (status: number): GoogleFakeResponse => {
  switch (status) {
    case 401:
      return googleApiError(401, 'authError', 'Invalid Credentials');
    case 403:
      return googleApiError(403, 'rateLimitExceeded', 'Rate Limit Exceeded', 'usageLimits');
    case 404:
      return googleApiError(404, 'notFound', 'Not Found');
    case 410:
      return googleApiError(
        410,
        'fullSyncRequired',
        'Sync token is no longer valid, a full sync is required.',
      );
    case 429:
      return googleApiError(429, 'rateLimitExceeded', 'Rate Limit Exceeded', 'usageLimits');
    default:
      return status >= 500
        ? googleApiError(status, 'backendError', 'Backend Error')
        : googleApiError(status, 'badRequest', 'Bad Request');
  }
};

/** The token endpoint's error body (RFC 6749 §5.2). */
export const oauthError = (status: number, error: string, description: string): GoogleFakeResponse => ({
  status,
  body: { error, error_description: description },
});
