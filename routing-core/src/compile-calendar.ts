import type { CalendarEvent } from './calendar-event.ts';
import { type CompileResult, compileRoutingTable } from './compile-routing-table.ts';
import type { ContactDirectory } from './contact-directory.ts';
import { expandEvents } from './expand-events.ts';
import type { Period } from './horizon.ts';
import type { NumberSettingsInput } from './number-settings.ts';
import type { ZoneDefinitions } from './time-zone.ts';

export interface CompileCalendarInput {
  readonly events: readonly CalendarEvent[];
  readonly timeZone: string;
  readonly zones?: ZoneDefinitions;
  readonly contacts: ContactDirectory;
  readonly settings: NumberSettingsInput;
  readonly horizon: Period;
  readonly version: number;
  readonly compiledAt: number;
}

/** Normalised calendar events to a routing table: expand recurrences in the horizon, then compile. */
export const compileCalendar = (input: CompileCalendarInput): CompileResult =>
  compileRoutingTable({
    instances: expandEvents(input.events, {
      horizon: input.horizon,
      timeZone: input.timeZone,
      ...(input.zones ? { zones: input.zones } : {}),
    }),
    contacts: input.contacts,
    settings: input.settings,
    horizon: input.horizon,
    timeZone: input.timeZone,
    version: input.version,
    compiledAt: input.compiledAt,
  });
