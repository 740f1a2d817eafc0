import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { compileCalendar, createContactDirectory } from '@wygc/routing-core';
import { createDataKeys, createLocalKeyFileKeyring, createSqliteDriver, createStore } from '@wygc/store';
import Srf from 'drachtio-srf';
import type { BenchReport } from './bench-report.ts';
import { createBusyRoster } from './busy-roster.ts';
import { summarizeSamples } from './sample-summary.ts';

// The SIP forwarder behind a real drachtio-server, loaded by SIPp on loopback. Needs DRACHTIO_BIN (a
// drachtio-server binary) and sipp on the PATH; without them the suite says so and reports nothing.
//
// Each app gets the same drachtio-server in turn: a baseline drachtio-srf app that answers every INVITE
// with a fixed 302 (or, for proxy latency, proxies every INVITE to the trunk unconditionally), then the
// forwarder itself, run as its standalone deployable (sip-forwarder/src/main.ts, SQLite store).

const did = '+31507000000';
const secret = 'wygc-bench';
const fixedTarget = '+31612345000';
/** Seconds of load per rate step. */
const stepSeconds = 4;
const rateLadder = [100, 200, 400, 600, 800, 1000, 1300, 1600, 2000, 2500, 3000, 4000, 5000, 6000];
const bisections = 3;
const latencyRate = 50;
const latencyCalls = 1000;
const warmupCalls = 500;
/** Rate held for the ratio to the baseline: we must keep 90% of it. */
const shortfallTarget = { comparison: '<=', value: 10 } as const;
const decisionTarget = { comparison: '<', value: 50 } as const;

const repo = fileURLToPath(new URL('..', import.meta.url));
const redirectScenario = join(repo, 'test', 'sip', 'uac-invite-expect-302.xml');
/** Answered calls of half a second; ACK and BYE go to the answer's Contact, as a phone sends them. */
const callScenario = join(repo, 'test', 'sip', 'uac-invite-expect-200.xml');
const trunkScenario = join(repo, 'test', 'sip', 'uas-target-phone.xml');

interface Setup {
  readonly dir: string;
  readonly drachtioAdmin: number;
  readonly drachtioSip: number;
  readonly trunkPort: number;
}

const freePort = async (): Promise<number> => {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
};

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs = 15_000) => {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await delay(100);
  }
  throw new Error(`timed out waiting for ${what}`);
};

const stopProcess = async (child: ChildProcess) => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  if (!(await Promise.race([exited.then(() => true), delay(5000).then(() => false)]))) {
    child.kill('SIGKILL');
    await exited;
  }
};

const startDrachtio = async (binary: string, setup: Setup): Promise<ChildProcess> => {
  const config = join(setup.dir, 'drachtio.conf.xml');
  await writeFile(
    config,
    `<drachtio>
  <admin port="${setup.drachtioAdmin}" secret="${secret}">127.0.0.1</admin>
  <sip><contacts><contact>sip:127.0.0.1:${setup.drachtioSip};transport=udp</contact></contacts></sip>
  <cdrs>false</cdrs>
  <logging><sofia-loglevel>0</sofia-loglevel><loglevel>error</loglevel></logging>
</drachtio>
`,
  );
  const child = spawn(binary, ['-f', config], { stdio: 'ignore' });
  await waitFor('drachtio-server', () => portOpen(setup.drachtioAdmin));
  return child;
};

interface SippResult {
  readonly ok: boolean;
  /** INVITE to final response, ms, one per successful call. */
  readonly responseTimes: Float64Array;
}

