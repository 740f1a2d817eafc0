import { createSyncCoalescer, recompileTenantTables } from '@wygc/calendar-sync';
import type { Store } from '@wygc/routing-core';
import type { Logger } from 'pino';

export interface RosterRecompiler {
  /** A contact or number changed: recompile the tenant's tables soon; the caller does not wait. */
  onRosterChange(tenantId: string): void;
  /** Resolves when every requested recompile has finished: for shutdown and tests. */
  idle(): Promise<void>;
}

/**
 * Recompiles a tenant's routing tables after an admin changed its contacts or numbers, at most one
 * compile per tenant at a time: a burst of edits causes one follow-up compile that sees all of them.
 */
export const createRosterRecompiler = (deps: {
  readonly store: Store;
  readonly clock: () => number;
  readonly logger: Logger;
}): RosterRecompiler => {
  const log = deps.logger.child({ part: 'recompile' });
  const coalescer = createSyncCoalescer<string>({
    keyOf: (tenantId) => tenantId,
    run: (tenantId) =>
      recompileTenantTables({ store: deps.store, tenantId, now: deps.clock(), actor: 'system:recompile' }),
    // The tables stay as they were; the next change or the daily horizon roll tries again.
    onError: (error, tenantId) =>
      log.error(
        { tenantId, err: (error as { code?: string }).code ?? 'error' },
        'routing table recompile failed',
      ),
  });
  return {
    onRosterChange: (tenantId) => {
      void coalescer.request(tenantId);
    },
    idle: () => coalescer.idle(),
  };
};
