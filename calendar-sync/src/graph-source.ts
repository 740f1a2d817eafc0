import type { CalendarSource } from '@wygc/routing-core';
import { z } from 'zod';
import { SyncError } from './sync-error.ts';

/** An Entra tenant is named by its GUID or a verified domain; nothing else may reach an authority URL. */
export const entraTenantIdSchema = z.union([
  z.guid(),
  z.string().regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i),
]);

const credentialsSchema = z.object({ tenantId: entraTenantIdSchema });

/** A path segment that cannot escape its place in a URL (no separators, no dot segments). */
const segment = z
  .string()
  .regex(/^[^/?#\s\\]+$/)
  .refine((value) => value !== '.' && value !== '..');

/** "users/{user}/calendar" (the default calendar) or "users/{user}/calendars/{calendar}". */
const externalIdSchema = z.union([
  z.tuple([z.literal('users'), segment, z.literal('calendar')]),
  z.tuple([z.literal('users'), segment, z.literal('calendars'), segment]),
]);

export interface GraphSource {
  /** The customer's Entra tenant, the authority tokens are requested from. */
  readonly tenantId: string;
  /** The calendar's Graph path relative to the API root, e.g. "users/{id}/calendars/{id}". */
  readonly path: string;
  readonly userId: string;
}

/** Reads the Graph-specific parts of a source; a source that fails here can never sync. */
export const parseGraphSource = (source: CalendarSource): GraphSource => {
  const credentials = credentialsSchema.safeParse(source.credentials);
  if (!credentials.success) {
    throw new SyncError('INVALID_CONFIG', 'Microsoft source: credentials need the Entra tenant id');
  }
  const parts = externalIdSchema.safeParse(source.externalId.split('/'));
  if (!parts.success) {
    throw new SyncError(
      'INVALID_CONFIG',
      'Microsoft source: the calendar must be users/{user}/calendar or users/{user}/calendars/{calendar}',
    );
  }
  return { tenantId: credentials.data.tenantId, path: source.externalId, userId: parts.data[1] };
};
