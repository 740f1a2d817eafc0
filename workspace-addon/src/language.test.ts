import { describe, expect, it } from 'vitest';
import { languageOf } from './language.ts';

describe('card language', () => {
  it.each([
    ['nl', 'nl'],
    ['nl-NL', 'nl'],
    ['nl_BE', 'nl'],
    ['NL', 'nl'],
    ['en', 'en'],
    ['en-GB', 'en'],
    ['de', 'en'],
    ['nlx', 'en'],
    [undefined, 'en'],
  ])('%s is written in %s', (locale, language) => {
    expect(languageOf(locale)).toBe(language);
  });
});
