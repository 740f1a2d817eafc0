import type { Page, PeriodQuery } from '@wygc/routing-core';
import type { CollectionName } from './collections.ts';
import { decodeCursor, encodeCursor, isAfterCursor } from './page-cursor.ts';
import type { TenantAccess } from './tenant-access.ts';

const defaultLimit = 50;
const maxLimit = 500;

/**
 * Newest-first pages over a collection indexed by time ("at"), for call records and the audit log.
 * Rows sharing the cursor's millisecond are skipped by id, so a page boundary never loses or repeats one.
 */
export const listTimeline = async <T extends { readonly id: string }>(
  access: TenantAccess,
  collection: CollectionName,
  atOf: (item: T) => number,
  query: PeriodQuery = {},
): Promise<Page<T>> => {
  const limit = Math.min(Math.max(query.limit ?? defaultLimit, 1), maxLimit);
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const to = cursor ? Math.min(cursor.at + 1, query.to ?? Number.POSITIVE_INFINITY) : query.to;
  let window = limit + 1;
  for (;;) {
    const rows = await access.driver.list(collection, access.tenantId, {
      range: {
        field: 'at',
        ...(query.from !== undefined ? { from: query.from } : {}),
        ...(to !== undefined && Number.isFinite(to) ? { to } : {}),
      },
      order: 'desc',
      limit: window,
    });
    const items = (await access.openAll<T>(collection, rows)).filter((item) =>
      isAfterCursor({ at: atOf(item), id: item.id }, cursor),
    );
    if (items.length > limit || rows.length < window) {
      const page = items.slice(0, limit);
      const last = page[page.length - 1];
      return items.length > limit && last
        ? { items: page, nextCursor: encodeCursor({ at: atOf(last), id: last.id }) }
        : { items: page };
    }
    window *= 2;
  }
};
