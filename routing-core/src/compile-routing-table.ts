import type { Contact } from './contact.ts';
import type { ContactDirectory } from './contact-directory.ts';
import type { EventInstance } from './expand-events.ts';
import type { Period } from './horizon.ts';
import { type NumberSettingsInput, parseNumberSettings, resolveFallback } from './number-settings.ts';
import { parseSubject } from './parse-subject.ts';
import { toE164 } from './phone-number.ts';
import type {
  OverlapPolicy,
  RingStrategy,
  RoutingSlice,
  RoutingTable,
  TargetGroup,
} from './routing-table.ts';

/** An event whose subject selects nobody: it never routes, and people must see it. */
export interface UnmatchedEvent {
  readonly id: string;
  readonly uid: string;
  readonly start: number;
  readonly end: number;
  readonly subject: string;
  readonly unmatchedTokens: readonly string[];
}

export interface CompileInput {
  readonly instances: readonly EventInstance[];
  readonly contacts: ContactDirectory;
  readonly settings: NumberSettingsInput;
  readonly horizon: Period;
  readonly timeZone: string;
  readonly version: number;
  readonly compiledAt: number;
}

export interface CompileResult {
  readonly table: RoutingTable;
  readonly unmatched: readonly UnmatchedEvent[];
}

/** An event instance that selects someone; ordering uses its own start and length, not the clipped ones. */
interface Duty {
  readonly id: string;
  readonly start: number;
  readonly end: number;
  readonly groups: readonly (readonly Contact[])[];
}

/** DESIGN.md §4: latest start first (an override starts inside its shift), then shortest, then id. */
export const compareDuties = (a: Duty, b: Duty): number =>
  b.start - a.start || a.end - a.start - (b.end - b.start) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The groups on duty given the covering duties in priority order; each contact once, first place wins. */
export const combineDuties = (
  ordered: readonly Duty[],
  policy: OverlapPolicy,
  strategy: RingStrategy,
): (readonly Contact[])[] => {
  // The common case, one event on duty: its groups are already free of repeats (parseSubject).
  const only = ordered.length === 1 || policy === 'override' ? ordered[0] : undefined;
  if (only && (strategy === 'sequential' || only.groups.length <= 1))
    return only.groups as (readonly Contact[])[];
  const chosen = policy === 'override' ? ordered.slice(0, 1) : ordered;
  const seen = new Set<string>();
  const groups: Contact[][] = [];
  for (const duty of chosen) {
    for (const group of duty.groups) {
      const fresh = group.filter((contact) => !seen.has(contact.key));
      for (const contact of fresh) seen.add(contact.key);
      if (fresh.length > 0) groups.push(fresh);
    }
  }
  return strategy === 'simultaneous' && groups.length > 1 ? [groups.flat()] : groups;
};

/** Equal groups share a signature; one event's groups are the same array every time, so it is cached. */
const signatures = new WeakMap<readonly (readonly Contact[])[], string>();
const signature = (groups: readonly (readonly Contact[])[]): string => {
  let cached = signatures.get(groups);
  if (cached === undefined) {
    cached = groups.map((group) => group.map((contact) => contact.key).join('+')).join('|');
    signatures.set(groups, cached);
  }
  return cached;
};

const toTargets = (groups: readonly (readonly Contact[])[]): TargetGroup[] =>
  groups.map((group) => group.map((contact) => ({ key: contact.key, phone: contact.phone })));

const classify = (input: CompileInput) => {
  const duties: Duty[] = [];
  const unmatched: UnmatchedEvent[] = [];
  // Recurring events repeat their subject in every instance; parse each distinct subject once.
  const parsed = new Map<string, ReturnType<typeof parseSubject>>();
  for (const instance of input.instances) {
    let routing = parsed.get(instance.subject);
    if (!routing) {
      routing = parseSubject(instance.subject, input.contacts);
      parsed.set(instance.subject, routing);
    }
    if (routing.groups.length === 0) {
      unmatched.push({
        id: instance.id,
        uid: instance.uid,
        start: instance.start,
        end: instance.end,
        subject: instance.subject,
        unmatchedTokens: routing.unmatchedTokens,
      });
    } else if (instance.end > instance.start) {
      duties.push({ id: instance.id, start: instance.start, end: instance.end, groups: routing.groups });
    }
  }
  return { duties, unmatched };
};

/**
 * Cuts the horizon at every event edge and records, per piece, who rings in what order. Equal
 * neighbours merge, so a lookup is one binary search over few slices.
 */
export const compileRoutingTable = (input: CompileInput): CompileResult => {
  const settings = parseNumberSettings(input.settings);
  const { horizon } = input;
  const { duties, unmatched } = classify(input);

  const edges = new Set<number>([horizon.start, horizon.end]);
  for (const duty of duties) {
    if (duty.start > horizon.start && duty.start < horizon.end) edges.add(duty.start);
    if (duty.end > horizon.start && duty.end < horizon.end) edges.add(duty.end);
  }
  const cuts = [...edges].sort((a, b) => a - b);
  const byStart = duties
    .filter((d) => d.end > horizon.start && d.start < horizon.end)
    .sort((a, b) => a.start - b.start);

  const slices: RoutingSlice[] = [];
  /** The slice being extended, with a set to keep its event list free of repeats while it grows. */
  let open:
    | {
        start: number;
        end: number;
        signature: string;
        groups: TargetGroup[];
        events: string[];
        seen: Set<string>;
      }
    | undefined;
  const close = () => {
    if (open) slices.push({ start: open.start, end: open.end, groups: open.groups, events: open.events });
    open = undefined;
  };
  const active: Duty[] = [];
  let next = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i] as number;
    const to = cuts[i + 1] as number;
    while (next < byStart.length && (byStart[next] as Duty).start <= from)
      active.push(byStart[next++] as Duty);
    // In place: this runs once per cut, tens of thousands of times for a busy year.
    let kept = 0;
    for (const duty of active) if (duty.end > from) active[kept++] = duty;
    active.length = kept;
    if (kept === 0) {
      close();
      continue;
    }
    if (kept > 1) active.sort(compareDuties);
    const ordered = active;
    const groups = combineDuties(ordered, settings.overlapPolicy, settings.strategy);
    const current = signature(groups);
    if (open && open.signature === current && open.end === from) {
      open.end = to;
      for (const duty of ordered) {
        if (!open.seen.has(duty.id)) {
          open.seen.add(duty.id);
          open.events.push(duty.id);
        }
      }
    } else {
      close();
      const events = ordered.map((duty) => duty.id);
      open = {
        start: from,
        end: to,
        signature: current,
        groups: toTargets(groups),
        events,
        seen: new Set(events),
      };
    }
  }
  close();

  const table: RoutingTable = {
    format: 1,
    ...(settings.did ? { did: toE164(settings.did) } : {}),
    version: input.version,
    compiledAt: input.compiledAt,
    timeZone: input.timeZone,
    horizon: { start: horizon.start, end: horizon.end },
    ringSeconds: settings.ringSeconds,
    strategy: settings.strategy,
    overlapPolicy: settings.overlapPolicy,
    fallback: resolveFallback(settings.fallback, input.contacts),
    slices,
  };
  return { table, unmatched };
};
