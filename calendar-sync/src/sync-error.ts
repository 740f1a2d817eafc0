export const syncErrorCodes = [
  'AUTH_FAILED',
  'NOT_FOUND',
  'RATE_LIMITED',
  'PROVIDER_UNAVAILABLE',
  'INVALID_RESPONSE',
  'INVALID_NOTIFICATION',
  'UNKNOWN_CHANNEL',
  'INVALID_CONFIG',
  'INTERNAL',
] as const;

export type SyncErrorCode = (typeof syncErrorCodes)[number];

/** Worth trying again later: the provider throttled us or was briefly unavailable. */
const retryableCodes: ReadonlySet<SyncErrorCode> = new Set(['RATE_LIMITED', 'PROVIDER_UNAVAILABLE']);

/**
 * The one error type of calendar-sync. Messages are shown to tenant administrators as "last sync
 * error" and may be logged: they never contain tokens, event subjects or e-mail addresses.
 */
export class SyncError extends Error {
  override readonly name = 'SyncError';
  readonly code: SyncErrorCode;
  /** From a Retry-After header, when the provider sent one. */
  readonly retryAfterMs: number | undefined;
  /** The provider's HTTP status, when there was a response. */
  readonly status: number | undefined;

  constructor(
    code: SyncErrorCode,
    message: string,
    options: { cause?: unknown; retryAfterMs?: number; status?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
  }

  get retryable(): boolean {
    return retryableCodes.has(this.code);
  }
}

export const isSyncError = (error: unknown, code?: SyncErrorCode): error is SyncError =>
  error instanceof SyncError && (code === undefined || error.code === code);

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export const parseRetryAfter = (
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined => {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
};

/** Maps an HTTP status from a provider to the error code the pipeline acts on. */
export const syncErrorFromStatus = (status: number, what: string, retryAfter?: string | null): SyncError => {
  const retryAfterMs = parseRetryAfter(retryAfter);
  const options = { status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if (status === 401 || status === 403)
    return new SyncError('AUTH_FAILED', `${what}: access was refused (${status})`, options);
  if (status === 404) return new SyncError('NOT_FOUND', `${what}: the calendar was not found`, options);
  if (status === 429)
    return new SyncError('RATE_LIMITED', `${what}: the provider is throttling requests`, options);
  if (status >= 500)
    return new SyncError('PROVIDER_UNAVAILABLE', `${what}: the provider answered ${status}`, options);
  return new SyncError('INVALID_RESPONSE', `${what}: unexpected status ${status}`, options);
};
