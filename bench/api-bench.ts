import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { compileTables } from '@wygc/calendar-sync';
import {
  createRosterRecompiler,
  createRuntime,
  createServerApp,
  createServerAuth,
  loadConfig,
} from '@wygc/functions';
import autocannon from 'autocannon';
import { pino } from 'pino';
import type { BenchReport } from './bench-report.ts';
import { createBusyRoster } from './busy-roster.ts';

const connections = 50;
/** The load comes from a worker thread, so autocannon does not take CPU from the server's event loop. */
const workers = 1;
/** The steady load the latency target holds at: 100 decisions a second from 10 clients. */
const steadyRate = 100;
const steadyConnections = 10;
const durationSeconds = 10;
const admin = { actor: 'system:bench' };
/** The routing table is compiled as of this instant, and the decision asked for inside its horizon. */
const compiledAt = Date.parse('2027-03-01T00:00:00Z');
const decisionAt = '2027-03-10T12:30:00+01:00';

const listen = (fetch: (request: Request) => Response | Promise<Response>): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });

/**
 * The admin API under load: `GET /api/v1/numbers/{id}/decision` ("who rings now, and why") from 50
 * concurrent clients against the real server app (SQLite store, session check, audit) on a loopback
 * port, for a number whose table holds a busy roster. Reports throughput, and p99 latency both at
 * saturation and at a steady offered rate.
 */
export const runApiBench = async (report: BenchReport): Promise<void> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'wygc-api-bench-'));
  const config = loadConfig({ WYGC_DATA_DIR: dataDir, WYGC_LOG_LEVEL: 'silent' });
  const logger = pino({ level: 'silent' });
  const runtime = await createRuntime(config, { logger });
  let server: Server | undefined;
  try {
    const { store } = runtime;
    const auth = createServerAuth({ config, secrets: runtime.secrets, store, clock: Date.now });
    const recompiler = createRosterRecompiler({ store, clock: Date.now, logger });
    const app = createServerApp({
      runtime,
      auth,
      recompiler,
      trustProxy: false,
      setup: false,
      parts: ['api'],
    });

    const roster = createBusyRoster({ seed: 2027, year: 2027, contactCount: 50, overrideShare: 0.1 });
    const created = await store.tenants.create({ name: 'Bench' }, admin);
    const tenant = store.forTenant(created.id, admin);
    for (const contact of roster.contacts)
      await tenant.contacts.create({ key: contact.key, phone: contact.phone });
    const source = await tenant.sources.create({
      provider: 'ics',
      externalId: 'https://bench.invalid/roster.ics',
      name: 'Bench',
      timeZone: roster.timeZone,
    });
    const events = roster.single.map((event) => ({ externalId: event.uid, event }));
    for (let offset = 0; offset < events.length; offset += 1000) {
      await tenant.commitSync({
        sourceId: source.id,
        changes: { upserts: events.slice(offset, offset + 1000), deletes: [] },
      });
    }
    const number = await tenant.numbers.create({
      did: '+31507000000',
      name: 'Bench',
      sourceIds: [source.id],
    });
    await tenant.tables.publish(await compileTables({ tenant, now: compiledAt }));
    const slices = (await tenant.tables.get(number.id))?.table.slices.length ?? 0;
    const member = await tenant.admins.create({ email: 'bench@example.nl', role: 'member' });
    const session = await auth.sessions.issue({
      adminId: member.id,
      tenantId: created.id,
      role: 'member',
      amr: ['pwd'],
    });

    server = await listen(app.fetch);
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/api/v1/numbers/${number.id}/decision?at=${encodeURIComponent(decisionAt)}`;
    const headers = { authorization: `Bearer ${session.token}` };
    // Warm-up: JIT, the tenant key cache, SQLite's page cache.
    await autocannon({ url, headers, connections, workers, duration: 2, timeout: 60 });
    // A generous timeout: a slow tail should show in p99, not vanish as errors.
    const result = await autocannon({
      url,
      headers,
      connections,
      workers,
      duration: durationSeconds,
      timeout: 60,
    });
    const failed = result.non2xx + result.errors + result.timeouts;
    report.figure({
      name: 'API decision throughput',
      value: Math.round(result.requests.average),
      unit: 'req/s',
      detail: `GET /numbers/{id}/decision, ${connections} clients, ${durationSeconds} s, ${slices} slices; ${failed} failed`,
    });
    report.figure({
      name: 'API decision latency at saturation: p99',
      value: result.latency.p99,
      unit: 'ms',
      detail: `median ${result.latency.p50} ms; ${connections} clients as fast as they can, so mostly queueing`,
    });
    // Latency is a promise at a load, not at saturation: an offered rate well above an admin API's use.
    const steady = await autocannon({
      url,
      headers,
      connections: steadyConnections,
      overallRate: steadyRate,
      workers,
      duration: durationSeconds,
      timeout: 60,
    });
    report.figure({
      name: `API decision latency at ${steadyRate} req/s: p99`,
      value: steady.latency.p99,
      unit: 'ms',
      detail: `median ${steady.latency.p50} ms; session check, store read, audit write per request; ${steady.non2xx + steady.errors + steady.timeouts} failed`,
      target: { comparison: '<', value: 100 },
    });
  } finally {
    if (server) {
      const open = server;
      await new Promise<void>((resolve) => open.close(() => resolve()));
    }
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  }
};
