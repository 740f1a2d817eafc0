export {
  type AdminAccount,
  type AdminAccountPatch,
  type AdminRole,
  adminRoles,
  type EndedSession,
  type LinkedIdentities,
  type NewAdminAccount,
  type TotpEnrolment,
} from './admin-account.ts';
export {
  type AuditEntry,
  type AuditOutcome,
  auditOutcomes,
  type NewAuditEntry,
  type PersonalDataCategory,
  personalDataCategories,
} from './audit-entry.ts';
export {
  type BotConversation,
  type BotConversationInput,
  type BotConversationKind,
  botConversationKinds,
} from './bot-conversation.ts';
export {
  type CalendarEvent,
  calendarEventSchema,
  type EventStatus,
  type EventTime,
  eventTimeSchema,
  isAllDay,
} from './calendar-event.ts';
export {
  type CalendarProvider,
  type CalendarSource,
  type CalendarSourcePatch,
  calendarProviders,
  internalSourcePrefix,
  isInternalSource,
  type NewCalendarSource,
  type PushChannel,
  type SyncResult,
} from './calendar-source.ts';
export type {
  CalendarChanges,
  CalendarSourceAdapter,
  FetchOptions,
  PushOptions,
} from './calendar-source-adapter.ts';
export {
  type CallAttempt,
  type CallOutcome,
  type CallRecord,
  callOutcomes,
  type NewCallRecord,
} from './call-record.ts';
export { type CompileCalendarInput, compileCalendar } from './compile-calendar.ts';
export { type CompileNumberInput, compileNumber } from './compile-number.ts';
export {
  type CompileInput,
  type CompileResult,
  compileRoutingTable,
  type UnmatchedEvent,
} from './compile-routing-table.ts';
export {
  type Contact,
  type ContactInput,
  contactInputSchema,
  contactKeyPattern,
  parseContact,
} from './contact.ts';
export {
  type ContactDirectory,
  createContactDirectory,
  defaultKeyMatching,
  type KeyMatching,
} from './contact-directory.ts';
export { type CoverageOptions, type CoverageReport, createCoverageReport } from './coverage-report.ts';
export type { DutyEvent, DutyEventChanges } from './duty-event.ts';
export { type EventInstance, type ExpandOptions, expandEvents } from './expand-events.ts';
export { defaultHorizonDays, horizonAround, overlaps, type Period, period } from './horizon.ts';
export {
  type NumberSettings,
  type NumberSettingsInput,
  numberSettingsSchema,
  resolveFallback,
} from './number-settings.ts';
export { type ParsedCalendar, type ParseIcsOptions, parseIcs } from './parse-ics.ts';
export { parseSubject, type SubjectRouting } from './parse-subject.ts';
export { defaultPhoneRegion, type E164, formatPhoneNumber, isE164, toE164 } from './phone-number.ts';
export { type Attempt, type Decision, type DecisionReason, resolve } from './resolve-decision.ts';
export type { NewRoutedNumber, RoutedNumber, RoutedNumberPatch } from './routed-number.ts';
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
export type {
  AuditContext,
  ContactExport,
  ContactPatch,
  ErasureReport,
  LinkedIdentity,
  Page,
  PeriodQuery,
  PublishedTable,
  PurgeReport,
  Repository,
  Store,
  StoredContact,
  TableChange,
  TablePublication,
  TenantExport,
  TenantStore,
  TerminationReport,
} from './store-port.ts';
export {
  domainNameSchema,
  type NewTenant,
  newTenantSchema,
  type Tenant,
  type TenantSettings,
  type TenantStatus,
  tenantSettingsPatchSchema,
  tenantSettingsSchema,
  tenantStatuses,
} from './tenant.ts';
export {
  createTimeZoneResolver,
  isIanaTimeZone,
  type TimeZone,
  type TimeZoneResolver,
  type ZoneDefinitions,
} from './time-zone.ts';
