import { join } from 'node:path';
import type { Store } from '@wygc/routing-core';
import { type Logger, pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ForwarderConfig } from './config.ts';
import { FakeRequest, type FakeRequestInit, FakeResponse, FakeSrf } from './fake-drachtio.ts';
import { createSipForwarder, type SipForwarder } from './sip-forwarder.ts';
import { readTableSnapshot } from './table-snapshot.ts';
import {
  ab,
  did,
  fallbackNumber,
  jd,
  offDuty,
  onDuty,
  pk,
  silentLogger,
  tableOf,
  testConfig,
} from './test-fixtures.ts';
import { createTestStore, type TestStore } from './test-store.ts';

let testStore: TestStore;
let ids: { tenantId: string; numberId: string };
let srf: FakeSrf;
let forwarder: SipForwarder | undefined;
let now = onDuty;

const start = async (
  overrides: Partial<ForwarderConfig> = {},
  store: Store = testStore.store,
  logger: Logger = silentLogger(),
) => {
  forwarder = createSipForwarder({
    config: testConfig({ snapshotPath: join(testStore.dir, 'tables.json'), ...overrides }),
    store,
    logger,
    srf,
    clock: () => now,
  });
  await forwarder.start();
  return forwarder;
};

const invite = async (init: FakeRequestInit = {}) => {
  const req = new FakeRequest(init);
  const res = new FakeResponse();
  await forwarder?.handleInvite(req, res);
  return res;
};

const callRecords = async () => {
  await forwarder?.flushCallRecords();
  const page = await testStore.store.forTenant(ids.tenantId, { actor: 'system:test' }).calls.list();
  return page.items;
};

beforeEach(async () => {
  now = onDuty;
  srf = new FakeSrf();
  testStore = await createTestStore();
  ids = await testStore.seedNumber(did);
  await testStore.publish(ids, tableOf({ groups: [[jd], [pk, ab]] }));
});
afterEach(async () => {
  await forwarder?.stop();
  forwarder = undefined;
  await testStore.cleanup();
});

