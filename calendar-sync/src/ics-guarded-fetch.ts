import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { SyncError } from './sync-error.ts';

const nullBodyStatuses = new Set([101, 204, 205, 304]);

const toHeaders = (response: IncomingMessage): Headers => {
  const headers = new Headers();
  const raw = response.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  return headers;
};

const toResponse = (response: IncomingMessage): Response => {
  const status = response.statusCode ?? 502;
  const init = { status, statusText: response.statusMessage ?? '', headers: toHeaders(response) };
  if (nullBodyStatuses.has(status)) {
    response.resume();
    return new Response(null, init);
  }
  return new Response(Readable.toWeb(response) as ReadableStream<Uint8Array>, init);
};

const requestBody = (body: RequestInit['body']): string | Uint8Array | undefined => {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  throw new SyncError('INTERNAL', 'the calendar HTTP transport only sends text or byte bodies');
};

/**
 * A `fetch` over node:http whose connections resolve host names through `lookup`: global fetch cannot
 * take a lookup, and checking an address before fetch resolves it again would let DNS rebinding
 * slip a private address in. Redirects are returned, not followed, so that each hop is checked.
 */
export const createIcsGuardedFetch =
  (lookup: LookupFunction): typeof fetch =>
  (input, init = {}) => {
    if (input instanceof Request) {
      return Promise.reject(
        new SyncError('INTERNAL', 'the calendar HTTP transport takes a URL, not a Request'),
      );
    }
    const url = new URL(input);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const body = requestBody(init.body);
    return new Promise<Response>((resolve, reject) => {
      const request = send(url, {
        method: init.method ?? 'GET',
        headers: Object.fromEntries(new Headers(init.headers)),
        lookup,
        ...(init.signal ? { signal: init.signal } : {}),
      });
      request.once('response', (response) => resolve(toResponse(response)));
      request.on('error', reject);
      request.end(body);
    });
  };
