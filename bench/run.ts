import { availableParallelism, cpus } from 'node:os';
import { runApiBench } from './api-bench.ts';
import { type BenchReport, createBenchReport } from './bench-report.ts';
import { runRoutingCoreBench } from './routing-core-bench.ts';
import { runSipForwarderBench } from './sip-forwarder-bench.ts';
import { runStoreBench } from './store-bench.ts';
import { runSyncBench } from './sync-bench.ts';

interface BenchSuite {
  readonly name: string;
  readonly run: (report: BenchReport) => Promise<void>;
}

/** Run in this order; a new suite is one more entry. */
const suites: readonly BenchSuite[] = [
  { name: 'routing-core', run: runRoutingCoreBench },
  { name: 'store (SQLite)', run: runStoreBench },
  { name: 'calendar sync (Google push)', run: runSyncBench },
  { name: 'admin API (HTTP)', run: runApiBench },
  { name: 'SIP forwarder (drachtio-server + SIPp)', run: runSipForwarderBench },
];

// With --json, stdout carries only the JSON so that it can be redirected to a file; the table goes to stderr.
const json = process.argv.includes('--json');
const report = createBenchReport(json ? console.error : console.log);
// `npm run bench -- api sync` runs the suites whose names contain one of the words.
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const chosen = suites.filter(
  (suite) =>
    wanted.length === 0 || wanted.some((word) => suite.name.toLowerCase().includes(word.toLowerCase())),
);
if (chosen.length === 0) {
  console.error(
    `No bench suite matches ${wanted.join(', ')}; the suites: ${suites.map((s) => s.name).join('; ')}`,
  );
  process.exit(2);
}

for (const suite of chosen) {
  report.startSuite(suite.name);
  await suite.run(report);
}

const misses = report.figures.filter((figure) => figure.pass === false).length;
const summary = `${report.figures.length} figures, ${misses} ${misses === 1 ? 'target' : 'targets'} missed`;
(json ? console.error : console.log)(`\n${summary}`);
if (json) {
  const machine = {
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
  };
  console.log(JSON.stringify({ ...machine, figures: report.figures }, null, 2));
}
