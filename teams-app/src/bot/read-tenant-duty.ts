import type { PublishedTable, RoutedNumber, TenantStore } from '@wygc/routing-core';

export interface NumberDuty {
  readonly number: RoutedNumber;
  /** Absent until the number's first table is compiled. */
  readonly published?: PublishedTable;
}

/** A tenant's numbers with their current tables, and the descriptions people know contacts by. */
export interface TenantDuty {
  readonly numbers: readonly NumberDuty[];
  readonly timeZone: string;
  describe(key: string): string | undefined;
}

/** One read of what "who" and "roster" show; the store audits it under the caller's actor. */
export const readTenantDuty = async (tenant: TenantStore): Promise<TenantDuty> => {
  const [settings, numbers, tables, contacts] = await Promise.all([
    tenant.tenant(),
    tenant.numbers.list(),
    tenant.tables.list(),
    tenant.contacts.list(),
  ]);
  const tableOf = new Map(tables.map((table) => [table.numberId, table]));
  const descriptions = new Map(contacts.map((contact) => [contact.key, contact.description]));
  return {
    numbers: [...numbers]
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
      .map((number) => {
        const published = tableOf.get(number.id);
        return published ? { number, published } : { number };
      }),
    timeZone: settings.timeZone,
    describe: (key) => descriptions.get(key),
  };
};
