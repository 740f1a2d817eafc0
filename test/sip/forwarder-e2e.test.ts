import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallRecord, Store } from '@wygc/routing-core';
import {
  createSipForwarder,
  type ForwarderConfig,
  type ForwardMode,
  type SipForwarder,
} from '@wygc/sip-forwarder';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../support/memory-store.ts';
import { type DrachtioServer, drachtioBinary, startDrachtioServer } from './drachtio-server.ts';
import { freePort } from './free-port.ts';
import { ab, callRecordsOf, jd, pk, publishTable, seedNumber, tableAround } from './routing-fixtures.ts';
import { runSippUac, type SippUacOptions, type SippUas, startSippUas } from './sipp.ts';
import { createSwitchableStore } from './switchable-store.ts';

// End to end: SIPp callers -> drachtio-server (loopback, own config) -> the forwarder -> SIPp as the
// trunk with the target phones. Runs only when DRACHTIO_BIN names a drachtio-server binary.

const binary = drachtioBinary();
if (!binary) {
  console.warn(
    'SIP end-to-end tests skipped: set DRACHTIO_BIN to a drachtio-server binary to run them ' +
      '(see sip-forwarder/README.md, "Tests against a real drachtio-server").',
  );
}

/** JD rings without answering for the 1 s ring time, then AB answers: b2bua mode has to hunt. */
const huntDid = '+31501234567';
/** PK is busy, then AB answers: proxy mode forks on. */
const busyDid = '+31501234568';
/** Nobody on duty and no fallback: 480. */
const emptyDid = '+31501234569';
/** No table at all: 404. */
const unknownDid = '+31501234560';

