import type { Store } from '@wygc/routing-core';
import type { Logger } from 'pino';

export interface RetentionPurgeReport {
  readonly tenants: number;
  readonly callRecords: number;
  readonly auditEntries: number;
  readonly failures: number;
}

/**
 * Deletes call records and audit entries older than each active tenant's retention (DESIGN §7). One
 * tenant's failure is logged and counted; the others are still purged.
 */
export const purgeExpiredData = async (deps: {
  readonly store: Store;
  readonly now: number;
  readonly logger: Logger;
}): Promise<RetentionPurgeReport> => {
  const report = { tenants: 0, callRecords: 0, auditEntries: 0, failures: 0 };
  for (const tenant of await deps.store.tenants.list()) {
    if (tenant.status !== 'active') continue;
    try {
      const purged = await deps.store
        .forTenant(tenant.id, { actor: 'system:purge' })
        .privacy.purgeExpired(deps.now);
      report.tenants++;
      report.callRecords += purged.callRecords;
      report.auditEntries += purged.auditEntries;
    } catch (error) {
      // One tenant's failure must not keep the others' expired data around.
      report.failures++;
      deps.logger.error(
        { tenantId: tenant.id, err: (error as { code?: string }).code ?? 'error' },
        'retention purge failed',
      );
    }
  }
  return report;
};
