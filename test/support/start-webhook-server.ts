import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the webhook routes see it: decoded query, raw headers and the body as text. */
export interface WebhookRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string | readonly string[]>>;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface WebhookAnswer {
  readonly status: number;
  readonly contentType?: string;
  readonly body?: string;
}

export type WebhookRoute = (request: WebhookRequest) => Promise<WebhookAnswer>;

export interface WebhookServer {
  /** http://127.0.0.1:port, without a trailing slash; a route "/x" is at `${url}/x`. */
  readonly url: string;
  /** Every POST received so far, with the answer it got, oldest first. */
  readonly received: readonly (WebhookRequest & { readonly status: number })[];
  stop(): Promise<void>;
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** Groups repeated query parameters the way a framework's query parser does. */
const queryOf = (params: URLSearchParams): WebhookRequest['query'] => {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    query[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return query;
};

/**
 * A loopback HTTP server that mounts webhook handlers by path, the way the functions' HTTP layer does:
 * POST only, the body read in full, the handler's answer written back as it is.
 */
export const startWebhookServer = async (
  routes: Readonly<Record<string, WebhookRoute>>,
): Promise<WebhookServer> => {
  const received: (WebhookRequest & { status: number })[] = [];
  const server = createServer((incoming, response) => {
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const route = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
    if (!route || incoming.method !== 'POST') {
      response.writeHead(404).end();
      return;
    }
    readBody(incoming)
      .then(async (body) => {
        const request: WebhookRequest = {
          method: incoming.method ?? 'POST',
          path: url.pathname,
          query: queryOf(url.searchParams),
          headers: incoming.headers,
          body,
        };
        const answer = await route(request);
        received.push({ ...request, status: answer.status });
        response.writeHead(answer.status, answer.contentType ? { 'content-type': answer.contentType } : {});
        response.end(answer.body);
      })
      .catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
