import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { TableRegistry } from './table-registry.ts';

/**
 * What a call ended as, for metrics: a CallRecord outcome, or why it was turned away before a tenant
 * was known (those calls have no CallRecord).
 */
export type CallMetricOutcome =
  | 'answered'
  | 'redirected'
  | 'no-answer'
  | 'busy'
  | 'failed'
  | 'refused'
  | 'cancelled'
  | 'forbidden'
  | 'malformed'
  | 'unknown-number'
  | 'error';

export interface ForwarderMetrics {
  /** Its own registry, so that an all-in-one process can expose it beside others without clashes. */
  readonly registry: Registry;
  readonly calls: Counter<'mode' | 'outcome'>;
  /** Lookup plus resolve, inside the app: what the routing core adds to call setup. */
  readonly decisionSeconds: Histogram;
  readonly storeUp: Gauge;
  readonly drachtioConnected: Gauge;
  readonly callRecordsQueued: Gauge;
  readonly callRecordsWritten: Counter;
  readonly callRecordsDropped: Counter;
  readonly tableUpdates: Counter<'source'>;
}

/** Decisions take microseconds; the 50 µs bucket edge is the target (DESIGN.md §9 bench). */
export const decisionBuckets = [1e-6, 2.5e-6, 5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 1e-3, 1e-2];

export const createForwarderMetrics = (tables: TableRegistry): ForwarderMetrics => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'wygc_sip_' });
  const registers = [registry];
  new Gauge({
    name: 'wygc_sip_routing_tables',
    help: 'Routing tables held in memory',
    registers,
    collect() {
      this.set(tables.size);
    },
  });
  // Labelled by tenant and number id, never by DID: a DID is a phone number.
  new Gauge({
    name: 'wygc_sip_routing_table_version',
    help: 'Version of the routing table held for each number',
    labelNames: ['tenant_id', 'number_id'],
    registers,
    collect() {
      this.reset();
      for (const entry of tables.entries()) {
        this.set({ tenant_id: entry.tenantId, number_id: entry.numberId }, entry.version);
      }
    },
  });
  return {
    registry,
    calls: new Counter({
      name: 'wygc_sip_calls_total',
      help: 'INVITEs handled, by forwarding mode and outcome',
      labelNames: ['mode', 'outcome'],
      registers,
    }),
    decisionSeconds: new Histogram({
      name: 'wygc_sip_decision_seconds',
      help: 'Time to find the number and resolve who rings, in the app',
      buckets: decisionBuckets,
      registers,
    }),
    storeUp: new Gauge({
      name: 'wygc_sip_store_up',
      help: '1 when the last store operation succeeded, 0 when it failed',
      registers,
    }),
    drachtioConnected: new Gauge({
      name: 'wygc_sip_drachtio_connected',
      help: '1 while connected and authenticated to drachtio-server',
      registers,
    }),
    callRecordsQueued: new Gauge({
      name: 'wygc_sip_call_records_queued',
      help: 'Call records waiting to be written to the store',
      registers,
    }),
    callRecordsWritten: new Counter({
      name: 'wygc_sip_call_records_written_total',
      help: 'Call records written to the store',
      registers,
    }),
    callRecordsDropped: new Counter({
      name: 'wygc_sip_call_records_dropped_total',
      help: 'Call records given up on (queue full or refused by the store)',
      registers,
    }),
    tableUpdates: new Counter({
      name: 'wygc_sip_table_updates_total',
      help: 'Routing table sets loaded or changes applied, by where they came from',
      labelNames: ['source'],
      registers,
    }),
  };
};
