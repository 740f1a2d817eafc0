import { createIcsGuardedFetch } from './ics-guarded-fetch.ts';
import { createIcsHostGuard, type IcsNetworkPolicy } from './ics-host-guard.ts';
import { SyncError } from './sync-error.ts';

export interface IcsHttpOptions extends IcsNetworkPolicy {
  /**
   * Replaces the default transport, which checks every resolved address against the network policy.
   * A replacement only gets the checks a URL allows (scheme, IP literals), so production keeps the default.
   */
  readonly fetch?: typeof fetch;
  readonly userAgent?: string;
  /** Largest response body accepted; default 5 MB for an ICS feed, 20 MB for a CalDAV listing. */
  readonly maxBytes?: number;
  /** For the whole exchange, body included; default 30 s. */
  readonly timeoutMs?: number;
}

export interface IcsHttpRequest {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal | null;
}

export interface IcsHttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export interface IcsHttpClient {
  request(url: URL, init?: IcsHttpRequest): Promise<IcsHttpResponse>;
}

const defaultIcsMaxBytes = 5 * 1024 * 1024;
const defaultTimeoutMs = 30_000;
const defaultUserAgent = 'WhoYouGonnaCall-calendar-sync/0.1';
const maxRedirects = 5;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

const errorCode = (error: unknown): string | undefined => {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: unknown };
  if (typeof code === 'string') return code;
  return cause === undefined ? undefined : errorCode(cause);
};

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * HTTP for tenant-supplied calendar URLs (ICS feeds and CalDAV servers): every redirect hop is checked
 * against the network policy, bodies are size-limited, the exchange is time-limited, and failures become
 * SyncErrors whose messages never contain the URL (ICS URLs often embed a secret).
 */
export const createIcsHttpClient = (options: IcsHttpOptions, what: string): IcsHttpClient => {
  const guard = createIcsHostGuard(options);
  const transport = options.fetch ?? createIcsGuardedFetch(guard.lookup);
  const maxBytes = options.maxBytes ?? defaultIcsMaxBytes;
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const userAgent = options.userAgent ?? defaultUserAgent;

  const tooLarge = () =>
    new SyncError('INVALID_RESPONSE', `${what}: the response is larger than ${megabytes(maxBytes)}`);

  const readText = async (response: Response): Promise<string> => {
    if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
      await response.body?.cancel();
      throw tooLarge();
    }
    if (!response.body) return '';
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > maxBytes) throw tooLarge();
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  };

  const failure = (error: unknown, caller: AbortSignal | null | undefined, timeout: AbortSignal): unknown => {
    if (error instanceof SyncError) return error;
    if (caller?.aborted) return caller.reason;
    const options = { cause: error };
    if (timeout.aborted) {
      return new SyncError(
        'PROVIDER_UNAVAILABLE',
        `${what}: no complete answer within ${timeoutMs / 1000} s`,
        options,
      );
    }
    const code = errorCode(error) ?? 'network error';
    if (code === 'ENOTFOUND')
      return new SyncError('NOT_FOUND', `${what}: the host name does not exist`, options);
    return new SyncError(
      'PROVIDER_UNAVAILABLE',
      `${what}: the server could not be reached (${code})`,
      options,
    );
  };

  const request = async (url: URL, init: IcsHttpRequest = {}): Promise<IcsHttpResponse> => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let current = url;
    let method = init.method ?? 'GET';
    let body = init.body;
    let headers: Record<string, string> = { 'user-agent': userAgent, ...init.headers };
    try {
      for (let hop = 0; ; hop++) {
        guard.checkUrl(current);
        const response = await transport(current, {
          method,
          headers,
          body: body ?? null,
          signal,
          redirect: 'manual',
        });
        const location = response.headers.get('location');
        if (!redirectStatuses.has(response.status) || location === null) {
          return { status: response.status, headers: response.headers, text: await readText(response) };
        }
        await response.body?.cancel();
        if (hop >= maxRedirects)
          throw new SyncError('INVALID_RESPONSE', `${what}: more than ${maxRedirects} redirects`);
        const next = new URL(location, current);
        // As fetch does: credentials never follow a redirect to another origin.
        if (next.origin !== current.origin) {
          headers = Object.fromEntries(
            Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'),
          );
        }
        if (response.status === 303) {
          method = 'GET';
          body = undefined;
        }
        current = next;
      }
    } catch (error) {
      throw failure(error, init.signal, timeout);
    }
  };

  return { request };
};
