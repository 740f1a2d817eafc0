import type { EventReadFailure } from './calendar-event-reader.ts';
import type { Language } from './language.ts';

/** A form field that can carry an inline error. */
export type ContactField = 'key' | 'phone' | 'description';

export type ContactFieldError =
  | 'keyInvalid'
  | 'keyTaken'
  | 'phoneRequired'
  | 'phoneInvalid'
  | 'descriptionTooLong';

/**
 * Every text on the cards, in one language. Functions returning HTML take arguments that the card has
 * already escaped; plain strings (titles, button texts) are never HTML.
 */
export interface Messages {
  readonly language: Language;
  readonly appName: string;

  readonly contactsButton: string;
  readonly overviewButton: string;
  readonly webAdminButton: string;
  readonly rosterButton: string;
  addContactButton(key?: string): string;
  readonly editButton: string;
  readonly saveButton: string;

  /** Who rings, in order: "A, then B and C together". */
  together(labels: readonly string[]): string;
  readonly thenSeparator: string;
  fallbackPart(label: string): string;
  callsRing(did: string, name: string, sequence: string): string;
  callsRingOnlyFallback(did: string, name: string, label: string): string;
  callsRefused(did: string, name: string): string;

  numberHeader(name: string, did: string): string;
  readonly ringsNowLabel: string;
  until(time: string): string;
  readonly nobodyNow: string;
  onlyFallbackNow(label: string): string;
  readonly notSyncedYet: string;
  nextDaysLabel(days: number): string;
  readonly nobodyScheduled: string;
  moreSlices(count: number): string;
  moreProblems(count: number): string;
  problemsHeader(count: number): string;
  readonly noProblems: string;
  readonly gapLabel: string;
  gapFallback(label: string): string;
  readonly gapRefused: string;
  readonly unmatchedLabel: string;
  unknownTokens(tokens: readonly string[]): string;
  readonly noNumbers: string;
  readonly chooseCalendar: string;
  readonly chooseCalendarHint: string;

  readonly untitledEvent: string;
  readonly cancelledEvent: string;
  unmatchedWarning(tokens: readonly string[]): string;
  ignoredWords(tokens: readonly string[]): string;
  eventUnreadable(failure: EventReadFailure): string;
  readonly eventNotOpen: string;

  readonly contactsTitle: string;
  contactCount(count: number): string;
  readonly noContacts: string;
  readonly readOnlyNote: string;
  readonly newContactTitle: string;
  editContactTitle(key: string): string;
  readonly fieldLabels: Readonly<Record<ContactField, string>>;
  readonly fieldHints: Readonly<Record<ContactField, string>>;
  fieldError(error: ContactFieldError): string;
  contactSaved(key: string): string;
  readonly contactNotFound: string;
  readonly adminRoleNeeded: string;
  readonly noticeTitle: string;

  readonly noAccessTitle: string;
  noAccount(email: string | undefined): string;
  readonly calendarNotConnected: string;
}
