import type { CalendarEvent } from './calendar-event.ts';
import type { CalendarSource } from './calendar-source.ts';
import { type CompileResult, compileRoutingTable } from './compile-routing-table.ts';
import type { Contact } from './contact.ts';
import { type ContactDirectory, createContactDirectory } from './contact-directory.ts';
import { expandEvents } from './expand-events.ts';
import type { Period } from './horizon.ts';
import { resolveFallback } from './number-settings.ts';
import type { RoutedNumber } from './routed-number.ts';
import type { Tenant } from './tenant.ts';

export interface CompileNumberInput {
  readonly tenant: Tenant;
  readonly number: RoutedNumber;
  readonly contacts: readonly Contact[];
  /** The number's calendars with their current events; each expands in its own time zone. */
  readonly sources: readonly { readonly source: CalendarSource; readonly events: readonly CalendarEvent[] }[];
  readonly horizon: Period;
  readonly version: number;
  readonly compiledAt: number;
}

/**
 * A fallback contact deleted after the number was set up must not stop the number from routing: the
 * table is compiled without a fallback, and the coverage report shows the resulting gaps.
 */
const usableFallback = (fallback: string | null, contacts: ContactDirectory): string | null => {
  try {
    return resolveFallback(fallback, contacts) ? fallback : null;
  } catch {
    return null;
  }
};

/** The routing table of one number from stored data: what sync, edits and erasure all recompile with. */
export const compileNumber = (input: CompileNumberInput): CompileResult => {
  const { tenant, number, horizon } = input;
  const instances = input.sources.flatMap(({ source, events }) =>
    expandEvents(events, { horizon, timeZone: source.timeZone, zones: source.zones }),
  );
  const contacts = createContactDirectory(input.contacts, {
    caseSensitive: tenant.settings.caseSensitiveKeys,
  });
  return compileRoutingTable({
    instances,
    contacts,
    settings: {
      did: number.did,
      fallback: usableFallback(number.fallback, contacts),
      ringSeconds: number.ringSeconds,
      strategy: number.strategy,
      overlapPolicy: number.overlapPolicy,
    },
    horizon,
    timeZone: tenant.timeZone,
    version: input.version,
    compiledAt: input.compiledAt,
  });
};
