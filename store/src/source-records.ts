import {
  type CalendarSource,
  type CalendarSourcePatch,
  calendarProviders,
  isIanaTimeZone,
  type NewCalendarSource,
} from '@wygc/routing-core';
import { z } from 'zod';
import { parseInput } from './invalid-input.ts';
import type { RecordSpec } from './record-repository.ts';

const timeZoneSchema = z.string().refine(isIanaTimeZone, 'not an IANA time zone');
const channelSchema = z
  .object({
    id: z.string().min(1),
    secret: z.string().min(16),
    resourceId: z.string().optional(),
    expiresAt: z.number().int(),
  })
  .strict();

const newSourceSchema = z
  .object({
    provider: z.enum(calendarProviders),
    externalId: z.string().min(1).max(2048),
    name: z.string().trim().min(1).max(120),
    timeZone: timeZoneSchema,
    credentials: z.record(z.string(), z.unknown()).optional(),
    zones: z.record(z.string(), z.string()).optional(),
  })
  .strict();

const patchSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    timeZone: timeZoneSchema.optional(),
    zones: z.record(z.string(), z.string()).optional(),
    credentials: z.record(z.string(), z.unknown()).optional(),
    cursor: z.string().optional(),
    channel: channelSchema.optional(),
    lastSync: z
      .object({
        at: z.number().int(),
        ok: z.boolean(),
        upserted: z.number().int().nonnegative(),
        deleted: z.number().int().nonnegative(),
        error: z.string().max(500).optional(),
      })
      .strict()
      .optional(),
    clearCursor: z.boolean().optional(),
    clearChannel: z.boolean().optional(),
  })
  .strict();

/** Applies a validated patch; shared with sync commits, which patch a source together with its events. */
export const patchSource = (current: CalendarSource, patch: CalendarSourcePatch): CalendarSource => {
  const { clearCursor, clearChannel, ...changes } = parseInput(patchSchema, patch, 'calendar source');
  const next: CalendarSource & { cursor?: string; channel?: unknown } = { ...current, ...changes };
  if (clearCursor) delete next.cursor;
  if (clearChannel) delete next.channel;
  return next as CalendarSource;
};

export const sourceFields = (source: CalendarSource) => ({ channelId: source.channel?.id ?? null });

export const sourceRecords = (
  tenantId: string,
): RecordSpec<CalendarSource, NewCalendarSource, CalendarSourcePatch> => ({
  collection: 'sources',
  category: 'calendar-source',
  build: (input, { id, now }) => {
    const valid = parseInput(newSourceSchema, input, 'calendar source');
    return {
      id,
      tenantId,
      provider: valid.provider,
      externalId: valid.externalId,
      name: valid.name,
      timeZone: valid.timeZone,
      zones: valid.zones ?? {},
      credentials: valid.credentials ?? {},
      createdAt: now,
    };
  },
  merge: patchSource,
  fields: sourceFields,
  // A source's events mean nothing without it.
  cascade: (source) => [
    { op: 'deleteWhere', collection: 'events', tenantId, where: { field: 'sourceId', equals: source.id } },
  ],
});
