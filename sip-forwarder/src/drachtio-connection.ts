import type { Logger } from 'pino';
import type { ForwarderConfig } from './config.ts';
import type { ForwarderMetrics } from './forwarder-metrics.ts';
import type { SrfPort } from './srf-port.ts';

export interface DrachtioConnection {
  /** Starts connecting; drachtio-srf retries with a growing delay until it gets through, and after every drop. */
  connect(): void;
  disconnect(): void;
  readonly connected: boolean;
}

/**
 * The inbound connection to drachtio-server. Losing it loses nothing but the calls in setup at that
 * moment: the tables live in this process, and drachtio-srf reconnects with backoff (150 ms growing
 * by 1.7x up to the configured maximum).
 */
export const createDrachtioConnection = (deps: {
  readonly srf: SrfPort;
  readonly config: ForwarderConfig['drachtio'];
  readonly logger: Logger;
  readonly metrics: ForwarderMetrics;
}): DrachtioConnection => {
  const { srf, config, metrics } = deps;
  const logger = deps.logger.child({ drachtio: `${config.host}:${config.port}` });
  let connected = false;
  let stopping = false;
  let outageReported = false;

  const setConnected = (value: boolean) => {
    connected = value;
    metrics.drachtioConnected.set(value ? 1 : 0);
  };

  const close = () => {
    try {
      srf.disconnect();
    } catch {
      // Not connected at the moment: drachtio-srf has nothing to close, and it stops retrying all the same.
    }
  };

  srf.on('connect', (error, hostport) => {
    if (stopping) {
      // A retry that was already scheduled when we stopped got through; drop it.
      close();
      return;
    }
    if (error) {
      logger.error({ err: error }, 'drachtio-server refused the connection (check the secret)');
      return;
    }
    setConnected(true);
    outageReported = false;
    logger.info({ hostport }, 'connected to drachtio-server');
  });
  srf.on('close', () => {
    const wasConnected = connected;
    setConnected(false);
    if (wasConnected && !stopping) logger.warn('connection to drachtio-server lost; reconnecting');
  });
  srf.on('reconnecting', (info) => {
    logger.debug({ delayMs: info.delay, attempt: info.attempt }, 'reconnecting to drachtio-server');
  });
  // Without a listener drachtio-srf's 'error' would be thrown; one line per outage is enough in the log.
  srf.on('error', (error) => {
    if (stopping) return;
    if (!outageReported) logger.warn({ err: error }, 'cannot reach drachtio-server; retrying with backoff');
    else logger.debug({ err: error }, 'drachtio-server still unreachable');
    outageReported = true;
  });

  return {
    connect() {
      stopping = false;
      metrics.drachtioConnected.set(0);
      srf.connect({
        host: config.host,
        port: config.port,
        secret: config.secret,
        reconnect: { retryMaxDelay: config.retryMaxDelayMs },
      });
    },
    disconnect() {
      stopping = true;
      setConnected(false);
      close();
    },
    get connected() {
      return connected;
    },
  };
};
