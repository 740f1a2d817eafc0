import type { NewCallRecord, Store } from '@wygc/routing-core';
import { describe, expect, it } from 'vitest';
import { createCallRecorder } from './call-recorder.ts';
import { createForwarderMetrics } from './forwarder-metrics.ts';
import { createTableRegistry } from './table-registry.ts';
import { did, silentLogger } from './test-fixtures.ts';

const record = (callId: string): NewCallRecord => ({
  callId,
  did,
  caller: '+31612345678',
  startedAt: 1,
  endedAt: 2,
  tableVersion: 1,
  reason: 'duty',
  attempts: [],
  outcome: 'redirected',
});

/** A store whose calls.append is scripted per call; it remembers every batch it was given. */
const fakeStore = (append: (tenantId: string, records: readonly NewCallRecord[]) => Promise<void>) => {
  const batches: { tenantId: string; callIds: string[] }[] = [];
  const store = {
    forTenant: (tenantId: string) => ({
      calls: {
        append: async (records: readonly NewCallRecord[]) => {
          batches.push({ tenantId, callIds: records.map((r) => r.callId) });
          await append(tenantId, records);
          return [];
        },
      },
    }),
  } as unknown as Store;
  return { store, batches };
};

const recorderFor = (store: Store, options: { batchSize?: number; maxQueued?: number } = {}) => {
  const metrics = createForwarderMetrics(createTableRegistry());
  const results: boolean[] = [];
  const recorder = createCallRecorder({
    store,
    logger: silentLogger(),
    metrics,
    batchSize: options.batchSize ?? 3,
    flushIntervalMs: 20,
    maxQueued: options.maxQueued ?? 100,
    onStoreResult: (ok) => results.push(ok),
  });
  return { recorder, metrics, results };
};

const metricValue = async (metrics: ReturnType<typeof createForwarderMetrics>, name: string) =>
  (await metrics.registry.getSingleMetric(name)?.get())?.values[0]?.value;

describe('createCallRecorder', () => {
  it('writes records in batches per tenant, in order', async () => {
    const { store, batches } = fakeStore(async () => {});
    const { recorder, metrics } = recorderFor(store);
    for (const id of ['a', 'b', 'c', 'd']) recorder.record('t1', record(id));
    recorder.record('t2', record('e'));
    await expect.poll(() => recorder.queued).toBe(0);
    expect(batches).toEqual([
      { tenantId: 't1', callIds: ['a', 'b', 'c'] },
      { tenantId: 't1', callIds: ['d'] },
      { tenantId: 't2', callIds: ['e'] },
    ]);
    expect(await metricValue(metrics, 'wygc_sip_call_records_written_total')).toBe(5);
    await recorder.stop();
  });

  it('never makes the caller wait, even for a store that never answers', async () => {
    const { store } = fakeStore(() => new Promise(() => {}));
    const { recorder } = recorderFor(store);
    recorder.record('t1', record('a'));
    expect(recorder.queued).toBe(1);
  });

  it('keeps records through a store outage and writes them once it is back', async () => {
    let down = true;
    const { store, batches } = fakeStore(async () => {
      if (down) throw Object.assign(new Error('unreachable'), { code: 'UNAVAILABLE' });
    });
    const { recorder, results } = recorderFor(store);
    recorder.record('t1', record('a'));
    recorder.record('t1', record('b'));
    await expect.poll(() => results.includes(false)).toBe(true);
    expect(recorder.queued).toBe(2);
    down = false;
    await recorder.flush();
    expect(recorder.queued).toBe(0);
    expect(batches.at(-1)).toEqual({ tenantId: 't1', callIds: ['a', 'b'] });
    expect(results.at(-1)).toBe(true);
  });

  it('drops the oldest records beyond its limit and counts them', async () => {
    const { store } = fakeStore(async () => {
      throw Object.assign(new Error('unreachable'), { code: 'UNAVAILABLE' });
    });
    const { recorder, metrics } = recorderFor(store, { batchSize: 100, maxQueued: 2 });
    for (const id of ['a', 'b', 'c']) recorder.record('t1', record(id));
    expect(recorder.queued).toBe(2);
    expect(await metricValue(metrics, 'wygc_sip_call_records_dropped_total')).toBe(1);
  });

  it('gives up on records the store refuses for good (a terminated tenant)', async () => {
    const { store } = fakeStore(async (tenantId) => {
      if (tenantId === 'gone') throw Object.assign(new Error('terminated'), { code: 'TENANT_TERMINATED' });
    });
    const { recorder, metrics } = recorderFor(store);
    recorder.record('gone', record('a'));
    recorder.record('t1', record('b'));
    await recorder.flush();
    expect(recorder.queued).toBe(0);
    expect(await metricValue(metrics, 'wygc_sip_call_records_dropped_total')).toBe(1);
    expect(await metricValue(metrics, 'wygc_sip_call_records_written_total')).toBe(1);
  });

  it('writes what is queued when stopped', async () => {
    const { store, batches } = fakeStore(async () => {});
    const { recorder } = recorderFor(store, { batchSize: 50 });
    recorder.record('t1', record('a'));
    await recorder.stop();
    expect(batches).toEqual([{ tenantId: 't1', callIds: ['a'] }]);
  });
});
