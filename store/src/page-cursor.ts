import { z } from 'zod';
import { StoreError } from './store-error.ts';

/** Where the previous page of a time-ordered listing (newest first) ended. */
export interface PageCursor {
  readonly at: number;
  readonly id: string;
}

const cursorSchema = z.object({ at: z.number().int(), id: z.string().min(1) }).strict();

export const encodeCursor = (cursor: PageCursor): string =>
  Buffer.from(JSON.stringify(cursor)).toString('base64url');

export const decodeCursor = (value: string): PageCursor => {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
  } catch (cause) {
    throw new StoreError('INVALID_INPUT', 'the page cursor is not valid', { cause });
  }
};

/** Newest first, ties broken by id descending: the order listings page through. */
export const isAfterCursor = (row: PageCursor, cursor: PageCursor | undefined): boolean =>
  cursor === undefined || row.at < cursor.at || (row.at === cursor.at && row.id < cursor.id);
