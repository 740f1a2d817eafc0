import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

export interface HealthReport {
  /** ok: taking calls; degraded: taking calls from memory or the snapshot, store down; down: not taking calls. */
  readonly status: 'ok' | 'degraded' | 'down';
  readonly mode: string;
  readonly drachtio: 'connected' | 'disconnected';
  readonly store: 'up' | 'down';
  readonly tables: number;
  readonly tablesFrom: 'store' | 'snapshot' | 'none';
}

export interface HealthServer {
  /** Resolves with the port it listens on. */
  start(): Promise<number>;
  stop(): Promise<void>;
}

export interface HealthServerDependencies {
  readonly host: string;
  readonly port: number;
  readonly registry: Registry;
  readonly health: () => HealthReport;
  readonly logger: Logger;
}

/** GET /healthz (200 while calls can be routed, 503 otherwise) and GET /metrics for Prometheus. */
export const createHealthServer = (deps: HealthServerDependencies): HealthServer => {
  let server: Server | undefined;

  const handle = async (method: string | undefined, path: string) => {
    if (method !== 'GET' && method !== 'HEAD') {
      return { status: 405, type: 'text/plain', body: 'method not allowed\n' };
    }
    if (path === '/healthz') {
      const report = deps.health();
      return {
        status: report.status === 'down' ? 503 : 200,
        type: 'application/json',
        body: `${JSON.stringify(report)}\n`,
      };
    }
    if (path === '/metrics') {
      return { status: 200, type: deps.registry.contentType, body: await deps.registry.metrics() };
    }
    return { status: 404, type: 'text/plain', body: 'not found\n' };
  };

  return {
    start() {
      const listening = createServer((request, response) => {
        const path = (request.url ?? '/').split('?')[0] ?? '/';
        handle(request.method, path)
          .then(({ status, type, body }) => {
            response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
            response.end(request.method === 'HEAD' ? undefined : body);
          })
          .catch((error: unknown) => {
            deps.logger.error({ err: error }, 'health endpoint failed');
            response.writeHead(500).end();
          });
      });
      server = listening;
      return new Promise((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(deps.port, deps.host, () => {
          listening.off('error', reject);
          resolve((listening.address() as AddressInfo).port);
        });
      });
    },
    stop() {
      const closing = server;
      server = undefined;
      if (!closing) return Promise.resolve();
      return new Promise((resolve) => {
        closing.close(() => resolve());
        closing.closeAllConnections();
      });
    },
  };
};