/** One SIPp caller run at a fixed rate; ok when every call succeeded. */
const runSipp = async (
  setup: Setup,
  options: { scenario: 'redirect' | 'call'; rate: number; calls: number; tag: string },
): Promise<SippResult> => {
  const runDir = await mkdtemp(join(setup.dir, `${options.tag}-`));
  const scenario = ['-sf', options.scenario === 'redirect' ? redirectScenario : callScenario];
  const args = [
    ...scenario,
    `127.0.0.1:${setup.drachtioSip}`,
    '-i',
    '127.0.0.1',
    '-p',
    String(await freePort()),
    '-s',
    did,
    '-r',
    String(options.rate),
    '-m',
    String(options.calls),
    '-l',
    String(Math.max(100, options.rate * 2)),
    '-nostdin',
    '-timeout',
    `${Math.ceil(options.calls / options.rate) + 20}s`,
    '-timeout_error',
    '-trace_rtt',
    '-rtt_freq',
    '1',
  ];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn('sipp', args, { cwd: runDir, stdio: 'ignore' });
    child.on('exit', resolve);
  });
  const times: number[] = [];
  for (const file of await readdir(runDir)) {
    if (!file.endsWith('_rtt.csv')) continue;
    for (const line of (await readFile(join(runDir, file), 'utf8')).split('\n').slice(1)) {
      const value = Number(line.split(';')[1]);
      if (line.trim() !== '' && Number.isFinite(value)) times.push(value);
    }
  }
  await rm(runDir, { recursive: true, force: true });
  return { ok: code === 0, responseTimes: Float64Array.from(times) };
};

/** The highest rate (calls/s) at which a run has no failed call: up the ladder, then bisect. */
const maxRate = async (setup: Setup, scenario: 'redirect' | 'call', tag: string): Promise<number> => {
  const attempt = async (rate: number) =>
    (await runSipp(setup, { scenario, rate, calls: rate * stepSeconds, tag })).ok;
  let good = 0;
  let bad: number | undefined;
  for (const rate of rateLadder) {
    if (await attempt(rate)) good = rate;
    else {
      bad = rate;
      break;
    }
  }
  if (bad === undefined) return good;
  for (let i = 0; i < bisections; i++) {
    const middle = Math.round((good + bad) / 2);
    if (middle === good || middle === bad) break;
    if (await attempt(middle)) good = middle;
    else bad = middle;
  }
  return good;
};

interface AppUnderTest {
  stop(): Promise<void>;
}

/** The baseline: no tables, no decision, no records; the smallest drachtio-srf app for the same job. */
const startBaseline = async (setup: Setup, mode: 'redirect' | 'proxy'): Promise<AppUnderTest> => {
  const srf = new Srf();
  srf.on('error', () => {});
  const trunkUri = `sip:${fixedTarget}@127.0.0.1:${setup.trunkPort};user=phone`;
  const headers = {
    Contact: `<${trunkUri}>;q=1.0`,
    Diversion: `<sip:${did}@127.0.0.1;user=phone>;reason=unconditional;counter=1;privacy=off`,
  };
  srf.invite((req, res) => {
    if (mode === 'redirect') res.send(302, { headers });
    else {
      // The same proxy options as the forwarder's, so that only the routing differs.
      srf.proxyRequest(
        req,
        [trunkUri],
        { forking: 'sequential', remainInDialog: false, finalTimeout: '20s', followRedirects: false },
        () => {},
      );
    }
  });
  const connected = new Promise<void>((resolve) => srf.on('connect', () => resolve()));
  srf.connect({ host: '127.0.0.1', port: setup.drachtioAdmin, secret });
  await connected;
  return {
    async stop() {
      srf.disconnect();
      await delay(200);
    },
  };
};

const seedStore = async (setup: Setup) => {
  const store = createStore({
    driver: createSqliteDriver({ path: join(setup.dir, 'wygc.sqlite') }),
    dataKeys: createDataKeys({ keyring: createLocalKeyFileKeyring({ path: join(setup.dir, 'keys.json') }) }),
    lookupKey: new Uint8Array(32).fill(7),
  });
  const context = { actor: 'system:bench' };
  // A year of a busy roster around today, so that the decision searches a realistic table.
  const roster = createBusyRoster({
    seed: 2027,
    year: new Date().getUTCFullYear(),
    contactCount: 50,
    overrideShare: 0.1,
  });
  const { table } = compileCalendar({
    contacts: createContactDirectory(roster.contacts),
    settings: { did, fallback: '020 123 4567', ringSeconds: 20 },
    horizon: roster.horizon,
    timeZone: roster.timeZone,
    version: 1,
    compiledAt: Date.now(),
    events: [...roster.single, ...roster.recurring],
  });
  const tenant = await store.tenants.create({ name: 'Bench' }, context);
  const tenantStore = store.forTenant(tenant.id, context);
  const number = await tenantStore.numbers.create({ did, name: 'Bench' });
  await tenantStore.tables.publish([{ numberId: number.id, expectedVersion: null, table, unmatched: [] }]);
  await store.close();
  return table.slices.length;
};

