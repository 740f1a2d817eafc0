import type { Language } from './bot-language.ts';

/** Markdown and HTML in names and subjects are shown as typed, never interpreted by Teams. */
export const escapeMarkdown = (text: string): string =>
  text
    .replace(/[\\*_`~[\]#|]/g, (char) => `\\${char}`)
    .replace(/</g, '‹')
    .replace(/>/g, '›');

/** Everything the bot says, per language. Values passed in are already escaped where they need it. */
export interface BotTexts {
  readonly help: string;
  readonly unknown: string;
  readonly failed: string;
  readonly notLinked: string;
  readonly welcomePersonal: string;
  readonly welcomeTeam: string;
  readonly teamNotLinked: string;
  readonly noNumbers: string;
  readonly onDutyNowTitle: string;
  readonly noRosterYet: string;
  /** Between groups that ring one after another. */
  readonly nextGroup: string;
  readonly fallbackNumber: string;
  readonly onDutyUntil: (people: string, until: string) => string;
  readonly nobodyUntil: (until: string, fallback: string | undefined) => string;
  readonly rosterTitle: (period: string) => string;
  readonly rosterSummary: string;
  readonly rosterGap: (fallback: string | undefined) => string;
  readonly rosterUnmatched: (period: string, subject: string) => string;
  readonly rosterMore: (count: number) => string;
  readonly rosterClipped: string;
  readonly whoButton: string;
  readonly takeOverUsage: string;
  readonly unknownContact: (key: string) => string;
  readonly takeOverExample: (hours: number, key: string, number: string) => string;
  readonly whichNumber: (names: string, example: string) => string;
  readonly unknownNumber: (name: string, names: string) => string;
  readonly tookOver: (key: string, number: string, until: string) => string;
  readonly takeOverFailed: string;
  readonly gapNotice: (number: string, period: string, fallback: string | undefined) => string;
  readonly unmatchedNotice: (number: string, period: string, subject: string) => string;
  readonly onDutyNotice: (number: string, period: string) => string;
}

const nl: BotTexts = {
  help: [
    'Dit kan ik:',
    '- **wie**: wie heeft nu dienst, per nummer',
    '- **rooster**: het rooster van de komende 7 dagen',
    '- **neem over 2u JD**: neem de gesprekken 2 uur over als contact JD (1 tot 72 uur); ' +
      'heeft je organisatie meer nummers: **neem over 2u JD op Storingsdienst**',
    '- **help**: dit overzicht',
    '',
    'In English: who, roster, take over 2h as JD, help.',
  ].join('\n'),
  unknown: 'Dat begreep ik niet. Typ **help** voor wat ik kan.',
  failed: 'Er ging iets mis. Probeer het zo nog eens.',
  notLinked:
    'Je Teams-account is nog niet gekoppeld aan WhoYouGonnaCall. Open hier in Teams het tabblad van ' +
    'WhoYouGonnaCall en meld je één keer aan met je e-mailadres, wachtwoord en de code uit je ' +
    'authenticator-app: dan is je account gekoppeld en herken ik je voortaan. Nog geen account? Vraag ' +
    'een beheerder om je uit te nodigen.',
  welcomePersonal:
    'Hallo! Ik vertel je wie er dienst heeft en laat je de gesprekken overnemen. Typ **help** voor wat ik kan.',
  welcomeTeam:
    'Hallo! Vraag me hier **wie** er dienst heeft of het **rooster**. Ik meld in dit team wanneer er ' +
    'binnen 48 uur niemand dienst heeft of een afspraak in de agenda niemand aanwijst.',
  teamNotLinked:
    'Ik weet nog niet bij welke organisatie dit team hoort. Zodra iemand met een gekoppeld account mij ' +
    'hier iets vraagt, meld ik hier ook de gaten in het rooster.',
  noNumbers: 'Je organisatie heeft nog geen nummers.',
  onDutyNowTitle: 'Nu van dienst:',
  noRosterYet: 'nog geen rooster',
  nextGroup: ', daarna ',
  fallbackNumber: 'het terugvalnummer',
  onDutyUntil: (people, until) => `${people}, tot ${until}`,
  nobodyUntil: (until, fallback) =>
    fallback
      ? `niemand van dienst tot ${until}; ${fallback} (terugval) krijgt de gesprekken`
      : `niemand van dienst tot ${until}; gesprekken worden geweigerd`,
  rosterTitle: (period) => `Rooster ${period}`,
  rosterSummary: 'Het rooster van de komende dagen',
  rosterGap: (fallback) => (fallback ? `niemand — terugval ${fallback}` : 'niemand — gesprekken geweigerd'),
  rosterUnmatched: (period, subject) => `⚠ ${period}: "${subject}" wijst niemand aan`,
  rosterMore: (count) => `… en nog ${count} perioden; zie het tabblad Rooster.`,
  rosterClipped: 'Verder vooruit is nog niets bekend.',
  whoButton: 'Wie heeft nu dienst?',
  takeOverUsage:
    'Zo neem je over: **neem over 2u JD** (1 tot 72 uur; JD is de sleutel van een contact). ' +
    'Heeft je organisatie meer nummers: **neem over 2u JD op Storingsdienst**.',
  unknownContact: (key) => `Er is geen contact met de sleutel ${key}.`,
  takeOverExample: (hours, key, number) => `neem over ${hours}u ${key} op ${number}`,
  whichNumber: (names, example) =>
    `Welk nummer? Je organisatie heeft er meer: ${names}. Bijvoorbeeld: **${example}**`,
  unknownNumber: (name, names) => `Geen nummer gevonden voor "${name}". De nummers zijn: ${names}.`,
  tookOver: (key, number, until) => `Gedaan: ${key} krijgt de gesprekken van **${number}** tot ${until}.`,
  takeOverFailed: 'Overnemen is niet gelukt. Probeer het zo nog eens, of gebruik het tabblad Nu.',
  gapNotice: (number, period, fallback) =>
    `⚠ **${number}**: niemand van dienst op ${period}. ` +
    (fallback ? `${fallback} (terugval) krijgt dan de gesprekken.` : 'Gesprekken worden dan geweigerd.'),
  unmatchedNotice: (number, period, subject) =>
    `⚠ **${number}**: de afspraak "${subject}" (${period}) wijst niemand aan: er staat geen sleutel ` +
    'van een contact in. Controleer de schrijfwijze in de agenda.',
  onDutyNotice: (number, period) => `Je hebt dienst voor **${number}**: ${period}.`,
};

const en: BotTexts = {
  help: [
    'Here is what I can do:',
    '- **who**: who is on duty now, for every number',
    '- **roster**: the roster of the next 7 days',
    '- **take over 2h as JD**: take the calls for 2 hours as contact JD (1 to 72 hours); ' +
      'if your organisation has several numbers: **take over 2h as JD on Storingsdienst**',
    '- **help**: this overview',
    '',
    'In het Nederlands: wie, rooster, neem over 2u JD, help.',
  ].join('\n'),
  unknown: "I didn't understand that. Type **help** to see what I can do.",
  failed: 'Something went wrong. Please try again in a moment.',
  notLinked:
    "Your Teams account isn't linked to WhoYouGonnaCall yet. Open the WhoYouGonnaCall tab here in Teams " +
    'and sign in once with your email, password and the code from your authenticator app: that links ' +
    'your account, and from then on I recognise you. No account yet? Ask an administrator to invite you.',
  welcomePersonal:
    'Hello! I tell you who is on duty and let you take over the calls. Type **help** to see how.',
  welcomeTeam:
    'Hello! Ask me **who** is on duty or for the **roster** here. I will post in this team when nobody ' +
    'is on duty within the next 48 hours or a calendar event matches nobody.',
  teamNotLinked:
    "I don't know yet which organisation this team belongs to. As soon as someone with a linked account " +
    'asks me something here, I will post roster gaps here too.',
  noNumbers: 'Your organisation has no numbers yet.',
  onDutyNowTitle: 'On duty now:',
  noRosterYet: 'no roster yet',
  nextGroup: ', then ',
  fallbackNumber: 'the fallback number',
  onDutyUntil: (people, until) => `${people}, until ${until}`,
  nobodyUntil: (until, fallback) =>
    fallback
      ? `nobody on duty until ${until}; calls go to ${fallback} (fallback)`
      : `nobody on duty until ${until}; calls are refused`,
  rosterTitle: (period) => `Roster ${period}`,
  rosterSummary: 'The roster of the coming days',
  rosterGap: (fallback) => (fallback ? `nobody — fallback ${fallback}` : 'nobody — calls refused'),
  rosterUnmatched: (period, subject) => `⚠ ${period}: "${subject}" matches nobody`,
  rosterMore: (count) => `… and ${count} more periods; see the Roster tab.`,
  rosterClipped: 'Nothing is known further ahead yet.',
  whoButton: 'Who is on duty now?',
  takeOverUsage:
    'To take over: **take over 2h as JD** (1 to 72 hours; JD is a contact key). ' +
    'If your organisation has several numbers: **take over 2h as JD on Storingsdienst**.',
  unknownContact: (key) => `There is no contact with the key ${key}.`,
  takeOverExample: (hours, key, number) => `take over ${hours}h as ${key} on ${number}`,
  whichNumber: (names, example) =>
    `Which number? Your organisation has several: ${names}. For example: **${example}**`,
  unknownNumber: (name, names) => `No number found for "${name}". The numbers are: ${names}.`,
  tookOver: (key, number, until) => `Done: ${key} takes the calls of **${number}** until ${until}.`,
  takeOverFailed: "Taking over didn't work. Please try again in a moment, or use the Now tab.",
  gapNotice: (number, period, fallback) =>
    `⚠ **${number}**: nobody is on duty on ${period}. ` +
    (fallback ? `Calls will go to ${fallback} (fallback).` : 'Calls will be refused.'),
  unmatchedNotice: (number, period, subject) =>
    `⚠ **${number}**: the event "${subject}" (${period}) matches nobody: it holds no contact key. ` +
    'Please check its spelling in the calendar.',
  onDutyNotice: (number, period) => `You are on duty for **${number}**: ${period}.`,
};

export const botTexts: Readonly<Record<Language, BotTexts>> = { nl, en };
