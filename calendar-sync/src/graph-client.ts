import { z } from 'zod';
import type { GraphTokenProvider } from './graph-token-provider.ts';
import { SyncError, syncErrorFromStatus } from './sync-error.ts';

export const defaultGraphBaseUrl = 'https://graph.microsoft.com/v1.0';

export interface GraphClientConfig {
  readonly tokens: GraphTokenProvider;
  readonly baseUrl?: string;
  readonly fetch?: typeof fetch;
}

export interface GraphRequest {
  readonly tenantId: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** A path below the API root ("users/x/calendar"), or a nextLink/deltaLink Graph handed out. */
  readonly target: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal | undefined;
  /** Names the operation in error messages ("calendar delta"). */
  readonly what: string;
}

/** A Graph answer of any status, with its JSON body (undefined when empty). */
export interface GraphResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

export interface GraphClient {
  send(request: GraphRequest): Promise<GraphResponse>;
  /** Sends, maps a non-2xx answer to a SyncError, and validates the body. */
  request<T>(request: GraphRequest, schema: z.ZodType<T>): Promise<T>;
}

const graphErrorSchema = z.object({ error: z.object({ code: z.string() }) });

/** The `error.code` of a Graph error body ("syncStateNotFound", "ErrorItemNotFound"), if it has one. */
export const graphErrorCode = (body: unknown): string | undefined => {
  const parsed = graphErrorSchema.safeParse(body);
  return parsed.success ? parsed.data.error.code : undefined;
};

export const graphResponseError = (response: GraphResponse, what: string): SyncError =>
  syncErrorFromStatus(response.status, what, response.headers.get('retry-after'));

const parseBody = (text: string, what: string): unknown => {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new SyncError('INVALID_RESPONSE', `${what}: Microsoft Graph sent a body that is not JSON`, {
      cause,
    });
  }
};

/**
 * HTTP to Microsoft Graph with the tenant's bearer token. Links Graph hands out are followed only when
 * they point below our API root, so a token never leaves for another host.
 */
export const createGraphClient = (config: GraphClientConfig): GraphClient => {
  const root = new URL(`${(config.baseUrl ?? defaultGraphBaseUrl).replace(/\/+$/, '')}/`);
  const fetchFn = config.fetch ?? globalThis.fetch;

  const resolve = (target: string, what: string): URL => {
    const url = new URL(target, root);
    if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) {
      throw new SyncError('INVALID_RESPONSE', `${what}: Microsoft Graph linked outside its API root`);
    }
    return url;
  };

  const send = async (request: GraphRequest): Promise<GraphResponse> => {
    const url = resolve(request.target, request.what);
    const token = await config.tokens.getToken(request.tenantId);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...request.headers,
      authorization: `Bearer ${token}`,
    };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchFn(url, {
        method: request.method,
        headers,
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      });
    } catch (cause) {
      if (request.signal?.aborted) throw request.signal.reason;
      throw new SyncError('PROVIDER_UNAVAILABLE', `${request.what}: Microsoft Graph could not be reached`, {
        cause,
      });
    }
    return {
      status: response.status,
      headers: response.headers,
      body: parseBody(await response.text(), request.what),
    };
  };

  return {
    send,
    request: async (request, schema) => {
      const response = await send(request);
      if (response.status < 200 || response.status > 299) throw graphResponseError(response, request.what);
      const parsed = schema.safeParse(response.body);
      if (!parsed.success) {
        throw new SyncError('INVALID_RESPONSE', `${request.what}: Microsoft Graph sent an unexpected body`, {
          cause: parsed.error,
          status: response.status,
        });
      }
      return parsed.data;
    },
  };
};
