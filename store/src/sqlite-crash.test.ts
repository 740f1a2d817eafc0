import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteDriver } from './sqlite-driver.ts';

const writer = join(import.meta.dirname, 'test-fixtures', 'sqlite-crash-writer.ts');
const committedBefore = 5_000;
const bigCommit = 50_000;

interface Run {
  readonly lines: string[];
  readonly signal: NodeJS.Signals | null;
  readonly walBytesAtKill: number;
}

/** Runs the writer and SIGKILLs it as soon as it prints `killAt`. */
const runWriter = (path: string, pause: 'during' | 'after' | 'none', killAt: string) =>
  new Promise<Run>((resolve, reject) => {
    const child = spawn(process.execPath, [writer, path, pause], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let stderr = '';
    let walBytesAtKill = 0;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (line !== killAt) return;
      // In the pausing modes the child is waiting to be killed here, so the WAL is not changing under us.
      walBytesAtKill = statSync(`${path}-wal`).size;
      child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited with ${code}: ${stderr}`));
      else resolve({ lines, signal, walBytesAtKill });
    });
  });

const integrity = (path: string) => {
  const db = new DatabaseSync(path);
  try {
    return db
      .prepare('PRAGMA integrity_check')
      .all()
      .map((row) => row.integrity_check);
  } finally {
    db.close();
  }
};

describe('sqlite driver after a crash', () => {
  let dir: string;
  let path: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wygc-crash-'));
    path = join(dir, 'wygc.sqlite');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Reopens the database the way the server would and reports how many events survived. */
  const reopen = async () => {
    expect(integrity(path)).toEqual(['ok']);
    const driver = createSqliteDriver({ path });
    try {
      const first = await driver.get('events', 't1', 'e0');
      const last = await driver.get('events', 't1', `e${committedBefore - 1}`);
      expect(first?.sealed).toBe('0:'.padEnd(400, 'x'));
      expect(last?.sealed).toBe(`${committedBefore - 1}:`.padEnd(400, 'x'));
      return await driver.count('events', 't1');
    } finally {
      await driver.close();
    }
  };

  it('loses the whole transaction it was killed in, though its pages had reached the WAL', {
    timeout: 60_000,
  }, async () => {
    const run = await runWriter(path, 'during', 'inside big commit');
    expect(run.lines).toContain('big commit starting');
    expect(run.lines).not.toContain('big commit done');
    // 40,000 uncommitted rows of 400 bytes spill out of the 2 MB page cache; the 5,000 committed ones
    // fill under 4 MB. So recovery below really has uncommitted frames to discard.
    expect(run.walBytesAtKill).toBeGreaterThan(10 * 2 ** 20);
    expect(await reopen()).toBe(committedBefore);
  });

  it('keeps the whole transaction once commit has returned', { timeout: 60_000 }, async () => {
    const run = await runWriter(path, 'after', 'big commit done');
    expect(run.signal).toBe('SIGKILL');
    expect(await reopen()).toBe(committedBefore + bigCommit);
  });

  it('has all or none of a transaction killed at an arbitrary moment', { timeout: 60_000 }, async () => {
    await runWriter(path, 'none', 'big commit starting');
    expect([committedBefore, committedBefore + bigCommit]).toContain(await reopen());
  });
});
