import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphWebhookHandler, GraphWebhookRequest } from '../graph-webhook-exchange.ts';

export interface GraphWebhookServer {
  /** http://127.0.0.1:port; each handler is at `${url}/${name}`. */
  readonly url: string;
  stop(): Promise<void>;
}

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });

/** Groups repeated query parameters the way a framework's query parser does. */
const queryOf = (params: URLSearchParams): GraphWebhookRequest['query'] => {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    query[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return query;
};

/** Mounts Graph webhook handlers on a loopback HTTP server, as the HTTP layer will in production. */
export const startGraphWebhookServer = async (
  handlers: Readonly<Record<string, GraphWebhookHandler>>,
): Promise<GraphWebhookServer> => {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const handler = handlers[url.pathname.slice(1)];
    if (!handler || request.method !== 'POST') {
      response.writeHead(404).end();
      return;
    }
    readBody(request)
      .then((body) => handler({ query: queryOf(url.searchParams), headers: request.headers, body }))
      .then((answer) => {
        response.writeHead(answer.status, answer.contentType ? { 'content-type': answer.contentType } : {});
        response.end(answer.body);
      })
      .catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
