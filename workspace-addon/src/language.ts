/** The two languages the cards are written in. */
export type Language = 'en' | 'nl';

/** Dutch for any Dutch locale ("nl", "nl-NL", "nl_BE"), English for everything else. */
export const languageOf = (userLocale: string | undefined): Language =>
  /^nl(?:[-_]|$)/i.test(userLocale ?? '') ? 'nl' : 'en';
