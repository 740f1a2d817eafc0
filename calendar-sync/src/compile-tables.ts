import {
  type CalendarEvent,
  type CalendarSource,
  compileNumber,
  horizonAround,
  type TablePublication,
  type TenantStore,
} from '@wygc/routing-core';

export interface CompileTablesInput {
  readonly tenant: TenantStore;
  readonly now: number;
  readonly horizonDays?: { readonly before: number; readonly after: number };
  /** Only numbers fed by this source; all numbers when absent. */
  readonly sourceId?: string;
  /** Events to use for one source instead of the stored ones: a sync compiles before it commits. */
  readonly override?: { readonly source: CalendarSource; readonly events: readonly CalendarEvent[] };
}

/**
 * Recompiles the routing tables of a tenant's numbers from stored data, each guarded by the version
 * it was compiled against. Used by sync, by edits of contacts and numbers, and by the daily roll.
 */
export const compileTables = async (input: CompileTablesInput): Promise<TablePublication[]> => {
  const { tenant, now } = input;
  const numbers = (await tenant.numbers.list()).filter(
    (n) => !input.sourceId || n.sourceIds.includes(input.sourceId),
  );
  if (numbers.length === 0) return [];
  const [settings, contacts, sources, events, tables] = await Promise.all([
    tenant.tenant(),
    tenant.contacts.list(),
    tenant.sources.list(),
    tenant.events.list(),
    tenant.tables.list(),
  ]);
  const versions = new Map(tables.map((t) => [t.numberId, t.version]));
  const eventsOf = (source: CalendarSource): readonly CalendarEvent[] =>
    input.override && input.override.source.id === source.id
      ? input.override.events
      : events.filter((e) => e.sourceId === source.id).map((e) => e.event);
  const horizon = horizonAround(now, input.horizonDays);
  return numbers.map((number) => {
    const feeding = sources
      .filter((source) => number.sourceIds.includes(source.id))
      .map((source) => (input.override?.source.id === source.id ? input.override.source : source));
    const { table, unmatched } = compileNumber({
      tenant: settings,
      number,
      contacts,
      sources: feeding.map((source) => ({ source, events: eventsOf(source) })),
      horizon,
      version: 0,
      compiledAt: now,
    });
    return { numberId: number.id, expectedVersion: versions.get(number.id) ?? null, table, unmatched };
  });
};
