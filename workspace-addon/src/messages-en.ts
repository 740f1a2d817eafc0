import type { Messages } from './messages.ts';

const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

export const englishMessages: Messages = {
  language: 'en',
  appName: 'WhoYouGonnaCall',

  contactsButton: 'Contacts',
  overviewButton: 'Calendar overview',
  webAdminButton: 'Open web admin',
  rosterButton: 'Roster in web admin',
  addContactButton: (key) => (key === undefined ? 'Add contact' : `Add contact ${key}`),
  editButton: 'Edit',
  saveButton: 'Save',

  together: (labels) => (labels.length === 1 ? (labels[0] ?? '') : `${list(labels)} together`),
  thenSeparator: ', then ',
  fallbackPart: (label) => `the fallback ${label}`,
  callsRing: (did, name, sequence) => `Calls to <b>${did}</b> (${name}) ring ${sequence}.`,
  callsRingOnlyFallback: (did, name, label) =>
    `Calls to <b>${did}</b> (${name}) ring only the fallback ${label}.`,
  callsRefused: (did, name) =>
    `Calls to <b>${did}</b> (${name}) are refused: nobody is on duty and there is no fallback.`,

  numberHeader: (name, did) => `${name} · ${did}`,
  ringsNowLabel: 'Rings now',
  until: (time) => `until ${time}`,
  nobodyNow: 'Nobody: calls are refused',
  onlyFallbackNow: (label) => `Only the fallback: ${label}`,
  notSyncedYet: 'Not routed yet: this calendar has not been synced.',
  nextDaysLabel: (days) => `Next ${days} days`,
  nobodyScheduled: 'Nobody is on duty in this period.',
  moreSlices: (count) => `${count} more ${count === 1 ? 'period' : 'periods'} in the roster.`,
  moreProblems: (count) => `${count} more ${count === 1 ? 'problem' : 'problems'} in the roster.`,
  problemsHeader: (count) => `Open problems (${count})`,
  noProblems: 'No gaps and no unmatched events in this period.',
  gapLabel: 'Nobody on duty',
  gapFallback: (label) => `Only the fallback rings: ${label}`,
  gapRefused: 'Calls are refused',
  unmatchedLabel: 'Matches no contact',
  unknownTokens: (tokens) => (tokens.length === 0 ? 'The title is empty' : `Unknown: ${tokens.join(', ')}`),
  noNumbers: 'This calendar feeds no number yet. Connect it to a number in the web admin.',
  chooseCalendar: 'Choose a calendar',
  chooseCalendarHint: 'Open an event in one of these calendars, or pick one to see its roster.',

  untitledEvent: '(no title)',
  cancelledEvent: 'This event is cancelled: it does not route calls.',
  unmatchedWarning: (tokens) =>
    tokens.length === 0
      ? '<b>Nobody is on duty for this event:</b> its title is empty, so it matches no contact.'
      : `<b>Nobody is on duty for this event:</b> ${list(tokens.map((t) => `<b>${t}</b>`))} ${tokens.length === 1 ? 'matches' : 'match'} no contact.`,
  ignoredWords: (tokens) => `Not a contact key (ignored): ${tokens.join(', ')}`,
  eventUnreadable: (failure) =>
    failure === 'not-found'
      ? 'This event could not be found in Google Calendar.'
      : failure === 'forbidden'
        ? 'Google Calendar did not allow the add-on to read this event. Open the add-on again and grant access.'
        : 'Google Calendar could not be reached. Please try again.',
  eventNotOpen: 'Open an event in Google Calendar to see who it rings.',

  contactsTitle: 'Contacts',
  contactCount: (count) => `${count} ${count === 1 ? 'contact' : 'contacts'}`,
  noContacts: 'No contacts yet.',
  readOnlyNote: 'Only administrators can add or change contacts.',
  newContactTitle: 'Add contact',
  editContactTitle: (key) => `Edit ${key}`,
  fieldLabels: { key: 'Key', phone: 'Phone number', description: 'Name or description (optional)' },
  fieldHints: {
    key: 'Letters and digits, as written in event titles, e.g. JD',
    phone: 'e.g. 06 1234 5678 or +32 470 12 34 56',
    description: 'At most 80 characters',
  },
  fieldError: (error) =>
    ({
      keyInvalid: 'A key is 1 to 16 letters or digits, without spaces.',
      keyTaken: 'Another contact already has this key.',
      phoneRequired: 'Enter a phone number.',
      phoneInvalid: 'This is not a valid phone number.',
      descriptionTooLong: 'At most 80 characters.',
    })[error],
  contactSaved: (key) => `Contact ${key} saved.`,
  contactNotFound: 'This contact no longer exists.',
  adminRoleNeeded: 'Only administrators can add or change contacts.',
  noticeTitle: 'WhoYouGonnaCall',

  noAccessTitle: 'No access',
  noAccount: (email) =>
    `${email === undefined ? 'Your Google account' : `<b>${email}</b>`} is not an administrator of an organisation that uses WhoYouGonnaCall. Ask an owner of your organisation to invite this address in the web admin, or sign in there and link your Google account.`,
  calendarNotConnected:
    'This calendar is not connected to an organisation you administer. An administrator can connect it to a number in the web admin.',
};
