import type { DecisionReason } from '@wygc/routing-core';
import type { DecisionView } from './decision-view.ts';
import { formatIsoInstant } from './iso-instant.ts';
import { attemptsJson, type TargetJson, targetJson } from './target-json.ts';
import { type UnmatchedJson, unmatchedJson } from './unmatched-json.ts';

/** `wygc preview --at ... --json`; documented in cli/README-preview.md, so keep it stable. */
export interface DecisionJson {
  readonly at: string;
  readonly timeZone: string;
  readonly reason: DecisionReason;
  readonly fallbackUsed: boolean;
  /** Ringing order, fallback included; targets in one inner array ring together. */
  readonly attempts: TargetJson[][];
  readonly ringSeconds: number;
  readonly fallback: TargetJson | null;
  /** When this decision changes; null when not within 35 days after `at`. */
  readonly until: string | null;
  readonly events: readonly {
    readonly uid: string;
    readonly start: string;
    readonly end: string;
    readonly subject: string;
  }[];
  readonly unmatched: readonly UnmatchedJson[];
}

export const decisionJson = (view: DecisionView): DecisionJson => {
  const iso = (instant: number) => formatIsoInstant(instant, view.zone);
  return {
    at: iso(view.at),
    timeZone: view.zone,
    reason: view.decision.reason,
    fallbackUsed: view.decision.fallbackUsed,
    attempts: attemptsJson(view.decision.attempts.map((attempt) => attempt.targets)),
    ringSeconds: view.ringSeconds,
    fallback: view.fallback ? targetJson(view.fallback) : null,
    until: view.until === undefined ? null : iso(view.until),
    events: view.events.map((event) => ({
      uid: event.uid,
      start: iso(event.start),
      end: iso(event.end),
      subject: event.subject,
    })),
    unmatched: view.unmatched.map((event) => unmatchedJson(event, view.zone)),
  };
};
