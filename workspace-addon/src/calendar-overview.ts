import {
  type CalendarSource,
  type CoverageReport,
  createCoverageReport,
  type Decision,
  type RoutedNumber,
  resolve,
  type StoredContact,
  type TenantStore,
} from '@wygc/routing-core';

/** One number fed by the calendar: who rings now and the coverage ahead, from its published table. */
export interface NumberOverview {
  readonly number: RoutedNumber;
  /** Absent until the number's first table is published (the calendar was never synced). */
  readonly now?: Decision;
  readonly coverage?: CoverageReport;
}

export interface CalendarOverview {
  readonly source: CalendarSource;
  readonly timeZone: string;
  readonly contacts: readonly StoredContact[];
  readonly numbers: readonly NumberOverview[];
}

const dayMs = 86_400_000;

/** The numbers this calendar feeds, sorted by name, as the tables the SIP forwarder routes with. */
export const loadCalendarOverview = async (input: {
  readonly tenant: TenantStore;
  readonly source: CalendarSource;
  readonly now: number;
  readonly days: number;
}): Promise<CalendarOverview> => {
  const { tenant, source, now } = input;
  const [settings, contacts, numbers] = await Promise.all([
    tenant.tenant(),
    tenant.contacts.list(),
    tenant.numbers.list(),
  ]);
  const fed = numbers
    .filter((number) => number.sourceIds.includes(source.id))
    .sort((a, b) => a.name.localeCompare(b.name) || a.did.localeCompare(b.did));
  const overviews = await Promise.all(
    fed.map(async (number): Promise<NumberOverview> => {
      const published = await tenant.tables.get(number.id);
      if (!published) return { number };
      const period = { start: now, end: now + input.days * dayMs };
      return {
        number,
        now: resolve(published.table, now),
        coverage: createCoverageReport(published.table, { period, unmatched: published.unmatched }),
      };
    }),
  );
  return { source, timeZone: settings.timeZone, contacts, numbers: overviews };
};
