import { createContactDirectory, parseContact } from '@wygc/routing-core';
import { describe, expect, it } from 'vitest';
import { suggestKey } from './key-suggestion.ts';

const contacts = createContactDirectory(
  [
    { key: 'JD', phone: '0641238765' },
    { key: 'PK', phone: '0628741190' },
    { key: 'ANNA', phone: '0655302147' },
  ].map(parseContact),
);

describe('suggestKey', () => {
  it('suggests the key one letter away: added, missing or changed, in any case', () => {
    expect(suggestKey('JDD', contacts)).toBe('JD');
    expect(suggestKey('ANA', contacts)).toBe('ANNA');
    expect(suggestKey('pl', contacts)).toBe('PK');
  });

  it('suggests nothing for words far from every key, or for one letter', () => {
    expect(suggestKey('Storing', contacts)).toBeUndefined();
    expect(suggestKey('JKL', contacts)).toBeUndefined();
    expect(suggestKey('J', contacts)).toBeUndefined();
  });
});
