import type { DecisionReason } from './resolve-decision.ts';

export const callOutcomes = [
  'answered',
  'redirected',
  'no-answer',
  'busy',
  'failed',
  'refused',
  'cancelled',
] as const;
export type CallOutcome = (typeof callOutcomes)[number];

export interface CallAttempt {
  /** Contact key, or absent for a fallback number. */
  readonly key?: string;
  readonly phone: string;
  readonly sipStatus: number;
  readonly ms: number;
}

/** One call: what was decided and what happened. Caller and target phones are encrypted at rest. */
export interface CallRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly callId: string;
  readonly did: string;
  readonly caller: string;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly tableVersion: number;
  readonly reason: DecisionReason;
  readonly attempts: readonly CallAttempt[];
  readonly outcome: CallOutcome;
  readonly answeredBy?: string;
}

export type NewCallRecord = Omit<CallRecord, 'id' | 'tenantId'>;
