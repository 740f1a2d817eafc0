import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isE164, parseRoutingTable } from '@wygc/routing-core';
import { z } from 'zod';
import { ForwarderError } from './forwarder-error.ts';
import type { TableEntry } from './table-registry.ts';

const snapshotFormat = 'wygc-sip-tables/1';

// The tables themselves are checked by routing-core's own schema, entry by entry.
const snapshotSchema = z.strictObject({
  format: z.literal(snapshotFormat),
  savedAt: z.number().int(),
  tables: z.array(
    z.strictObject({
      tenantId: z.string().min(1),
      numberId: z.string().min(1),
      did: z.string().refine(isE164, 'expected an E.164 DID'),
      version: z.number().int().nonnegative(),
      table: z.unknown(),
    }),
  ),
});

export interface TableSnapshot {
  readonly savedAt: number;
  readonly entries: readonly TableEntry[];
  /** Tables in the file that failed validation and were left out. */
  readonly rejected: number;
}

/**
 * Writes the tables so that a reader sees either the old file or the new one, never half of one: a
 * temporary file in the same folder, flushed to disk, then renamed over the old one.
 */
export const writeTableSnapshot = async (
  path: string,
  entries: readonly TableEntry[],
  savedAt: number,
): Promise<void> => {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const body = JSON.stringify({
    format: snapshotFormat,
    savedAt,
    tables: entries.map(({ tenantId, numberId, did, version, table }) => ({
      tenantId,
      numberId,
      did,
      version,
      table,
    })),
  });
  // 0600: the tables hold the phone numbers of the people on duty.
  const file = await open(temporary, 'w', 0o600);
  try {
    await file.writeFile(body, 'utf8');
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await file.close();
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  // The rename itself must survive a power cut too.
  const directory = await open(folder, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
};

/** Reads the last good tables; undefined when there is no snapshot, INVALID_SNAPSHOT when it is unusable. */
export const readTableSnapshot = async (path: string): Promise<TableSnapshot | undefined> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ForwarderError('INVALID_SNAPSHOT', 'the routing table snapshot cannot be read', {
      cause: error,
    });
  }
  let parsed: z.infer<typeof snapshotSchema>;
  try {
    parsed = snapshotSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new ForwarderError('INVALID_SNAPSHOT', 'the routing table snapshot is not a valid snapshot', {
      cause: error,
    });
  }
  const entries: TableEntry[] = [];
  let rejected = 0;
  for (const item of parsed.tables) {
    try {
      const table = parseRoutingTable(item.table);
      entries.push({ ...item, table });
    } catch {
      rejected += 1;
    }
  }
  return { savedAt: parsed.savedAt, entries, rejected };
};
