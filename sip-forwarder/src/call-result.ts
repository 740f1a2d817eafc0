import type { CallAttempt, CallOutcome } from '@wygc/routing-core';

/** How a routed call went, as the forwarding mode saw it: the stuff of its CallRecord. */
export interface CallResult {
  readonly outcome: CallOutcome;
  readonly attempts: readonly CallAttempt[];
  /** Contact key (or phone of a fallback number) of whoever answered, when the mode can tell. */
  readonly answeredBy?: string;
  /** Epoch ms when the forwarder's part of the call setup ended. */
  readonly endedAt: number;
  /** b2bua: the forwarder stays in the call; resolves with the hangup time, which ends the record. */
  readonly hangup?: Promise<number>;
}

/** A final SIP status as a CallRecord outcome (for the forks the forwarder did not end itself). */
export const outcomeOfStatus = (status: number, callerCancelled: boolean): CallOutcome => {
  if (status >= 200 && status < 300) return 'answered';
  if (callerCancelled || status === 487) return 'cancelled';
  if (status === 486 || status === 600) return 'busy';
  if (status === 408 || status === 480) return 'no-answer';
  return 'failed';
};
