import type { Messages } from './messages.ts';

const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;

export const dutchMessages: Messages = {
  language: 'nl',
  appName: 'WhoYouGonnaCall',

  contactsButton: 'Contacten',
  overviewButton: 'Agendaoverzicht',
  webAdminButton: 'Open beheeromgeving',
  rosterButton: 'Rooster in beheeromgeving',
  addContactButton: (key) => (key === undefined ? 'Contact toevoegen' : `Contact ${key} toevoegen`),
  editButton: 'Wijzigen',
  saveButton: 'Opslaan',

  together: (labels) => (labels.length === 1 ? (labels[0] ?? '') : `${list(labels)} tegelijk`),
  thenSeparator: ', daarna ',
  fallbackPart: (label) => `de achtervang ${label}`,
  callsRing: (did, name, sequence) => `Oproepen naar <b>${did}</b> (${name}) gaan naar ${sequence}.`,
  callsRingOnlyFallback: (did, name, label) =>
    `Oproepen naar <b>${did}</b> (${name}) gaan alleen naar de achtervang ${label}.`,
  callsRefused: (did, name) =>
    `Oproepen naar <b>${did}</b> (${name}) worden geweigerd: niemand heeft dienst en er is geen achtervang.`,

  numberHeader: (name, did) => `${name} · ${did}`,
  ringsNowLabel: 'Gaat nu over bij',
  until: (time) => `tot ${time}`,
  nobodyNow: 'Niemand: oproepen worden geweigerd',
  onlyFallbackNow: (label) => `Alleen de achtervang: ${label}`,
  notSyncedYet: 'Nog niet gerouteerd: deze agenda is nog niet gesynchroniseerd.',
  nextDaysLabel: (days) => `Komende ${days} dagen`,
  nobodyScheduled: 'Niemand heeft dienst in deze periode.',
  moreSlices: (count) => `Nog ${count} ${count === 1 ? 'periode' : 'periodes'} in het rooster.`,
  moreProblems: (count) => `Nog ${count} ${count === 1 ? 'probleem' : 'problemen'} in het rooster.`,
  problemsHeader: (count) => `Openstaande problemen (${count})`,
  noProblems: 'Geen gaten en geen onbekende afspraken in deze periode.',
  gapLabel: 'Niemand van dienst',
  gapFallback: (label) => `Alleen de achtervang gaat over: ${label}`,
  gapRefused: 'Oproepen worden geweigerd',
  unmatchedLabel: 'Past bij geen contact',
  unknownTokens: (tokens) => (tokens.length === 0 ? 'De titel is leeg' : `Onbekend: ${tokens.join(', ')}`),
  noNumbers: 'Deze agenda stuurt nog geen nummer aan. Koppel hem in de beheeromgeving aan een nummer.',
  chooseCalendar: 'Kies een agenda',
  chooseCalendarHint: 'Open een afspraak in een van deze agenda’s, of kies er een om het rooster te zien.',

  untitledEvent: '(geen titel)',
  cancelledEvent: 'Deze afspraak is geannuleerd: er worden geen oproepen naar doorgeschakeld.',
  unmatchedWarning: (tokens) =>
    tokens.length === 0
      ? '<b>Niemand heeft dienst voor deze afspraak:</b> de titel is leeg en past dus bij geen contact.'
      : `<b>Niemand heeft dienst voor deze afspraak:</b> ${list(tokens.map((t) => `<b>${t}</b>`))} ${tokens.length === 1 ? 'past' : 'passen'} bij geen contact.`,
  ignoredWords: (tokens) => `Geen contactsleutel (genegeerd): ${tokens.join(', ')}`,
  eventUnreadable: (failure) =>
    failure === 'not-found'
      ? 'Deze afspraak is niet gevonden in Google Agenda.'
      : failure === 'forbidden'
        ? 'Google Agenda gaf de add-on geen toegang tot deze afspraak. Open de add-on opnieuw en geef toestemming.'
        : 'Google Agenda is niet bereikbaar. Probeer het later opnieuw.',
  eventNotOpen: 'Open een afspraak in Google Agenda om te zien wie er gebeld wordt.',

  contactsTitle: 'Contacten',
  contactCount: (count) => `${count} ${count === 1 ? 'contact' : 'contacten'}`,
  noContacts: 'Nog geen contacten.',
  readOnlyNote: 'Alleen beheerders kunnen contacten toevoegen of wijzigen.',
  newContactTitle: 'Contact toevoegen',
  editContactTitle: (key) => `${key} wijzigen`,
  fieldLabels: { key: 'Sleutel', phone: 'Telefoonnummer', description: 'Naam of omschrijving (optioneel)' },
  fieldHints: {
    key: 'Letters en cijfers, zoals in de titel van afspraken, bijv. JD',
    phone: 'bijv. 06 1234 5678 of +32 470 12 34 56',
    description: 'Hoogstens 80 tekens',
  },
  fieldError: (error) =>
    ({
      keyInvalid: 'Een sleutel is 1 tot 16 letters of cijfers, zonder spaties.',
      keyTaken: 'Een ander contact heeft deze sleutel al.',
      phoneRequired: 'Vul een telefoonnummer in.',
      phoneInvalid: 'Dit is geen geldig telefoonnummer.',
      descriptionTooLong: 'Hoogstens 80 tekens.',
    })[error],
  contactSaved: (key) => `Contact ${key} opgeslagen.`,
  contactNotFound: 'Dit contact bestaat niet meer.',
  adminRoleNeeded: 'Alleen beheerders kunnen contacten toevoegen of wijzigen.',
  noticeTitle: 'WhoYouGonnaCall',

  noAccessTitle: 'Geen toegang',
  noAccount: (email) =>
    `${email === undefined ? 'Uw Google-account' : `<b>${email}</b>`} is geen beheerder van een organisatie die WhoYouGonnaCall gebruikt. Vraag een eigenaar van uw organisatie om dit adres uit te nodigen in de beheeromgeving, of meld u daar aan en koppel uw Google-account.`,
  calendarNotConnected:
    'Deze agenda is niet gekoppeld aan een organisatie die u beheert. Een beheerder kan hem in de beheeromgeving aan een nummer koppelen.',
};