const startForwarder = async (
  setup: Setup,
  mode: 'redirect' | 'proxy',
): Promise<AppUnderTest & { metrics(): Promise<string> }> => {
  const httpPort = await freePort();
  const child = spawn(process.execPath, [join(repo, 'sip-forwarder', 'src', 'main.ts')], {
    cwd: setup.dir,
    stdio: 'ignore',
    env: {
      ...process.env,
      SIP_DRACHTIO_PORT: String(setup.drachtioAdmin),
      SIP_DRACHTIO_SECRET: secret,
      SIP_MODE: mode,
      SIP_TRUSTED_SOURCES: '127.0.0.1',
      SIP_TRUNK: `127.0.0.1:${setup.trunkPort}`,
      SIP_HTTP_PORT: String(httpPort),
      SIP_STORE_SQLITE_PATH: join(setup.dir, 'wygc.sqlite'),
      SIP_STORE_KEY_FILE: join(setup.dir, 'keys.json'),
      SIP_SNAPSHOT_PATH: join(setup.dir, `snapshot-${mode}.json`),
      SIP_LOG_LEVEL: 'info',
    },
  });
  const base = `http://127.0.0.1:${httpPort}`;
  await waitFor('the forwarder to be healthy', async () => {
    if (child.exitCode !== null) throw new Error(`the forwarder exited with ${child.exitCode}`);
    return fetch(`${base}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
  });
  return {
    metrics: async () => (await fetch(`${base}/metrics`)).text(),
    stop: () => stopProcess(child),
  };
};

/** p99 of a Prometheus histogram, interpolated inside the bucket it falls in (seconds). */
const histogramP99 = (metrics: string, name: string): { p99: number; count: number } => {
  const buckets: { le: number; count: number }[] = [];
  for (const match of metrics.matchAll(new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\d+)$`, 'gm'))) {
    buckets.push({
      le: match[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(match[1]),
      count: Number(match[2]),
    });
  }
  const total = buckets.at(-1)?.count ?? 0;
  const rank = 0.99 * total;
  let previous = { le: 0, count: 0 };
  for (const bucket of buckets) {
    if (bucket.count >= rank) {
      if (!Number.isFinite(bucket.le)) return { p99: previous.le, count: total };
      const share =
        bucket.count === previous.count ? 1 : (rank - previous.count) / (bucket.count - previous.count);
      return { p99: previous.le + share * (bucket.le - previous.le), count: total };
    }
    previous = bucket;
  }
  return { p99: Number.NaN, count: total };
};

// SIPp stamps response times on its clock tick (4 ms here), so a median is mostly 0 or 4: the mean of
// many calls at random phases is the fairer estimate of a difference below a tick.
const latencyFigures = (report: BenchReport, label: string, times: Float64Array) => {
  const summary = summarizeSamples(times);
  const mean = times.reduce((sum, time) => sum + time, 0) / Math.max(1, times.length);
  const detail = `${summary.count} calls at ${latencyRate}/s, INVITE to final response at SIPp`;
  report.figure({ name: `${label}: setup mean`, value: mean, unit: 'ms', detail });
  report.figure({ name: `${label}: setup p99`, value: summary.p99, unit: 'ms', detail });
  return { mean, p99: summary.p99 };
};

const available = (binary: string | undefined): binary is string => {
  if (!binary) return false;
  try {
    execFileSync('sipp', ['-v'], { stdio: 'ignore' });
  } catch (error) {
    // sipp -v exits non-zero while printing its version; only a missing binary matters.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
  }
  return true;
};

/**
 * Calls per second at 0 failures and setup latency of the forwarder in redirect and proxy mode beside a
 * baseline drachtio-srf app on the same drachtio-server, and the decision latency inside the app.
 */
export const runSipForwarderBench = async (report: BenchReport): Promise<void> => {
  const binary = process.env.DRACHTIO_BIN;
  if (!available(binary)) {
    console.error('  skipped: set DRACHTIO_BIN to a drachtio-server binary and install sipp (sip-tester)');
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'wygc-sip-bench-'));
  const setup: Setup = {
    dir,
    drachtioAdmin: await freePort(),
    drachtioSip: await freePort(),
    trunkPort: await freePort(),
  };
  const drachtio = await startDrachtio(binary, setup);
  // The target phones of the end-to-end tests: every bench target answers after 100 ms of ringing.
  const trunk = spawn(
    'sipp',
    [
      '-sf',
      trunkScenario,
      '-i',
      '127.0.0.1',
      '-p',
      String(setup.trunkPort),
      '-nostdin',
      '-deadcall_wait',
      '0',
    ],
    { cwd: dir, stdio: 'ignore' },
  );
  try {
    const slices = await seedStore(setup);
    report.figure({ name: 'routing table slices (a busy year)', value: slices, unit: '' });

    const measure = async (mode: 'redirect' | 'proxy', app: 'baseline' | 'forwarder') => {
      const running =
        app === 'baseline' ? await startBaseline(setup, mode) : await startForwarder(setup, mode);
      try {
        const scenario = mode === 'redirect' ? 'redirect' : 'call';
        // Unmeasured: JIT, the first store writes and the tenant key unwrap happen here, not in the figures.
        await runSipp(setup, { scenario, rate: 100, calls: warmupCalls, tag: `${mode}-${app}-warmup` });
        const latency = await runSipp(setup, {
          scenario,
          rate: latencyRate,
          calls: latencyCalls,
          tag: `${mode}-${app}-latency`,
        });
        const rate = await maxRate(setup, scenario, `${mode}-${app}-rate`);
        const metrics =
          'metrics' in running ? await (running as { metrics(): Promise<string> }).metrics() : '';
        return { latency: latency.responseTimes, rate, metrics };
      } finally {
        await running.stop();
      }
    };

    for (const mode of ['redirect', 'proxy'] as const) {
      const baseline = await measure(mode, 'baseline');
      const forwarder = await measure(mode, 'forwarder');
      const baselineName = mode === 'redirect' ? 'baseline (fixed 302)' : 'baseline (fixed proxy)';
      const base = latencyFigures(report, `${mode}: ${baselineName}`, baseline.latency);
      const ours = latencyFigures(report, `${mode}: forwarder`, forwarder.latency);
      report.figure({ name: `${mode}: setup latency added, mean`, value: ours.mean - base.mean, unit: 'ms' });
      report.figure({ name: `${mode}: setup latency added, p99`, value: ours.p99 - base.p99, unit: 'ms' });
      report.figure({
        name: `${mode}: ${baselineName} calls/s, 0 failures`,
        value: baseline.rate,
        unit: 'cps',
        detail: `${stepSeconds} s steps`,
      });
      report.figure({
        name: `${mode}: forwarder calls/s, 0 failures`,
        value: forwarder.rate,
        unit: 'cps',
        detail: `${stepSeconds} s steps`,
      });
      if (mode === 'redirect') {
        report.figure({
          name: 'redirect: shortfall vs baseline rate',
          value: baseline.rate > 0 ? Math.max(0, (1 - forwarder.rate / baseline.rate) * 100) : Number.NaN,
          unit: '%',
          target: shortfallTarget,
        });
      } else {
        const fixed302 = report.figures.find(
          (f) => f.name === 'redirect: baseline (fixed 302) calls/s, 0 failures',
        );
        if (fixed302) {
          report.figure({
            name: 'proxy: forwarder rate as share of fixed-302 baseline',
            value: (forwarder.rate / fixed302.value) * 100,
            unit: '%',
            detail: 'a proxied call also carries 100/180/200 through drachtio',
          });
        }
      }
      const decision = histogramP99(forwarder.metrics, 'wygc_sip_decision_seconds');
      report.figure({
        name: `${mode}: decision p99 in the app`,
        value: decision.p99 * 1e6,
        unit: 'µs',
        detail: `${decision.count} decisions, from the histogram`,
        target: decisionTarget,
      });
    }
  } finally {
    await stopProcess(trunk);
    await stopProcess(drachtio);
    await rm(dir, { recursive: true, force: true });
  }
};
