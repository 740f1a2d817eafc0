import {
  contactKeyPattern,
  type NewRoutedNumber,
  overlapPolicies,
  type RoutedNumber,
  type RoutedNumberPatch,
  ringStrategies,
  toE164,
} from '@wygc/routing-core';
import { z } from 'zod';
import { parseInput, validated } from './invalid-input.ts';
import type { RecordSpec } from './record-repository.ts';

/** A fallback is a contact key or a phone number; which one is decided when tables are compiled. */
const fallbackSchema = z
  .string()
  .trim()
  .refine(
    (value) => contactKeyPattern.test(value) || /^\+?[\d\s().-]{6,20}$/.test(value),
    'a contact key or a phone number',
  )
  .nullable();

const settingsShape = {
  name: z.string().trim().min(1).max(120),
  sourceIds: z.array(z.string().min(1)).max(20),
  fallback: fallbackSchema,
  strategy: z.enum(ringStrategies),
  ringSeconds: z.number().int().min(5).max(300),
  overlapPolicy: z.enum(overlapPolicies),
};

const newNumberSchema = z
  .object({ did: z.string().min(1), ...settingsShape })
  .partial({ sourceIds: true, fallback: true, strategy: true, ringSeconds: true, overlapPolicy: true })
  .strict();

const patchSchema = z.object(settingsShape).partial().strict();

const normaliseFallback = (fallback: string | null | undefined): string | null => {
  if (!fallback) return null;
  return contactKeyPattern.test(fallback) ? fallback : validated('fallback', () => toE164(fallback));
};

export const numberRecords = (
  tenantId: string,
): RecordSpec<RoutedNumber, NewRoutedNumber, RoutedNumberPatch> => ({
  collection: 'numbers',
  category: 'routed-number',
  build: (input, { id, now, tenant }) => {
    const valid = parseInput(newNumberSchema, input, 'number');
    return {
      id,
      tenantId,
      did: validated('did', () => toE164(valid.did)),
      name: valid.name,
      sourceIds: [...new Set(valid.sourceIds ?? [])],
      fallback: normaliseFallback(valid.fallback),
      strategy: valid.strategy ?? 'sequential',
      ringSeconds: valid.ringSeconds ?? tenant.settings.ringSeconds,
      overlapPolicy: valid.overlapPolicy ?? tenant.settings.overlapPolicy,
      createdAt: now,
    };
  },
  merge: (current, patch) => {
    const valid = parseInput(patchSchema, patch, 'number');
    return {
      ...current,
      ...valid,
      ...(valid.sourceIds ? { sourceIds: [...new Set(valid.sourceIds)] } : {}),
      ...('fallback' in valid ? { fallback: normaliseFallback(valid.fallback) } : {}),
    };
  },
  fields: (number) => ({ did: number.did }),
  // A number that is gone must stop routing: its published table goes with it (and the feed says so).
  cascade: (number) => [{ op: 'delete', collection: 'tables', tenantId, id: number.id }],
});
