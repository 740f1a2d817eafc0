import { describe, expect, it } from 'vitest';
import { parseContact } from './contact.ts';
import { createContactDirectory, defaultKeyMatching } from './contact-directory.ts';
import { eb, jd, pk, routingErrorOf } from './test-support.ts';

describe('createContactDirectory', () => {
  it('matches keys case-insensitively by default', () => {
    const contacts = createContactDirectory([jd, pk, eb]);
    expect(contacts.matching).toEqual(defaultKeyMatching);
    expect(contacts.find('jd')).toBe(jd);
    expect(contacts.find('Pk')).toBe(pk);
    expect(contacts.find('éb')).toBe(eb);
    expect(contacts.find('XY')).toBeUndefined();
  });

  it('matches exactly when the tenant chose case-sensitive keys', () => {
    const contacts = createContactDirectory([jd, eb], { caseSensitive: true });
    expect(contacts.find('JD')).toBe(jd);
    expect(contacts.find('jd')).toBeUndefined();
    expect(contacts.find('éb')).toBeUndefined();
  });

  it('treats composed and decomposed accents as the same key', () => {
    const contacts = createContactDirectory([eb], { caseSensitive: true });
    expect(contacts.find('E\u0301B'.normalize('NFD'))).toBe(eb);
  });

  it('rejects a key used twice', () => {
    const other = parseContact({ key: 'JD', phone: '0612345678' });
    routingErrorOf(() => createContactDirectory([jd, other]), 'DUPLICATE_CONTACT_KEY');
  });

  it('rejects keys differing only in case when matching ignores case', () => {
    const lower = parseContact({ key: 'jd', phone: '0612345678' });
    const error = routingErrorOf(() => createContactDirectory([jd, lower]), 'DUPLICATE_CONTACT_KEY');
    expect(error.field).toBe('key');
    expect(error.message).not.toContain('+31');
  });

  it('rejects Unicode keys differing only in case when matching ignores case', () => {
    const lower = parseContact({ key: 'éb', phone: '0612345678' });
    routingErrorOf(() => createContactDirectory([eb, lower]), 'DUPLICATE_CONTACT_KEY');
  });

  it('keeps keys differing in case apart when matching is case-sensitive', () => {
    const lower = parseContact({ key: 'jd', phone: '0612345678' });
    const contacts = createContactDirectory([jd, lower], { caseSensitive: true });
    expect(contacts.find('jd')).toBe(lower);
    expect(contacts.find('JD')).toBe(jd);
  });
});
