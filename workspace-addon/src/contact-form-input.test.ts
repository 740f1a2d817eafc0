import { describe, expect, it } from 'vitest';
import { addonEventSchema } from './addon-event.ts';
import { parseContactForm } from './contact-form-input.ts';

const submitted = (inputs: Record<string, string | string[]>) =>
  addonEventSchema.parse({
    commonEventObject: {
      formInputs: Object.fromEntries(
        Object.entries(inputs).map(([name, value]) => [name, { stringInputs: { value: [value].flat() } }]),
      ),
    },
  });

describe('contact form input', () => {
  it('trims the values and keeps a description only when given', () => {
    expect(parseContactForm(submitted({ key: ' JD ', phone: ' 06 12345678 ', description: '  ' }))).toEqual({
      ok: true,
      values: { key: 'JD', phone: '06 12345678', description: '' },
      contact: { key: 'JD', phone: '06 12345678' },
    });
  });

  it('composes a key typed with a decomposed accent', () => {
    const result = parseContactForm(submitted({ key: 'E\u0301B', phone: '06 12345678' }));
    expect(result.ok && result.contact.key).toBe('\u00c9B');
  });

  it('reports every field that is wrong', () => {
    expect(
      parseContactForm(submitted({ key: 'J+D', phone: '0612', description: 'x'.repeat(81) })),
    ).toMatchObject({
      ok: false,
      errors: { key: 'keyInvalid', phone: 'phoneInvalid', description: 'descriptionTooLong' },
    });
  });

  it('treats missing fields as empty', () => {
    expect(parseContactForm(submitted({}))).toMatchObject({
      ok: false,
      errors: { key: 'keyInvalid', phone: 'phoneRequired' },
      values: { key: '', phone: '', description: '' },
    });
  });

  it('refuses absurdly long input without echoing it into the form', () => {
    const result = parseContactForm(submitted({ key: 'K'.repeat(5000), phone: '06 12345678' }));
    expect(result).toMatchObject({ ok: false, errors: { key: 'keyInvalid' }, values: { key: '' } });
  });
});
