export const languages = ['en', 'nl'] as const;
export type Language = (typeof languages)[number];

export const defaultLanguage: Language = 'en';

/** "nl", "nl-NL", "nl-be" (Teams writes locales in lower case) are Dutch; unknown languages give undefined. */
export const languageFromLocale = (locale: string | undefined | null): Language | undefined => {
  const base = locale?.trim().toLowerCase().split(/[-_]/)[0];
  return languages.find((language) => language === base);
};

export interface LanguageSources {
  /** The user's own choice, remembered by the tab. */
  readonly chosen?: string | null | undefined;
  /** app.getContext().app.locale inside Teams. */
  readonly teamsLocale?: string | undefined;
  /** navigator.languages in a browser, most preferred first. */
  readonly browserLocales?: readonly string[] | undefined;
}

/** The user's choice first, then Teams' locale, then the browser's languages in order, then English. */
export const pickLanguage = (sources: LanguageSources): Language =>
  languageFromLocale(sources.chosen) ??
  languageFromLocale(sources.teamsLocale) ??
  (sources.browserLocales ?? []).map(languageFromLocale).find((language) => language !== undefined) ??
  defaultLanguage;
