export { type CalendarEvent, calendarEventSchema, type EventStatus, type EventTime, eventTimeSchema, isAllDay } from './calendar-event.ts';
export { type CompileCalendarInput, compileCalendar } from './compile-calendar.ts';
export {
  type CompileInput,
  type CompileResult,
  compileRoutingTable,
  type UnmatchedEvent,
} from './compile-routing-table.ts';
export { type Contact, type ContactInput, contactInputSchema, contactKeyPattern, parseContact } from './contact.ts';
export { type ContactDirectory, createContactDirectory, defaultKeyMatching, type KeyMatching } from './contact-directory.ts';
export { type CoverageOptions, type CoverageReport, createCoverageReport } from './coverage-report.ts';
export { type EventInstance, type ExpandOptions, expandEvents } from './expand-events.ts';
export { defaultHorizonDays, horizonAround, overlaps, type Period, period } from './horizon.ts';
export { type NumberSettings, type NumberSettingsInput, numberSettingsSchema, resolveFallback } from './number-settings.ts';
export { type ParsedCalendar, type ParseIcsOptions, parseIcs } from './parse-ics.ts';
export { parseSubject, type SubjectRouting } from './parse-subject.ts';
export { defaultPhoneRegion, type E164, formatPhoneNumber, isE164, toE164 } from './phone-number.ts';
export { type Attempt, type Decision, type DecisionReason, resolve } from './resolve-decision.ts';
export { isRoutingError, RoutingError, type RoutingErrorCode, routingErrorCodes } from './routing-error.ts';
export {
  type OverlapPolicy,
  overlapPolicies,
  parseRoutingTable,
  type RingStrategy,
  type RoutingSlice,
  type RoutingTable,
  type RoutingTarget,
  ringStrategies,
  routingTableSchema,
  type TargetGroup,
} from './routing-table.ts';
export { createTimeZoneResolver, isIanaTimeZone, type TimeZone, type TimeZoneResolver, type ZoneDefinitions } from './time-zone.ts';
