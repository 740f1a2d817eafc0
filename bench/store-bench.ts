import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileTables } from '@wygc/calendar-sync';
import type { CalendarEvent, TenantStore } from '@wygc/routing-core';
import { createDataKeys, createLocalKeyFileKeyring, createSqliteDriver, createStore } from '@wygc/store';
import type { BenchReport } from './bench-report.ts';
import { createBusyRoster } from './busy-roster.ts';
import { summarizeSamples } from './sample-summary.ts';

const eventCount = 10_000;
const batchSize = 500;
const admin = { actor: 'system:bench' };

const time = async (action: () => Promise<unknown>): Promise<number> => {
  const start = performance.now();
  await action();
  return performance.now() - start;
};

const upserts = (events: readonly CalendarEvent[]) =>
  events.map((event) => ({ externalId: event.uid, event }));

/**
 * The embedded store under a tenant with 10,000 duty events: how fast a sync can write events, and
 * how long publishing a recompiled routing table takes once they are there.
 */
export const runStoreBench = async (report: BenchReport): Promise<void> => {
  const dir = await mkdtemp(join(tmpdir(), 'wygc-store-bench-'));
  const store = createStore({
    driver: createSqliteDriver({ path: join(dir, 'wygc.sqlite') }),
    dataKeys: createDataKeys({ keyring: createLocalKeyFileKeyring({ path: join(dir, 'keys.json') }) }),
    lookupKey: new Uint8Array(32).fill(5),
  });
  try {
    const roster = createBusyRoster({ seed: 2027, year: 2027, contactCount: 50, overrideShare: 0.1 });
    const events = roster.single.slice(0, eventCount);
    const created = await store.tenants.create({ name: 'Bench' }, admin);
    const tenant: TenantStore = store.forTenant(created.id, admin);
    for (const contact of roster.contacts)
      await tenant.contacts.create({ key: contact.key, phone: contact.phone });
    const source = await tenant.sources.create({
      provider: 'ics',
      externalId: 'https://bench.invalid/a.ics',
      name: 'Bench',
      timeZone: roster.timeZone,
    });
    const number = await tenant.numbers.create({
      did: '+31507000000',
      name: 'Bench',
      sourceIds: [source.id],
    });

    const single = new Float64Array(200);
    for (let i = 0; i < single.length; i++) {
      single[i] = await time(() =>
        tenant.commitSync({
          sourceId: source.id,
          changes: { upserts: upserts(events.slice(i, i + 1)), deletes: [] },
        }),
      );
    }
    const singleSummary = summarizeSamples(single);
    report.figure({
      name: 'sync commit of 1 event: median',
      value: singleSummary.median,
      unit: 'ms',
      detail: '200 commits, encrypted, audited',
    });
    report.figure({ name: 'sync commit of 1 event: p99', value: singleSummary.p99, unit: 'ms' });

    let written = 0;
    const bulk = await time(async () => {
      for (let offset = 0; offset < events.length; offset += batchSize) {
        const batch = events.slice(offset, offset + batchSize);
        await tenant.commitSync({ sourceId: source.id, changes: { upserts: upserts(batch), deletes: [] } });
        written += batch.length;
      }
    });
    report.figure({
      name: 'duty event writes',
      value: Math.round(written / (bulk / 1000)),
      unit: 'ev/s',
      detail: `${written.toLocaleString('en')} events in commits of ${batchSize}`,
    });

    const publish = new Float64Array(10);
    const recompile = new Float64Array(10);
    for (let i = 0; i < publish.length; i++) {
      let publications: Awaited<ReturnType<typeof compileTables>> = [];
      recompile[i] = await time(async () => {
        publications = await compileTables({ tenant, now: Date.parse('2027-03-01T00:00:00Z') });
      });
      publish[i] = await time(() => tenant.tables.publish(publications));
    }
    const published = await tenant.tables.get(number.id);
    report.figure({
      name: 'table recompile from the store',
      value: summarizeSamples(recompile).median,
      unit: 'ms',
      detail: `median of 10; ${events.length.toLocaleString('en')} events, ${published?.table.slices.length ?? 0} slices in the horizon`,
    });
    report.figure({
      name: 'routing-table publish latency',
      value: summarizeSamples(publish).median,
      unit: 'ms',
      detail: 'median of 10; version bump + encrypted write + change feed',
    });
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
};
