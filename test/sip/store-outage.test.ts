import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '@wygc/routing-core';
import { createSipForwarder, type ForwarderConfig, type SipForwarder } from '@wygc/sip-forwarder';
import { createDataKeys, createLocalKeyFileKeyring, createSqliteDriver, createStore } from '@wygc/store';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ab, jd, publishTable, seedNumber, tableAround } from './routing-fixtures.ts';
import { stubRequest, stubResponse, stubSrf } from './stub-srf.ts';

const did = '+31501234567';
let dir: string;
let forwarders: SipForwarder[] = [];

const openStore = (): Store =>
  createStore({
    driver: createSqliteDriver({ path: join(dir, 'wygc.sqlite') }),
    dataKeys: createDataKeys({ keyring: createLocalKeyFileKeyring({ path: join(dir, 'keys.json') }) }),
    lookupKey: new Uint8Array(32).fill(9),
  });

const config = (): ForwarderConfig => ({
  drachtio: { host: '127.0.0.1', port: 9022, secret: 'cymru', retryMaxDelayMs: 1000 },
  mode: 'redirect',
  trustedSources: ['127.0.0.1'],
  trunk: { host: 'trunk.example.net' },
  region: 'NL',
  presentedCaller: 'caller',
  snapshotPath: join(dir, 'sip-forwarder', 'routing-tables.json'),
  http: { host: '127.0.0.1', port: 0 },
  callRecords: { batchSize: 10, flushIntervalMs: 20, maxQueued: 100 },
  storeResyncMs: 60_000,
  logLevel: 'silent',
});

const startForwarder = async (store: Store) => {
  const forwarder = createSipForwarder({
    config: config(),
    store,
    logger: pino({ level: 'silent' }),
    srf: stubSrf(),
  });
  forwarders.push(forwarder);
  await forwarder.start();
  return forwarder;
};

/** The Contact targets of the 302 the forwarder answers a call to `did` with. */
const route = async (forwarder: SipForwarder) => {
  const res = stubResponse();
  await forwarder.handleInvite(stubRequest({ uri: `sip:${did}@forwarder` }), res);
  const final = res.sent.at(-1);
  return { status: final?.status, contact: final?.headers.Contact };
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wygc-store-outage-'));
});
afterEach(async () => {
  for (const forwarder of forwarders) await forwarder.stop();
  forwarders = [];
  await rm(dir, { recursive: true, force: true });
});

describe('SIP forwarder during a store outage', () => {
  it('keeps routing from memory while the store is stopped, then from the snapshot after a restart', async () => {
    const store = openStore();
    const ids = await seedNumber(store, did);
    await publishTable(store, ids, tableAround(Date.now(), { groups: [[jd], [ab]] }));
    const first = await startForwarder(store);
    const routed = await route(first);
    expect(routed.status).toBe(302);
    expect(routed.contact).toContain(jd.phone);

    // The store goes away (its database is closed): the next full reload fails, calls do not.
    await store.close();
    expect(await first.reloadTables()).toBe(false);
    expect(first.health()).toMatchObject({ store: 'down', tables: 1, tablesFrom: 'store' });
    expect(await route(first)).toEqual(routed);

    // A restart while the store is still down: the tables come from the snapshot on disk.
    await first.stop();
    forwarders = [];
    const second = await startForwarder(store);
    expect(second.health()).toMatchObject({ store: 'down', tables: 1, tablesFrom: 'snapshot' });
    expect(await route(second)).toEqual(routed);
  });

  it('refuses calls (404) after a restart with neither store nor snapshot, rather than guess', async () => {
    const store = openStore();
    await store.close();
    const forwarder = await startForwarder(store);
    expect(forwarder.health()).toMatchObject({ tables: 0, tablesFrom: 'none' });
    expect((await route(forwarder)).status).toBe(404);
  });
});
