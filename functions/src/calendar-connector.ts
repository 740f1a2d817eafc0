import { isSyncError, type SyncJobQueue } from '@wygc/calendar-sync';
import {
  type CalendarProvider,
  type CalendarSource,
  type CalendarSourceAdapter,
  isIanaTimeZone,
  type TenantStore,
} from '@wygc/routing-core';
import type { Logger } from 'pino';
import { HttpError, toHttpError } from './http-error.ts';

export interface CalendarConnection {
  readonly provider: CalendarProvider;
  readonly externalId: string;
  readonly credentials: Readonly<Record<string, unknown>>;
  /** The admin's name for it; otherwise the calendar's own name. */
  readonly name?: string;
}

export interface CalendarConnector {
  /**
   * Stores the source, checks access with the provider (describe), takes its name and time zone, and
   * queues its first sync. A calendar we cannot read is removed again and the error thrown.
   */
  connect(tenant: TenantStore, connection: CalendarConnection, logger: Logger): Promise<CalendarSource>;
}

export const providerLabels: Readonly<Record<CalendarProvider, string>> = {
  google: 'Google',
  microsoft: 'Microsoft 365',
  ics: 'ICS',
  caldav: 'CalDAV',
};

const maxNameLength = 120;
const describeTimeoutMs = 20_000;

/**
 * The provider's refusal, in the adapter's own words (SyncError messages name no URL, token or
 * address). A provider that is down or throttling is our upstream failing (503); anything else is a
 * calendar the admin must fix (400).
 */
export const calendarAccessError = (error: unknown): HttpError => {
  if (isSyncError(error)) {
    return error.retryable
      ? new HttpError('UNAVAILABLE', `The calendar could not be reached: ${error.message}`, { cause: error })
      : new HttpError('BAD_REQUEST', `The calendar could not be connected: ${error.message}`, {
          cause: error,
        });
  }
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return new HttpError('UNAVAILABLE', 'The calendar did not answer in time.', { cause: error });
  }
  return toHttpError(error);
};

export const createCalendarConnector = (deps: {
  readonly adapters: Partial<Record<CalendarProvider, CalendarSourceAdapter>>;
  readonly queue: SyncJobQueue;
}): CalendarConnector => ({
  connect: async (tenant, connection, logger) => {
    const adapter = deps.adapters[connection.provider];
    if (!adapter) {
      throw new HttpError(
        'BAD_REQUEST',
        `${providerLabels[connection.provider]} calendars are not set up on this server.`,
      );
    }
    const { timeZone } = await tenant.tenant();
    const created = await tenant.sources.create({
      provider: connection.provider,
      externalId: connection.externalId,
      name: connection.name ?? `${providerLabels[connection.provider]} calendar`,
      timeZone,
      credentials: connection.credentials,
    });
    const log = logger.child({ tenantId: tenant.tenantId, sourceId: created.id, provider: created.provider });
    let described: { name: string; timeZone: string };
    try {
      described = await adapter.describe(created, AbortSignal.timeout(describeTimeoutMs));
    } catch (error) {
      // Nothing of a calendar we cannot read is kept, credentials least of all.
      await tenant.sources.remove(created.id).catch((cause: unknown) => {
        log.error(
          { err: (cause as { code?: string }).code ?? 'error' },
          'could not remove the unusable calendar',
        );
      });
      await tenant.audit.append({
        action: 'calendar-source.connect',
        target: { category: 'calendar-source', id: created.id },
        outcome: 'failure',
      });
      log.warn({ err: (error as { code?: string }).code ?? 'error' }, 'calendar access check failed');
      throw calendarAccessError(error);
    }
    const ownName = described.name.trim().slice(0, maxNameLength);
    const source = await tenant.sources.update(created.id, {
      ...(connection.name === undefined && ownName.length > 0 ? { name: ownName } : {}),
      ...(isIanaTimeZone(described.timeZone) ? { timeZone: described.timeZone } : {}),
    });
    await tenant.audit.append({
      action: 'calendar-source.connect',
      target: { category: 'calendar-source', id: source.id },
    });
    await deps.queue.enqueue({ tenantId: tenant.tenantId, sourceId: source.id });
    return source;
  },
});
