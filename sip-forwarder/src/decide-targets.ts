import { resolve } from '@wygc/routing-core';
import { ForwarderError } from './forwarder-error.ts';
import type { ForwarderMetrics } from './forwarder-metrics.ts';
import type { CallMiddleware } from './inbound-call.ts';

/** Step 3: who rings now, from the table in memory (480 when nobody can be rung). */
export const createDecideTargets = (metrics: ForwarderMetrics): CallMiddleware => ({
  name: 'decision',
  handle(call) {
    const { entry } = call;
    if (!entry) throw new ForwarderError('INTERNAL', 'decision step reached without a routing table');
    const decision = resolve(entry.table, call.receivedAt);
    if (call.decisionStartedAt !== undefined) {
      metrics.decisionSeconds.observe((performance.now() - call.decisionStartedAt) / 1000);
    }
    call.decision = decision;
    if (decision.reason === 'none' || decision.attempts.length === 0) {
      throw new ForwarderError('NO_TARGET', 'nobody is on duty and the number has no fallback');
    }
  },
});
