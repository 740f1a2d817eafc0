import { gzipSync } from 'node:zlib';
import {
  compileCalendar,
  compileRoutingTable,
  createContactDirectory,
  expandEvents,
  parseRoutingTable,
  type RoutingTable,
  resolve,
} from '@wygc/routing-core';
import type { BenchReport } from './bench-report.ts';
import { type BusyRoster, createBusyRoster } from './busy-roster.ts';
import { countLookupGcs } from './count-lookup-gcs.ts';
import { formatNumber } from './format-number.ts';
import { createLookupInstants } from './lookup-instants.ts';
import { measureLookupLatency } from './measure-lookup-latency.ts';
import { medianDuration } from './median-duration.ts';
import { createSeededRandom } from './seeded-random.ts';

const seed = 2027;
const compileRuns = 10;
const allocationLookups = 5_000_000;
/** 2^20 instants: more than the CPU caches hold, so lookups do not replay a cached pattern. */
const instantCountLog2 = 20;
const lookupTarget = { comparison: '<', value: 2_000 } as const;
const compileTarget = { comparison: '<', value: 200 } as const;

const rosterOptions = { seed, year: 2027, contactCount: 50, overrideShare: 0.1 } as const;
const latencyOptions = {
  warmupLookups: 200_000,
  batches: 500,
  batchSize: 1_000,
  singleCalls: 200_000,
} as const;

const compileInputOf = (roster: BusyRoster) => ({
  contacts: createContactDirectory(roster.contacts),
  settings: { did: '+31501234567', fallback: '020 123 4567', ringSeconds: 20 },
  horizon: roster.horizon,
  timeZone: roster.timeZone,
  version: 1,
  compiledAt: roster.horizon.start,
});

const reportCompile = (report: BenchReport, roster: BusyRoster): RoutingTable => {
  const input = compileInputOf(roster);
  const events = [...roster.single, ...roster.recurring];
  const expandOptions = { horizon: roster.horizon, timeZone: roster.timeZone };
  const instances = expandEvents(events, expandOptions);
  const { table, unmatched } = compileRoutingTable({ ...input, instances });
  const runs = `median of ${compileRuns}`;

  report.figure({ name: 'calendar events', value: events.length, unit: '' });
  report.figure({ name: 'event instances in the horizon', value: instances.length, unit: '' });
  report.figure({ name: 'unmatched instances', value: unmatched.length, unit: '' });
  report.figure({ name: 'table slices', value: table.slices.length, unit: '' });
  report.figure({
    name: 'expandEvents, weekly series only',
    value: medianDuration(compileRuns, () => expandEvents(roster.recurring, expandOptions)),
    unit: 'ms',
    detail: runs,
  });
  report.figure({
    name: 'expandEvents, whole calendar',
    value: medianDuration(compileRuns, () => expandEvents(events, expandOptions)),
    unit: 'ms',
    detail: runs,
  });
  report.figure({
    name: 'compileRoutingTable from instances',
    value: medianDuration(compileRuns, () => compileRoutingTable({ ...input, instances })),
    unit: 'ms',
    detail: runs,
  });
  report.figure({
    name: 'compileCalendar (expand + compile)',
    value: medianDuration(compileRuns, () => compileCalendar({ ...input, events })),
    unit: 'ms',
    detail: runs,
    target: compileTarget,
  });
  return table;
};

const reportSize = (report: BenchReport, table: RoutingTable): void => {
  const json = JSON.stringify(table);
  report.figure({ name: 'table as JSON', value: Buffer.byteLength(json), unit: 'B' });
  report.figure({ name: 'table as gzipped JSON', value: gzipSync(json).length, unit: 'B' });
  report.figure({
    name: 'load: JSON.parse + parseRoutingTable',
    value: medianDuration(compileRuns, () => parseRoutingTable(JSON.parse(json))),
    unit: 'ms',
    detail: `median of ${compileRuns}`,
  });
  // resolve() prepares a table's decisions on its first lookup, so every run needs a table it has not seen;
  // medianDuration makes one untimed warm-up run besides the timed ones.
  const copies = Array.from({ length: compileRuns + 1 }, () => structuredClone(table));
  let copy = 0;
  report.figure({
    name: 'first lookup on a new table (prepares it)',
    value: medianDuration(compileRuns, () => resolve(copies[copy++] as RoutingTable, table.horizon.start)),
    unit: 'ms',
    detail: `median of ${compileRuns}`,
  });
};

const reportLatency = (report: BenchReport, table: RoutingTable, instants: Float64Array): void => {
  const latency = measureLookupLatency(table, instants, latencyOptions);
  const batches = `${latencyOptions.batches} batches of ${formatNumber(latencyOptions.batchSize)}`;
  const singles = `${formatNumber(latencyOptions.singleCalls)} calls, timer overhead included`;
  report.figure({
    name: 'lookup, batched: median per call',
    value: latency.batched.median,
    unit: 'ns',
    detail: batches,
  });
  report.figure({
    name: 'lookup, batched: p99 per call',
    value: latency.batched.p99,
    unit: 'ns',
    detail: batches,
    target: lookupTarget,
  });
  report.figure({
    name: 'lookup, single call: median',
    value: latency.single.median,
    unit: 'ns',
    detail: singles,
  });
  report.figure({
    name: 'lookup, single call: p99',
    value: latency.single.p99,
    unit: 'ns',
    detail: singles,
    target: lookupTarget,
  });
  report.figure({ name: 'lookup, single call: max', value: latency.single.max, unit: 'ns', detail: singles });
  report.figure({
    name: 'timer overhead (hrtime.bigint pair): median',
    value: latency.timerOverhead.median,
    unit: 'ns',
  });
  report.figure({
    name: 'timer overhead (hrtime.bigint pair): p99',
    value: latency.timerOverhead.p99,
    unit: 'ns',
  });
  report.figure({
    name: 'attempts per decision (mean)',
    value: latency.attempts / latency.lookups,
    unit: '',
  });
};

const reportAllocation = async (report: BenchReport, table: RoutingTable, instants: Float64Array) => {
  const { gcs, lookups, heapGrowthBytes, attempts } = await countLookupGcs(
    table,
    instants,
    allocationLookups,
  );
  // Any allocation is at least one 16-byte object, so bytes per lookup below 0.5 round to none.
  const bytesPerLookup = Math.max(0, heapGrowthBytes) / lookups;
  report.figure({
    name: 'allocations per lookup',
    value: Math.round(bytesPerLookup),
    unit: 'B',
    detail: `${gcs} GCs in ${formatNumber(lookups)} lookups; heap ${heapGrowthBytes >= 0 ? '+' : ''}${formatNumber(heapGrowthBytes)} B overall`,
  });
  report.figure({
    name: 'GCs during lookups',
    value: gcs,
    unit: '',
    detail: `${formatNumber(lookups)} lookups returning ${formatNumber(attempts)} attempts`,
    target: { comparison: '<=', value: 0 },
  });
};

/**
 * The routing core on a year of a busy roster: compile time, table size, lookup latency and proof that
 * a lookup allocates nothing. Deterministic: the same seed gives the same roster and instants.
 */
export const runRoutingCoreBench = async (report: BenchReport): Promise<void> => {
  const roster = createBusyRoster(rosterOptions);
  const table = reportCompile(report, roster);
  reportSize(report, table);
  const instants = createLookupInstants(createSeededRandom(seed), table.horizon, instantCountLog2);
  reportLatency(report, table, instants);
  await reportAllocation(report, table, instants);
};
