import { SyncError } from './sync-error.ts';

export interface BackoffOptions {
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly random?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly signal?: AbortSignal;
  /** Called before each wait, e.g. to log "retrying in 4 s". */
  readonly onRetry?: (error: SyncError, attempt: number, delayMs: number) => void;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/**
 * Exponential backoff with full jitter (delay uniformly in [0, min(cap, base * 2^n)]); a provider's
 * Retry-After is honoured as the minimum wait, even above the cap. Only retryable SyncErrors are retried.
 */
export const retryWithBackoff = async <T>(
  run: () => Promise<T>,
  options: BackoffOptions = {},
): Promise<T> => {
  const maxAttempts = options.maxAttempts ?? 5;
  const base = options.baseDelayMs ?? 500;
  const cap = options.maxDelayMs ?? 60_000;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof SyncError) || !error.retryable || attempt >= maxAttempts) throw error;
      const jittered = Math.floor(random() * Math.min(cap, base * 2 ** (attempt - 1)));
      const delay = Math.max(jittered, error.retryAfterMs ?? 0);
      options.onRetry?.(error, attempt, delay);
      await sleep(delay, options.signal);
    }
  }
};
