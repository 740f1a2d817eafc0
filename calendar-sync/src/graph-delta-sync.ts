import {
  type CalendarChanges,
  type CalendarEvent,
  type CalendarSource,
  createTimeZoneResolver,
  type FetchOptions,
  type Period,
} from '@wygc/routing-core';
import { z } from 'zod';
import { type GraphClient, graphErrorCode, graphResponseError } from './graph-client.ts';
import {
  baselineWindow,
  formatGraphDeltaCursor,
  type GraphDeltaCursor,
  parseGraphDeltaCursor,
  windowCovers,
} from './graph-delta-cursor.ts';
import { graphDeltaItemSchema, mapGraphDeltaItem } from './graph-event-mapper.ts';
import { parseGraphSource } from './graph-source.ts';
import { SyncError } from './sync-error.ts';

export interface GraphDeltaSyncConfig {
  readonly client: GraphClient;
  /** Sent as `Prefer: odata.maxpagesize`; Graph may send fewer. */
  readonly maxPageSize?: number;
  /** How far the horizon may move before the window is listed afresh (default one day). */
  readonly rebaselineAfterMs?: number;
  /** Guards against a provider that keeps sending nextLinks. */
  readonly maxPages?: number;
}

const dayMs = 86_400_000;

const deltaPageSchema = z.looseObject({
  value: z.array(graphDeltaItemSchema),
  '@odata.nextLink': z.string().optional(),
  '@odata.deltaLink': z.string().optional(),
});

/** The documented signals that a delta token is no longer usable and a full round must start. */
const resyncCodes = new Set(['syncStateNotFound', 'resyncRequired']);

type Change = { readonly kind: 'upsert'; readonly event: CalendarEvent } | { readonly kind: 'delete' };

type Round =
  | { readonly kind: 'done'; readonly deltaLink: string; readonly changes: ReadonlyMap<string, Change> }
  | { readonly kind: 'expired' };

const isoUtc = (instant: number): string => new Date(instant).toISOString();

/**
 * calendarView/delta over the routing horizon (DESIGN §5): a full round lists the window and ends with
 * a deltaLink, the cursor; later rounds from that deltaLink return what changed. A round Graph no longer
 * knows (410, syncStateNotFound, resyncRequired) and a horizon that left the window both start a full
 * listing with `replaceAll`.
 */
export const createGraphDeltaSync = (config: GraphDeltaSyncConfig) => {
  const { client } = config;
  const rebaselineAfterMs = config.rebaselineAfterMs ?? dayMs;
  const maxPages = config.maxPages ?? 10_000;
  const prefer: Record<string, string> =
    config.maxPageSize === undefined ? {} : { prefer: `odata.maxpagesize=${config.maxPageSize}` };

  const runRound = async (
    tenantId: string,
    firstLink: string,
    signal: AbortSignal | undefined,
  ): Promise<Round> => {
    const resolveZone = createTimeZoneResolver();
    // Later pages may repeat an event (replays); the last word about an id wins.
    const changes = new Map<string, Change>();
    let link = firstLink;
    for (let page = 1; page <= maxPages; page++) {
      const response = await client.send({
        tenantId,
        method: 'GET',
        target: link,
        headers: prefer,
        signal,
        what: 'calendar delta',
      });
      if (response.status === 410 || resyncCodes.has(graphErrorCode(response.body) ?? ''))
        return { kind: 'expired' };
      if (response.status !== 200) throw graphResponseError(response, 'calendar delta');
      const parsed = deltaPageSchema.safeParse(response.body);
      if (!parsed.success) {
        throw new SyncError('INVALID_RESPONSE', 'calendar delta: Microsoft Graph sent an unexpected page', {
          cause: parsed.error,
        });
      }
      for (const item of parsed.data.value) {
        const change = mapGraphDeltaItem(item, resolveZone);
        if (change.kind === 'upsert') changes.set(change.id, { kind: 'upsert', event: change.event });
        else if (change.kind === 'delete') changes.set(change.id, { kind: 'delete' });
      }
      const deltaLink = parsed.data['@odata.deltaLink'];
      if (deltaLink !== undefined) return { kind: 'done', deltaLink, changes };
      const nextLink = parsed.data['@odata.nextLink'];
      if (nextLink === undefined) {
        throw new SyncError(
          'INVALID_RESPONSE',
          'calendar delta: a page had neither a nextLink nor a deltaLink',
        );
      }
      link = nextLink;
    }
    throw new SyncError('INVALID_RESPONSE', `calendar delta: more than ${maxPages} pages in one round`);
  };

  const toChanges = (
    round: Extract<Round, { kind: 'done' }>,
    window: Period,
    replaceAll: boolean,
  ): CalendarChanges => {
    const upserts: { externalId: string; event: CalendarEvent }[] = [];
    const deletes: string[] = [];
    for (const [externalId, change] of round.changes) {
      if (change.kind === 'upsert') upserts.push({ externalId, event: change.event });
      else if (!replaceAll) deletes.push(externalId);
    }
    return {
      upserts,
      deletes,
      replaceAll,
      cursor: formatGraphDeltaCursor({ deltaLink: round.deltaLink, window }),
    };
  };

  const fullListing = async (
    tenantId: string,
    path: string,
    horizon: Period,
    signal: AbortSignal | undefined,
  ) => {
    const window = baselineWindow(horizon, rebaselineAfterMs);
    const query = new URLSearchParams({
      startDateTime: isoUtc(window.start),
      endDateTime: isoUtc(window.end),
    });
    const round = await runRound(tenantId, `${path}/calendarView/delta?${query}`, signal);
    if (round.kind === 'expired') {
      throw new SyncError(
        'PROVIDER_UNAVAILABLE',
        'calendar delta: Microsoft Graph refused to start a new round',
      );
    }
    return toChanges(round, window, true);
  };

  const incremental = async (tenantId: string, cursor: GraphDeltaCursor, signal: AbortSignal | undefined) => {
    const round = await runRound(tenantId, cursor.deltaLink, signal);
    return round.kind === 'done' ? toChanges(round, cursor.window, false) : undefined;
  };

  return {
    fetchChanges: async (source: CalendarSource, options: FetchOptions): Promise<CalendarChanges> => {
      const { tenantId, path } = parseGraphSource(source);
      const cursor = parseGraphDeltaCursor(source.cursor);
      if (cursor && windowCovers(cursor.window, options.horizon, rebaselineAfterMs)) {
        const changes = await incremental(tenantId, cursor, options.signal);
        if (changes) return changes;
      }
      return fullListing(tenantId, path, options.horizon, options.signal);
    },
  };
};
