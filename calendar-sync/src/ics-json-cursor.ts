import type { z } from 'zod';

/**
 * Reads a cursor this package stored as JSON. A cursor that cannot be read (another version, a
 * hand-edited source) reads as empty: that costs one full listing, never a wrong delta.
 */
export const readIcsJsonCursor = <T extends z.ZodType<object>>(
  schema: T,
  cursor: string | undefined,
): Partial<z.infer<T>> => {
  if (cursor === undefined) return {};
  try {
    return schema.safeParse(JSON.parse(cursor)).data ?? {};
  } catch {
    return {};
  }
};
