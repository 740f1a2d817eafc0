import { isRoutingError } from '@wygc/routing-core';
import type { z } from 'zod';
import { StoreError } from './store-error.ts';

/** Parses with a zod schema; the first problem becomes a StoreError INVALID_INPUT naming the field. */
export const parseInput = <S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  throw new StoreError('INVALID_INPUT', `${what}: ${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}`, {
    cause: result.error,
  });
};

/** Runs a routing-core validation; its RoutingError becomes a StoreError INVALID_INPUT. */
export const validated = <T>(what: string, run: () => T): T => {
  try {
    return run();
  } catch (error) {
    if (isRoutingError(error))
      throw new StoreError('INVALID_INPUT', `${what}: ${error.message}`, { cause: error });
    throw error;
  }
};
