import type { PublishedTable, RoutedNumber, TablePublication } from '@wygc/routing-core';
import type { WriteOp } from './store-driver.ts';
import { StoreError } from './store-error.ts';
import type { TenantAccess } from './tenant-access.ts';

/**
 * The writes that publish new table versions: each guarded by the version it was compiled against,
 * so two recompiles racing for one number cannot both land (the loser gets CONFLICT and recompiles).
 */
export const publicationOps = async (
  access: TenantAccess,
  publications: readonly TablePublication[],
): Promise<{ ops: WriteOp[]; published: PublishedTable[] }> => {
  const { tenantId, driver } = access;
  const ops: WriteOp[] = [];
  const published: PublishedTable[] = [];
  for (const publication of publications) {
    const row = await driver.get('numbers', tenantId, publication.numberId);
    if (!row) throw new StoreError('NOT_FOUND', 'no such routed number');
    const number = await access.open<RoutedNumber>('numbers', row);
    const version = (publication.expectedVersion ?? 0) + 1;
    const value: PublishedTable = {
      tenantId,
      numberId: number.id,
      did: number.did,
      version,
      table: { ...publication.table, version, did: number.did },
      unmatched: publication.unmatched,
    };
    ops.push(
      {
        op: 'expect',
        collection: 'tables',
        tenantId,
        id: number.id,
        field: 'version',
        equals: publication.expectedVersion ?? undefined,
      },
      {
        op: 'put',
        collection: 'tables',
        row: await access.seal('tables', number.id, value, { did: number.did, version }),
      },
    );
    published.push(value);
  }
  return { ops, published };
};
