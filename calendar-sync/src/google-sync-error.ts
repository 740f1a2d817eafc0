import { Common } from 'googleapis';
import { z } from 'zod';
import { parseRetryAfter, SyncError, syncErrorFromStatus } from './sync-error.ts';

/** The Calendar API's error body: `{ error: { code, message, errors: [{ domain, reason, message }] } }`. */
const apiErrorBodySchema = z.object({
  error: z.object({
    errors: z.array(z.object({ domain: z.string().optional(), reason: z.string().optional() })).optional(),
  }),
});

/** The token endpoint's error body (RFC 6749 §5.2): `{ error: "invalid_grant", error_description }`. */
const oauthErrorBodySchema = z.object({ error: z.string().regex(/^[a-z_]+$/) });

/** Google throttles with 403 as well as 429; the reason tells throttling from a refusal. */
const throttleReasons: ReadonlySet<string> = new Set([
  'rateLimitExceeded',
  'userRateLimitExceeded',
  'quotaExceeded',
  'dailyLimitExceeded',
]);

interface ApiReason {
  readonly domain?: string | undefined;
  readonly reason?: string | undefined;
}

const reasonsOf = (body: unknown): readonly ApiReason[] =>
  apiErrorBodySchema.safeParse(body).data?.error.errors ?? [];

const isThrottled = (reasons: readonly ApiReason[]): boolean =>
  reasons.some(
    (r) => r.domain === 'usageLimits' || (r.reason !== undefined && throttleReasons.has(r.reason)),
  );

/** Reasons are Google's fixed codes ("fullSyncRequired"), safe to show; Google's messages are not repeated. */
const labelled = (what: string, reasons: readonly ApiReason[]): string => {
  const reason = reasons[0]?.reason;
  return reason !== undefined && /^[A-Za-z]+$/.test(reason) ? `${what} (${reason})` : what;
};

const throttled = (status: number, what: string, retryAfter: string | null): SyncError => {
  const retryAfterMs = parseRetryAfter(retryAfter);
  return new SyncError('RATE_LIMITED', `${what}: the provider is throttling requests`, {
    status,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
};

/**
 * Maps whatever a googleapis call threw to a SyncError. The gaxios error is never kept as the cause:
 * its request options carry the access token and the calendar id.
 */
export const googleSyncError = (error: unknown, what: string): SyncError => {
  if (error instanceof SyncError) return error;
  if (!(error instanceof Common.GaxiosError)) {
    return new SyncError('INTERNAL', `${what}: the request could not be made`, { cause: error });
  }
  const { response } = error;
  if (!response) {
    const code = typeof error.code === 'string' && /^[A-Z_]+$/.test(error.code) ? ` (${error.code})` : '';
    return new SyncError('PROVIDER_UNAVAILABLE', `${what}: Google could not be reached${code}`);
  }
  const { status } = response;
  const oauthError = oauthErrorBodySchema.safeParse(response.data);
  if (oauthError.success && status < 500) {
    return new SyncError(
      'AUTH_FAILED',
      `${what}: Google refused the credentials (${oauthError.data.error})`,
      { status },
    );
  }
  const reasons = reasonsOf(response.data);
  const retryAfter = response.headers.get('retry-after');
  if ((status === 403 || status === 429) && isThrottled(reasons)) {
    return throttled(status, labelled(what, reasons), retryAfter);
  }
  return syncErrorFromStatus(status, labelled(what, reasons), retryAfter);
};
