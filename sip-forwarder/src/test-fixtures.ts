import { type RoutingTable, type RoutingTarget, type TargetGroup, toE164 } from '@wygc/routing-core';
import { pino } from 'pino';
import type { ForwarderConfig } from './config.ts';
import type { TableEntry } from './table-registry.ts';

// Shared test data: valid Dutch numbers (libphonenumber accepts them) and a table builder. Only for tests.

export const did = toE164('+31501234567');
export const jd: RoutingTarget = { key: 'JD', phone: toE164('+31612345678') };
export const pk: RoutingTarget = { key: 'PK', phone: toE164('+31623456789') };
export const ab: RoutingTarget = { key: 'AB', phone: toE164('+31634567890') };
export const fallbackNumber: RoutingTarget = { phone: toE164('+31201234567') };

/** 2027-03-26T12:00:00Z: inside every fixture table's duty slice. */
export const onDuty = Date.UTC(2027, 2, 26, 12);
/** Outside the duty slice but inside the horizon. */
export const offDuty = Date.UTC(2027, 2, 20, 12);

export const tableOf = (
  options: {
    groups?: readonly TargetGroup[];
    fallback?: RoutingTarget | null;
    version?: number;
    ringSeconds?: number;
    did?: string;
  } = {},
): RoutingTable => ({
  format: 1,
  did: options.did === undefined ? did : toE164(options.did),
  version: options.version ?? 1,
  compiledAt: Date.UTC(2027, 2, 1),
  timeZone: 'Europe/Amsterdam',
  horizon: { start: Date.UTC(2027, 2, 1), end: Date.UTC(2027, 4, 1) },
  ringSeconds: options.ringSeconds ?? 20,
  strategy: 'sequential',
  overlapPolicy: 'layered',
  fallback: options.fallback === undefined ? fallbackNumber : options.fallback,
  slices: [
    {
      start: Date.UTC(2027, 2, 26),
      end: Date.UTC(2027, 2, 27),
      groups: options.groups ?? [[jd]],
      events: ['weekend'],
    },
  ],
});

export const entryOf = (table: RoutingTable, tenantId = 't1', numberId = 'n1'): TableEntry => ({
  tenantId,
  numberId,
  did: table.did ?? did,
  version: table.version,
  table,
});

export const testConfig = (overrides: Partial<ForwarderConfig> = {}): ForwarderConfig => ({
  drachtio: { host: '127.0.0.1', port: 9022, secret: 'cymru', retryMaxDelayMs: 1000 },
  mode: 'redirect',
  trustedSources: ['192.0.2.0/24'],
  trunk: { host: 'trunk.example.net', port: 5060 },
  region: 'NL',
  presentedCaller: 'caller',
  snapshotPath: '/nonexistent/sip-forwarder-tables.json',
  http: { host: '127.0.0.1', port: 0 },
  callRecords: { batchSize: 10, flushIntervalMs: 50, maxQueued: 1000 },
  storeResyncMs: 60_000,
  logLevel: 'silent',
  ...overrides,
});

export const silentLogger = () => pino({ level: 'silent' });
