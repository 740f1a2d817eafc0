import type { Store } from '@wygc/routing-core';
import { compileTables } from './compile-tables.ts';

/**
 * Recompiles and publishes every table of a tenant, e.g. after a contact or a number changed. A sync
 * that publishes in between makes the publish conflict; then it simply recompiles on top of it.
 */
export const recompileTenantTables = async (options: {
  readonly store: Store;
  readonly tenantId: string;
  readonly now: number;
  readonly actor?: string;
  readonly maxConflicts?: number;
}): Promise<number> => {
  const tenant = options.store.forTenant(options.tenantId, { actor: options.actor ?? 'system:recompile' });
  const maxConflicts = options.maxConflicts ?? 3;
  for (let attempt = 1; ; attempt++) {
    const publications = await compileTables({ tenant, now: options.now });
    try {
      return (await tenant.tables.publish(publications)).length;
    } catch (error) {
      const conflict = (error as { code?: unknown }).code === 'CONFLICT';
      if (!conflict || attempt >= maxConflicts) throw error;
    }
  }
};
