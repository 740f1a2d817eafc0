import { describe, expect, it } from 'vitest';
import { languageFromLocale, pickLanguage } from './language.ts';

describe('languageFromLocale', () => {
  it('reads the language of a locale in any case or separator', () => {
    expect(languageFromLocale('nl')).toBe('nl');
    expect(languageFromLocale('nl-NL')).toBe('nl');
    expect(languageFromLocale('nl-be')).toBe('nl');
    expect(languageFromLocale('en_US')).toBe('en');
  });

  it('knows nothing of other languages or of nothing', () => {
    expect(languageFromLocale('de-DE')).toBeUndefined();
    expect(languageFromLocale('')).toBeUndefined();
    expect(languageFromLocale(undefined)).toBeUndefined();
  });
});

describe('pickLanguage', () => {
  it('takes the user’s choice first', () => {
    expect(pickLanguage({ chosen: 'en', teamsLocale: 'nl-nl', browserLocales: ['nl'] })).toBe('en');
  });

  it('then Teams’ locale, then the first browser language it knows', () => {
    expect(pickLanguage({ teamsLocale: 'nl-nl', browserLocales: ['en-GB'] })).toBe('nl');
    expect(pickLanguage({ browserLocales: ['de-DE', 'nl-NL', 'en'] })).toBe('nl');
  });

  it('falls back to English', () => {
    expect(pickLanguage({ chosen: 'fr', teamsLocale: 'de-de', browserLocales: ['es'] })).toBe('en');
    expect(pickLanguage({})).toBe('en');
  });
});
