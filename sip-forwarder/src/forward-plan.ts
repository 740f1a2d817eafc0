import type { CallAttempt, Decision } from '@wygc/routing-core';
import type { TrunkConfig } from './config.ts';
import { trunkUri } from './trunk-uri.ts';

export interface PlannedTarget {
  /** Contact key; absent for a fallback number. */
  readonly key?: string;
  readonly phone: string;
  /** sip:+31...@trunk;user=phone */
  readonly uri: string;
}

export interface PlannedAttempt {
  readonly targets: readonly PlannedTarget[];
  readonly ringSeconds: number;
}

/** A decision turned into SIP destinations at the trunk, built once per decision and shared by calls. */
export interface ForwardPlan {
  readonly attempts: readonly PlannedAttempt[];
  readonly targets: readonly PlannedTarget[];
  /** The 302's Contact value: one entry per target, q-values in ringing order, equal within a group. */
  readonly contact: string;
  /** What the CallRecord of a 302 lists: every target, redirected at once. Shared by those records. */
  readonly redirectAttempts: readonly CallAttempt[];
}

/** q from 1 down in steps of 0.1 (finer when there are more than ten attempts), always above 0. */
export const qValue = (index: number, count: number): string => {
  const q = 1 - index / Math.max(count, 10);
  const text = (Math.round(q * 1000) / 1000).toString();
  return text.includes('.') ? text : `${text}.0`;
};

export type ForwardPlanner = (decision: Decision) => ForwardPlan;

/**
 * Decisions are shared objects (routing-core builds each once per table slice), so plans are cached by
 * decision: a call pays for building SIP URIs, the Contact list and its record's attempts only the
 * first time its slice is used.
 */
export const createForwardPlanner = (trunk: TrunkConfig): ForwardPlanner => {
  const plans = new WeakMap<Decision, ForwardPlan>();
  return (decision) => {
    let plan = plans.get(decision);
    if (plan) return plan;
    const attempts = decision.attempts.map(
      (attempt): PlannedAttempt => ({
        ringSeconds: attempt.ringSeconds,
        targets: attempt.targets.map((target) => ({
          ...(target.key === undefined ? {} : { key: target.key }),
          phone: target.phone,
          uri: trunkUri(target.phone, trunk),
        })),
      }),
    );
    const contact = attempts
      .flatMap((attempt, index) =>
        attempt.targets.map((target) => `<${target.uri}>;q=${qValue(index, attempts.length)}`),
      )
      .join(', ');
    const targets = attempts.flatMap((attempt) => attempt.targets);
    const redirectAttempts = targets.map(
      (target): CallAttempt => ({
        ...(target.key === undefined ? {} : { key: target.key }),
        phone: target.phone,
        sipStatus: 302,
        ms: 0,
      }),
    );
    plan = { attempts, targets, contact, redirectAttempts };
    plans.set(decision, plan);
    return plan;
  };
};
