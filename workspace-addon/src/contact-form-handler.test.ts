import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AddonTestHarness, calendarId, createAddonTestHarness } from './testing/addon-test-harness.ts';
import { inputsOf, paragraphsOf, sentCard } from './testing/sent-card.ts';

let harness: AddonTestHarness;

beforeAll(async () => {
  harness = await createAddonTestHarness();
});

afterAll(async () => {
  await harness.close();
});

describe('contact form', () => {
  it('opens an empty form to add a contact', async () => {
    const response = await harness.send({ endpoint: 'contactForm', parameters: { calendarId } });
    expect(sentCard(response.body)?.header.title).toBe('Add contact');
    expect(inputsOf(response.body)).toEqual({ key: undefined, phone: undefined, description: undefined });
  });

  it('fills in the key of the unmatched event it was opened from', async () => {
    const response = await harness.send({ endpoint: 'contactForm', parameters: { calendarId, key: 'JDD' } });
    expect(inputsOf(response.body)).toEqual({ key: 'JDD', phone: undefined, description: undefined });
  });

  it('ignores a key parameter that cannot be a contact key', async () => {
    const response = await harness.send({ endpoint: 'contactForm', parameters: { calendarId, key: 'J D<' } });
    expect(inputsOf(response.body).key).toBeUndefined();
  });

  it('opens a contact to edit, with its phone number as people write it', async () => {
    const response = await harness.send({
      endpoint: 'contactForm',
      parameters: { calendarId, contactId: harness.ids['contact-JD'] ?? '' },
      locale: 'nl',
    });
    expect(sentCard(response.body)?.header.title).toBe('JD wijzigen');
    expect(inputsOf(response.body)).toEqual({ key: 'JD', phone: '06 12345678', description: 'Jan de Vries' });
  });

  it("does not open another organisation's contact", async () => {
    const response = await harness.send({
      endpoint: 'contactForm',
      parameters: { calendarId, contactId: harness.ids.contactB ?? '' },
    });
    expect(paragraphsOf(response.body)).toEqual(['This contact no longer exists.']);
    expect(response.text).not.toContain('Xander');
  });

  it('refuses the form to a member', async () => {
    const response = await harness.send({
      endpoint: 'contactForm',
      user: 'member',
      parameters: { calendarId },
    });
    expect(paragraphsOf(response.body)).toEqual(['Only administrators can add or change contacts.']);
  });
});
