import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

/**
 * msal-node's network module over an injected fetch, so token requests go through the same fetch as
 * Graph calls (a proxy-aware fetch in production, one that trusts the local fake's certificate in tests).
 * msal only reads JSON bodies: discovery documents and token responses, errors included.
 */
export const createGraphMsalNetworkClient = (fetchFn: typeof fetch): INetworkModule => {
  const send = async <T>(
    url: string,
    method: 'GET' | 'POST',
    options: NetworkRequestOptions | undefined,
    timeoutMs?: number,
  ): Promise<NetworkResponse<T>> => {
    const response = await fetchFn(url, {
      method,
      headers: options?.headers ?? {},
      ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
      ...(timeoutMs ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
    });
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: (await response.json()) as T,
    };
  };
  return {
    sendGetRequestAsync: (url, options, timeoutMs) => send(url, 'GET', options, timeoutMs),
    sendPostRequestAsync: (url, options) => send(url, 'POST', options),
  };
};
