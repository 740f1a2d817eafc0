/** The bot speaks Dutch or English: by the command the user typed, else by the Teams client's locale. */
export const languages = ['nl', 'en'] as const;
export type Language = (typeof languages)[number];

/** "nl", "nl-NL", "nl-BE" are Dutch; anything else, or nothing, is the fallback. */
export const languageFromLocale = (locale: string | undefined, fallback: Language = 'en'): Language => {
  if (!locale) return fallback;
  const primary = locale.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'nl') return 'nl';
  if (primary === 'en') return 'en';
  return fallback;
};
