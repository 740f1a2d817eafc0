import { describe, expect, it } from 'vitest';
import type { MessageKey } from './messages.ts';
import { en } from './messages-en.ts';
import { nl } from './messages-nl.ts';
import { translate } from './translate.ts';

describe('translate', () => {
  it('gives the text in the language, with its placeholders filled', () => {
    expect(translate('en', 'contacts.saved', { key: 'JD' })).toBe('Contact JD is saved.');
    expect(translate('nl', 'contacts.saved', { key: 'JD' })).toBe('Contact JD is opgeslagen.');
  });

  it('leaves a placeholder without a value as it is, rather than inventing one', () => {
    expect(translate('en', 'calendars.calendarPathHint')).toBe(
      'users/{user}/calendar or users/{user}/calendars/{id}',
    );
  });

  it('has every English text in Dutch, none of them blank', () => {
    const keys = Object.keys(en) as MessageKey[];
    expect(Object.keys(nl).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(nl[key].trim(), key).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(en) as MessageKey[])
      expect(placeholders(nl[key]), key).toEqual(placeholders(en[key]));
  });
});