describe.skipIf(!binary)('SIP forwarder end to end (drachtio-server + SIPp)', () => {
  let dir: string;
  let drachtio: DrachtioServer;
  let uas: SippUas;
  let store: Store;
  let cleanupStore: () => Promise<void>;
  let forwarder: SipForwarder | undefined;
  const ids: Record<string, { tenantId: string; numberId: string }> = {};

  const config = (mode: ForwardMode): ForwarderConfig => ({
    drachtio: { host: '127.0.0.1', port: drachtio.adminPort, secret: drachtio.secret, retryMaxDelayMs: 500 },
    mode,
    trustedSources: ['127.0.0.1'],
    trunk: { host: '127.0.0.1', port: uas.port },
    region: 'NL',
    presentedCaller: 'caller',
    snapshotPath: join(dir, 'routing-tables.json'),
    http: { host: '127.0.0.1', port: 0 },
    callRecords: { batchSize: 50, flushIntervalMs: 50, maxQueued: 10_000 },
    storeResyncMs: 60_000,
    logLevel: 'silent',
  });

  const startForwarder = async (mode: ForwardMode, withStore: Store = store) => {
    await forwarder?.stop();
    forwarder = createSipForwarder({
      config: config(mode),
      store: withStore,
      logger: pino({ level: process.env.SIP_E2E_LOG ?? 'silent' }),
    });
    await forwarder.start();
    const started = forwarder;
    await expect.poll(() => started.health().drachtio, { timeout: 10_000 }).toBe('connected');
    return started;
  };

  const call = async (options: Omit<SippUacOptions, 'target' | 'dir' | 'localPort'>) => {
    const run = await runSippUac({
      ...options,
      target: `127.0.0.1:${drachtio.sipPort}`,
      dir,
      localPort: await freePort(),
    });
    if (run.code !== 0) {
      console.error(run.output.slice(-4000));
      const log = await readFile(drachtio.logFile, 'utf8').catch(() => '');
      console.error(`drachtio-server log (tail):\n${log.slice(-6000)}`);
    }
    return run.code;
  };

  const recordsFor = async (did: string): Promise<readonly CallRecord[]> => {
    await forwarder?.flushCallRecords();
    const numberIds = ids[did];
    if (!numberIds) throw new Error(`no number ${did}`);
    return callRecordsOf(store, numberIds);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wygc-sip-e2e-'));
    drachtio = await startDrachtioServer(binary ?? '', dir);
    uas = await startSippUas({ port: await freePort(), dir });
    ({ store, cleanup: cleanupStore } = await createTestStore());
    const now = Date.now();
    ids[huntDid] = await seedNumber(store, huntDid);
    await publishTable(store, ids[huntDid], tableAround(now, { groups: [[jd], [ab]], ringSeconds: 1 }));
    ids[busyDid] = await seedNumber(store, busyDid);
    await publishTable(store, ids[busyDid], tableAround(now, { groups: [[pk], [ab]] }));
    ids[emptyDid] = await seedNumber(store, emptyDid);
    await publishTable(store, ids[emptyDid], tableAround(now, { groups: [] }));
  }, 60_000);

  afterAll(async () => {
    await forwarder?.stop();
    await uas?.stop();
    await drachtio?.stop();
    await cleanupStore?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('redirect mode: 302 to the targets, 404 for an unknown number, 480 for nobody, 403 for a stranger', async () => {
    await startForwarder('redirect');
    expect(await call({ scenario: 'uac-invite-expect-302.xml', service: huntDid, calls: 5 })).toBe(0);
    expect(await call({ scenario: 'uac-invite-expect-404.xml', service: unknownDid, calls: 2 })).toBe(0);
    expect(await call({ scenario: 'uac-invite-expect-480.xml', service: emptyDid, calls: 2 })).toBe(0);
    expect(
      await call({ scenario: 'uac-invite-expect-403.xml', service: huntDid, calls: 2, localIp: '127.0.0.2' }),
    ).toBe(0);
    const records = await recordsFor(huntDid);
    expect(records).toHaveLength(5);
    expect(records[0]).toMatchObject({ outcome: 'redirected', caller: '+31207654321', did: huntDid });
  });

  it('proxy mode: forks on past a busy target to the one that answers', async () => {
    await startForwarder('proxy');
    expect(await call({ scenario: 'uac-invite-expect-200.xml', service: busyDid, calls: 3 })).toBe(0);
    const records = await recordsFor(busyDid);
    expect(records).toHaveLength(3);
    for (const record of records) {
      expect(record.outcome).toBe('answered');
      expect(record.attempts.map((attempt) => [attempt.key, attempt.sipStatus])).toEqual([
        ['PK', 486],
        ['AB', 200],
      ]);
    }
  });

  it('b2bua mode: cancels a target that does not answer in its ring time and hunts to the next', async () => {
    await startForwarder('b2bua');
    expect(
      await call({ scenario: 'uac-invite-expect-200.xml', service: huntDid, calls: 2, timeoutSeconds: 30 }),
    ).toBe(0);
    await expect
      .poll(async () => (await recordsFor(huntDid)).filter((r) => r.outcome === 'answered').length, {
        timeout: 10_000,
      })
      .toBe(2);
    const answered = (await recordsFor(huntDid)).filter((record) => record.outcome === 'answered');
    for (const record of answered) {
      expect(record.answeredBy).toBe('AB');
      expect(record.attempts.map((attempt) => [attempt.key, attempt.sipStatus])).toEqual([
        ['JD', 408],
        ['AB', 200],
      ]);
      expect(record.attempts[0]?.ms).toBeGreaterThanOrEqual(1000);
      expect(record.endedAt).toBeGreaterThan(record.startedAt);
    }
  });

  it('applies a routing-table change while calls are in flight, without failing any call', async () => {
    await startForwarder('b2bua');
    const numberIds = ids[busyDid];
    if (!numberIds) throw new Error('no number');
    const since = Date.now();
    const inRun = async () => (await recordsFor(busyDid)).filter((record) => record.startedAt >= since);
    const calls = call({
      scenario: 'uac-invite-expect-200.xml',
      service: busyDid,
      calls: 20,
      rate: 5,
      limit: 20,
      timeoutSeconds: 40,
    });
    // Some calls are ringing or talking when the new version lands.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const version = await publishTable(store, numberIds, tableAround(Date.now(), { groups: [[ab]] }));
    expect(await calls).toBe(0);
    await expect.poll(async () => (await inRun()).length, { timeout: 10_000 }).toBe(20);
    const records = await inRun();
    expect(new Set(records.map((record) => record.tableVersion))).toEqual(new Set([version - 1, version]));
    for (const record of records) {
      expect(record.outcome).toBe('answered');
      const expected =
        record.tableVersion === version
          ? [['AB', 200]]
          : [
              ['PK', 486],
              ['AB', 200],
            ];
      expect(record.attempts.map((attempt) => [attempt.key, attempt.sipStatus])).toEqual(expected);
    }
  });

  it('reconnects to drachtio-server after it restarts, keeping its tables', async () => {
    const started = await startForwarder('redirect');
    const tables = started.health().tables;
    await drachtio.stop();
    await expect.poll(() => started.health().drachtio, { timeout: 10_000 }).toBe('disconnected');
    await drachtio.start();
    await expect.poll(() => started.health().drachtio, { timeout: 15_000 }).toBe('connected');
    expect(started.health().tables).toBe(tables);
    expect(await call({ scenario: 'uac-invite-expect-302.xml', service: huntDid, calls: 2 })).toBe(0);
  });

  it('routes from memory with the store stopped, and from the snapshot after a restart while it is down', async () => {
    const switchable = createSwitchableStore(store);
    const first = await startForwarder('redirect', switchable.store);
    switchable.setDown(true);
    expect(await first.reloadTables()).toBe(false);
    expect(await call({ scenario: 'uac-invite-expect-302.xml', service: huntDid, calls: 3 })).toBe(0);
    const second = await startForwarder('redirect', switchable.store);
    expect(second.health()).toMatchObject({ tablesFrom: 'snapshot', store: 'down', status: 'degraded' });
    expect(await call({ scenario: 'uac-invite-expect-302.xml', service: huntDid, calls: 3 })).toBe(0);
    expect(await call({ scenario: 'uac-invite-expect-480.xml', service: emptyDid, calls: 1 })).toBe(0);
    switchable.setDown(false);
  });
});
