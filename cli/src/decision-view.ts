import {
  type ContactDirectory,
  type Decision,
  type EventInstance,
  type OverlapPolicy,
  type RoutingTable,
  resolve,
  type TargetGroup,
  type UnmatchedEvent,
} from '@wygc/routing-core';

/** Everything `wygc preview --at` shows: the decision plus what explains it. */
export interface DecisionView {
  readonly at: number;
  /** Display zone for every instant shown. */
  readonly zone: string;
  readonly decision: Decision;
  /** The groups on duty, without the fallback. */
  readonly onDuty: readonly TargetGroup[];
  /** True when the last attempt is the fallback, added after the people on duty. */
  readonly fallbackAttempt: boolean;
  readonly fallback: RoutingTable['fallback'];
  /** Under `override` only the first event rings; the others are listed as overridden. */
  readonly overlapPolicy: OverlapPolicy;
  readonly ringSeconds: number;
  /** When the decision changes; undefined when it does not within the compiled horizon. */
  readonly until: number | undefined;
  /** The events covering `at` that route, highest priority first. */
  readonly events: readonly EventInstance[];
  /** Events covering `at` that ring nobody: the usual reason for an unexpected "nobody". */
  readonly unmatched: readonly UnmatchedEvent[];
  readonly contacts: ContactDirectory;
}

export interface DecisionViewInput {
  readonly at: number;
  readonly zone: string;
  readonly table: RoutingTable;
  readonly instances: readonly EventInstance[];
  readonly unmatched: readonly UnmatchedEvent[];
  readonly contacts: ContactDirectory;
}

const covers = (event: { start: number; end: number }, at: number): boolean =>
  event.start <= at && at < event.end;

/** DESIGN.md §4 priority: latest start first (an override starts inside its shift), then shortest, then id. */
const byPriority = (a: EventInstance, b: EventInstance): number =>
  b.start - a.start || a.end - a.start - (b.end - b.start) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const createDecisionView = (input: DecisionViewInput): DecisionView => {
  const { at, table } = input;
  const decision = resolve(table, at);
  const onDuty = table.slices.find((slice) => covers(slice, at))?.groups ?? [];
  const byId = new Map(input.instances.map((instance) => [instance.id, instance]));
  // A slice merged from equal neighbours lists the events of all its pieces, in no useful order: keep
  // those covering `at` itself, in priority order.
  const events = decision.events
    .flatMap((id) => {
      const instance = byId.get(id);
      return instance && covers(instance, at) ? [instance] : [];
    })
    .sort(byPriority);
  return {
    at,
    zone: input.zone,
    decision,
    onDuty,
    fallbackAttempt: decision.attempts.length > onDuty.length,
    fallback: table.fallback,
    overlapPolicy: table.overlapPolicy,
    ringSeconds: table.ringSeconds,
    until: decision.until < table.horizon.end ? decision.until : undefined,
    events,
    unmatched: input.unmatched.filter((event) => covers(event, at)),
    contacts: input.contacts,
  };
};
