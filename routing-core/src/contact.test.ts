import { describe, expect, it } from 'vitest';
import { parseContact } from './contact.ts';
import { routingErrorOf } from './test-support.ts';

describe('parseContact', () => {
  it('normalises the phone to E.164 and trims fields', () => {
    expect(parseContact({ key: ' JD ', phone: ' 050 123 4567 ', description: ' Jan de Vries ' })).toEqual({
      key: 'JD',
      phone: '+31501234567',
      description: 'Jan de Vries',
    });
  });

  it('leaves out an empty description', () => {
    expect(parseContact({ key: 'PK', phone: '0612345678', description: '' })).toEqual({
      key: 'PK',
      phone: '+31612345678',
    });
  });

  it('stores a key typed with a decomposed accent in composed form', () => {
    expect(parseContact({ key: 'ÉB'.normalize('NFD'), phone: '+32470123456' }).key).toBe(
      'ÉB'.normalize('NFC'),
    );
  });

  it('accepts Unicode letters and digits as a key', () => {
    expect(parseContact({ key: 'ÉB', phone: '+32470123456' }).key).toBe('ÉB');
    expect(parseContact({ key: '112', phone: '+32470123456' }).key).toBe('112');
  });

  it.each([
    [{ key: 'J D', phone: '0501234567' }, 'key'],
    [{ key: 'JD+PK', phone: '0501234567' }, 'key'],
    [{ key: '', phone: '0501234567' }, 'key'],
    [{ key: 'ABCDEFGHIJKLMNOPQ', phone: '0501234567' }, 'key'],
    [{ key: 'JD', phone: '' }, 'phone'],
    [{ key: 'JD', phone: '0501234567', description: 'x'.repeat(81) }, 'description'],
    [{ phone: '0501234567' }, 'key'],
  ])('rejects %j naming the field', (input, field) => {
    expect(routingErrorOf(() => parseContact(input), 'INVALID_CONTACT').field).toBe(field);
  });

  it('rejects a non-object', () => {
    routingErrorOf(() => parseContact('JD'), 'INVALID_CONTACT');
  });

  it('rejects an invalid phone without putting the number in the message', () => {
    const error = routingErrorOf(() => parseContact({ key: 'JD', phone: '0501234' }), 'INVALID_CONTACT');
    expect(error.field).toBe('phone');
    expect(error.message).not.toContain('0501234');
  });
});
