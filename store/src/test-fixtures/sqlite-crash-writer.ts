/**
 * Child process for sqlite-crash.test.ts: commits 5,000 events in small transactions, then 50,000 in
 * one, reporting its progress on stdout so the parent knows when to SIGKILL it.
 *
 * usage: node sqlite-crash-writer.ts <database> <pause: during | after | none>
 *   during: stops inside the big transaction, after 40,000 of its rows are written (the 40,001st row's
 *           `sealed` getter runs while the driver applies it), and waits there to be killed;
 *   after:  waits to be killed once the big transaction has committed;
 *   none:   does not wait; the parent kills it as soon as the big commit starts.
 */
import type { StoredRow } from '../collections.ts';
import { createSqliteDriver } from '../sqlite-driver.ts';

const [path, pause] = process.argv.slice(2);
if (!path || !['during', 'after', 'none'].includes(pause ?? ''))
  throw new Error('usage: <database> <during|after|none>');

const say = (line: string) => process.stdout.write(`${line}\n`);
const waitToBeKilled = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);

const tenantId = 't1';
const event = (n: number): StoredRow => ({
  id: `e${n}`,
  tenantId,
  fields: { sourceId: 's1' },
  sealed: `${n}:`.padEnd(400, 'x'),
});
const events = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    op: 'put' as const,
    collection: 'events' as const,
    row: event(from + i),
  }));

const driver = createSqliteDriver({ path });
await driver.commit([
  {
    op: 'putTenant',
    tenant: {
      id: tenantId,
      name: 'T',
      status: 'active',
      timeZone: 'UTC',
      settings: '{}',
      wrappedKey: null,
      createdAt: 1,
      terminatedAt: null,
    },
  },
]);
for (let from = 0; from < 5_000; from += 1_000) await driver.commit(events(from, 1_000));
say('small commits done');

const big = events(5_000, 50_000);
if (pause === 'during') {
  const row = event(45_000);
  big[40_000] = {
    op: 'put',
    collection: 'events',
    row: {
      ...row,
      get sealed() {
        say('inside big commit');
        waitToBeKilled();
        return row.sealed;
      },
    },
  };
}
say('big commit starting');
await driver.commit(big);
say('big commit done');
if (pause === 'after') waitToBeKilled();
await driver.close();
