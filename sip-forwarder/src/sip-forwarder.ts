import type { Store } from '@wygc/routing-core';
import type { Logger } from 'pino';
import { createCallRecorder } from './call-recorder.ts';
import { createCheckSource } from './check-source.ts';
import type { ForwarderConfig } from './config.ts';
import { createSrf } from './create-srf.ts';
import { createDecideTargets } from './decide-targets.ts';
import { createDrachtioConnection } from './drachtio-connection.ts';
import { createFindCalledNumber } from './find-called-number.ts';
import { createForwardCall } from './forward-call.ts';
import { createForwardPlanner } from './forward-plan.ts';
import { createForwarderMetrics, type ForwarderMetrics } from './forwarder-metrics.ts';
import { createHealthServer, type HealthReport } from './health-server.ts';
import type { CallMiddleware } from './inbound-call.ts';
import { createInviteHandler, type HandleInvite } from './invite-handler.ts';
import type { SrfPort } from './srf-port.ts';
import { createTableRegistry } from './table-registry.ts';
import { createTableSync } from './table-sync.ts';
import { createTrustedSources } from './trusted-sources.ts';

export interface SipForwarderDependencies {
  readonly config: ForwarderConfig;
  /** Read for routing tables (list + change feed), written for call records; never on a call's path. */
  readonly store: Store;
  readonly logger: Logger;
  /** An unconnected drachtio-srf instance; start() connects it. A new one when absent. */
  readonly srf?: SrfPort;
  readonly clock?: () => number;
}

export interface SipForwarder {
  /** Loads the tables (store, else the snapshot), opens /healthz and /metrics, and connects to drachtio-server. */
  start(): Promise<void>;
  /** Disconnects, writes the snapshot and the queued call records, and closes the HTTP endpoint. */
  stop(): Promise<void>;
  health(): HealthReport;
  /** The port /healthz and /metrics listen on, once started. */
  readonly httpPort: number | undefined;
  readonly metrics: ForwarderMetrics;
  /** The middleware list, in order; exposed for tests and for the logs' step names. */
  readonly steps: readonly CallMiddleware[];
  /** What srf.invite() is given: one INVITE through the steps. */
  readonly handleInvite: HandleInvite;
  /** A full reload of the tables from the store now (normally periodic); false when it is unreachable. */
  reloadTables(): Promise<boolean>;
  /** Writes queued call records now. */
  flushCallRecords(): Promise<void>;
}

/**
 * The SIP forwarder (DESIGN.md §6): INVITE -> source check -> called number -> decision -> forward,
 * every decision made from routing tables in memory.
 */
export const createSipForwarder = (deps: SipForwarderDependencies): SipForwarder => {
  const { config, store } = deps;
  const clock = deps.clock ?? Date.now;
  const logger = deps.logger.child({ component: 'sip-forwarder' });
  const srf = deps.srf ?? createSrf();
  const trusted = createTrustedSources(config.trustedSources);
  const registry = createTableRegistry({ clock });
  const metrics = createForwarderMetrics(registry);
  const tables = createTableSync({
    store,
    registry,
    snapshotPath: config.snapshotPath,
    logger,
    metrics,
    resyncMs: config.storeResyncMs,
    clock,
  });
  const recorder = createCallRecorder({
    store,
    logger,
    metrics,
    ...config.callRecords,
    onStoreResult: (ok) => metrics.storeUp.set(ok ? 1 : 0),
  });
  const steps: readonly CallMiddleware[] = [
    createCheckSource(trusted),
    createFindCalledNumber(registry, config.region),
    createDecideTargets(metrics),
    createForwardCall({
      mode: config.mode,
      srf,
      trunk: config.trunk,
      planner: createForwardPlanner(config.trunk),
      presentedCaller: config.presentedCaller,
      ...(config.proxyProvisionalTimeoutMs === undefined
        ? {}
        : { proxyProvisionalTimeoutMs: config.proxyProvisionalTimeoutMs }),
      clock,
    }),
  ];
  const invites = createInviteHandler({
    steps,
    recorder,
    metrics,
    mode: config.mode,
    region: config.region,
    logger,
    clock,
  });
  const connection = createDrachtioConnection({ srf, config: config.drachtio, logger, metrics });

  const health = (): HealthReport => {
    const state = tables.state();
    const drachtio = connection.connected ? 'connected' : 'disconnected';
    const routable = registry.size > 0 || state.source !== 'none';
    return {
      status: drachtio === 'connected' && routable ? (state.storeUp ? 'ok' : 'degraded') : 'down',
      mode: config.mode,
      drachtio,
      store: state.storeUp ? 'up' : 'down',
      tables: registry.size,
      tablesFrom: state.source,
    };
  };
  const http = createHealthServer({ ...config.http, registry: metrics.registry, health, logger });
  let httpPort: number | undefined;

  srf.invite((req, res) => {
    void invites.handle(req, res);
  });
  // SBCs ping with OPTIONS to see whether a route is alive.
  srf.options((req, res) => {
    if (trusted.has(req.source_address)) res.send(200, 'OK', {});
    else res.send(403, 'Forbidden', {});
  });

  return {
    async start() {
      await tables.start();
      httpPort = await http.start();
      connection.connect();
      logger.info(
        { mode: config.mode, tables: registry.size, httpPort, trustedSources: config.trustedSources.length },
        'SIP forwarder started',
      );
    },
    async stop() {
      connection.disconnect();
      invites.endActiveCalls();
      await Promise.all([http.stop(), tables.stop(), recorder.stop()]);
      httpPort = undefined;
      logger.info('SIP forwarder stopped');
    },
    health,
    get httpPort() {
      return httpPort;
    },
    metrics,
    steps,
    handleInvite: invites.handle,
    reloadTables: () => tables.reload(),
    flushCallRecords: () => recorder.flush(),
  };
};