describe('the SIP forwarder', () => {
  it('registers its handlers and connects to drachtio-server as configured', async () => {
    await start();
    expect(srf.inviteHandler).toBeTypeOf('function');
    expect(srf.connects).toEqual([
      { host: '127.0.0.1', port: 9022, secret: 'cymru', reconnect: { retryMaxDelay: 1000 } },
    ]);
    expect(forwarder?.steps.map((step) => step.name)).toEqual([
      'source-check',
      'called-number',
      'decision',
      'forward',
    ]);
  });

  it('redirects: a 302 with one Contact per target at the trunk, in ringing order, and a Diversion', async () => {
    await start();
    const res = await invite();
    expect(res.sent).toHaveLength(1);
    expect(res.final?.status).toBe(302);
    expect(res.final?.headers.Contact).toBe(
      [
        `<sip:${jd.phone}@trunk.example.net:5060;user=phone>;q=1.0`,
        `<sip:${pk.phone}@trunk.example.net:5060;user=phone>;q=0.9`,
        `<sip:${ab.phone}@trunk.example.net:5060;user=phone>;q=0.9`,
        `<sip:${fallbackNumber.phone}@trunk.example.net:5060;user=phone>;q=0.8`,
      ].join(', '),
    );
    expect(res.final?.headers.Diversion).toBe(
      `<sip:${did}@trunk.example.net:5060;user=phone>;reason=unconditional;counter=1;privacy=off`,
    );
  });

  it('writes a CallRecord with the decision, the attempts and the outcome', async () => {
    await start();
    await invite({ callId: 'abc@sbc' });
    const [record] = await callRecords();
    expect(record).toMatchObject({
      callId: 'abc@sbc',
      did,
      caller: '+31612345678',
      startedAt: onDuty,
      tableVersion: 1,
      reason: 'duty',
      outcome: 'redirected',
    });
    expect(record?.attempts.map((attempt) => [attempt.key ?? attempt.phone, attempt.sipStatus])).toEqual([
      ['JD', 302],
      ['PK', 302],
      ['AB', 302],
      [fallbackNumber.phone, 302],
    ]);
  });

  it('logs each call once, with its Call-ID, tenant and number, and never a phone number', async () => {
    const lines: Record<string, unknown>[] = [];
    await start(
      {},
      testStore.store,
      pino({ level: 'info' }, { write: (line) => lines.push(JSON.parse(line)) }),
    );
    await invite({ callId: 'abc@sbc' });
    await invite({ callId: 'def@sbc', uri: 'sip:+31201234567@fwd' });
    const calls = lines.filter((line) => line.callId !== undefined);
    expect(calls).toEqual([
      expect.objectContaining({
        msg: 'call forwarded',
        callId: 'abc@sbc',
        tenantId: ids.tenantId,
        numberId: ids.numberId,
        outcome: 'redirected',
        reason: 'duty',
        status: 302,
      }),
      expect.objectContaining({ msg: 'call refused', callId: 'def@sbc', status: 404 }),
    ]);
    expect(calls[1]).not.toHaveProperty('tenantId');
    const text = JSON.stringify(lines);
    for (const phone of [did, jd.phone, pk.phone, ab.phone, fallbackNumber.phone, '+31612345678']) {
      expect(text).not.toContain(phone.slice(1));
    }
  });

  it('normalises a dialled number written the national way', async () => {
    await start();
    expect((await invite({ uri: 'sip:0501234567@forwarder.example.net' })).final?.status).toBe(302);
    expect((await invite({ uri: 'sip:%2B31501234567@forwarder.example.net' })).final?.status).toBe(302);
    expect((await invite({ uri: 'sip:forwarder.example.net', to: '<tel:050-1234567>' })).final?.status).toBe(
      302,
    );
  });

  it('refuses an untrusted source with 403 before looking at anything else', async () => {
    await start();
    expect((await invite({ source: '203.0.113.9' })).final?.status).toBe(403);
    expect((await invite({ source: '203.0.113.9', uri: 'sip:x' })).final?.status).toBe(403);
  });

  it('answers 404 for a number without a table, or that is no phone number', async () => {
    await start();
    expect((await invite({ uri: 'sip:+31201234567@fwd' })).final?.status).toBe(404);
    expect((await invite({ uri: 'sip:alice@fwd' })).final?.status).toBe(404);
    expect((await invite({ uri: 'sip:0000@fwd' })).final?.status).toBe(404);
  });

  it('answers 400 for a malformed request', async () => {
    await start();
    expect((await invite({ callId: null })).final?.status).toBe(400);
    expect((await invite({ uri: 'sip:forwarder.example.net', to: null })).final?.status).toBe(400);
  });

  it('answers 480, and records the refusal, when nobody is on duty and there is no fallback', async () => {
    await testStore.publish(ids, tableOf({ fallback: null }));
    now = offDuty;
    await start();
    expect((await invite()).final?.status).toBe(480);
    expect(await callRecords()).toMatchObject([{ outcome: 'refused', reason: 'none', attempts: [] }]);
  });

  it('rings only the fallback when nobody is on duty', async () => {
    now = offDuty;
    await start();
    expect((await invite()).final?.headers.Contact).toBe(
      `<sip:${fallbackNumber.phone}@trunk.example.net:5060;user=phone>;q=1.0`,
    );
  });

  it('decides from memory alone: no store call on the way to the answer', async () => {
    let storeCalls = 0;
    const counting = new Proxy(testStore.store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value === 'function' || (typeof value === 'object' && value !== null)) storeCalls += 1;
        return value;
      },
    });
    await start({}, counting);
    storeCalls = 0;
    const req = new FakeRequest();
    const res = new FakeResponse();
    const handled = forwarder?.handleInvite(req, res);
    expect(res.final?.status).toBe(302);
    expect(storeCalls).toBe(0);
    await handled;
  });

  it('routes with a new table version as soon as the store publishes it', async () => {
    await start();
    await testStore.publish(ids, tableOf({ groups: [[ab]], fallback: null }));
    await expect
      .poll(async () => (await invite()).final?.headers.Contact)
      .toBe(`<sip:${ab.phone}@trunk.example.net:5060;user=phone>;q=1.0`);
    await expect
      .poll(async () => (await readTableSnapshot(join(testStore.dir, 'tables.json')))?.entries[0]?.version)
      .toBe(2);
  });

  it('proxies to the trunk in proxy mode', async () => {
    await start({ mode: 'proxy' });
    await invite();
    expect(srf.proxied[0]?.destinations).toEqual([
      `sip:${jd.phone}@trunk.example.net:5060;user=phone`,
      `sip:${pk.phone}@trunk.example.net:5060;user=phone`,
      `sip:${ab.phone}@trunk.example.net:5060;user=phone`,
      `sip:${fallbackNumber.phone}@trunk.example.net:5060;user=phone`,
    ]);
    expect(await callRecords()).toMatchObject([{ outcome: 'answered' }]);
  });

  it('bridges the call in b2bua mode and records who answered once the call ends', async () => {
    srf.targets = () => ({ answerAfterMs: 0 });
    await start({ mode: 'b2bua' });
    const res = await invite();
    expect(res.final?.status).toBe(200);
    expect(await callRecords()).toEqual([]);
    now = onDuty + 90_000;
    srf.legs[0]?.dialogs?.uas.hangUp();
    await expect.poll(async () => (await callRecords()).length).toBe(1);
    expect((await callRecords())[0]).toMatchObject({
      outcome: 'answered',
      answeredBy: 'JD',
      endedAt: onDuty + 90_000,
    });
  });

  it('answers OPTIONS pings from the SBC only', async () => {
    await start();
    const ok = new FakeResponse();
    srf.optionsHandler?.(new FakeRequest(), ok);
    const refused = new FakeResponse();
    srf.optionsHandler?.(new FakeRequest({ source: '203.0.113.9' }), refused);
    expect([ok.final?.status, refused.final?.status]).toEqual([200, 403]);
  });

  it('survives any request: every INVITE gets a final response and the handler never throws', async () => {
    await start();
    const hostile: FakeRequest[] = [
      new FakeRequest({ uri: undefined as unknown as string }),
      new FakeRequest({ uri: `sip:${'9'.repeat(5000)}@fwd` }),
      new FakeRequest({ uri: 'sip:%ZZ@fwd', to: '<sip:%ZZ@fwd>' }),
      new FakeRequest({ uri: 'sip:+31501234567@fwd', callId: '\u0000' }),
      new FakeRequest({ uri: 'sip:;;;@@@', to: 'garbage' }),
      new FakeRequest({ uri: 'sip:+31501234567@fwd', from: null, to: null }),
      new FakeRequest({ source: '' }),
    ];
    const throwing = new FakeRequest({ uri: 'sip:fwd' });
    throwing.getParsedHeader = () => {
      throw new Error('parser failure');
    };
    throwing.get = () => {
      throw new Error('header failure');
    };
    hostile.push(throwing);
    for (const req of hostile) {
      const res = new FakeResponse();
      await expect(forwarder?.handleInvite(req, res)).resolves.toBeUndefined();
      expect(res.final?.status).toBeGreaterThanOrEqual(300);
    }
    expect((await invite()).final?.status).toBe(302);
  });

  it('reports its health and metrics over HTTP', async () => {
    await start();
    const base = `http://127.0.0.1:${forwarder?.httpPort}`;
    let health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'down', drachtio: 'disconnected', tables: 1 });
    srf.emit('connect', null, '127.0.0.1:5060');
    health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: 'ok',
      mode: 'redirect',
      drachtio: 'connected',
      store: 'up',
      tables: 1,
      tablesFrom: 'store',
    });
    await invite();
    await invite({ source: '203.0.113.9' });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('wygc_sip_calls_total{mode="redirect",outcome="redirected"} 1');
    expect(metrics).toContain('wygc_sip_calls_total{mode="redirect",outcome="forbidden"} 1');
    expect(metrics).toContain('wygc_sip_decision_seconds_count 1');
    expect(metrics).toMatch(/wygc_sip_routing_table_version\{tenant_id="[^"]+",number_id="[^"]+"\} 1/);
    expect(metrics).toContain('wygc_sip_drachtio_connected 1');
    expect(metrics).toContain('wygc_sip_store_up 1');
    expect(metrics).not.toContain(did);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('disconnects and writes the snapshot when stopped', async () => {
    await start();
    await forwarder?.stop();
    forwarder = undefined;
    expect(srf.disconnects).toBe(1);
    expect((await readTableSnapshot(join(testStore.dir, 'tables.json')))?.entries).toHaveLength(1);
  });
});
