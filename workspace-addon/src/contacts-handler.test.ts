import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AddonTestHarness,
  calendarId,
  createAddonTestHarness,
  otherCalendarId,
} from './testing/addon-test-harness.ts';
import { expectGolden } from './testing/golden.ts';
import { buttonTextsOf, navigationKind, paragraphsOf, sentCard, widgetsOf } from './testing/sent-card.ts';

let harness: AddonTestHarness;

beforeAll(async () => {
  harness = await createAddonTestHarness();
});

afterAll(async () => {
  await harness.close();
});

describe('contacts', () => {
  it('lists the contacts with Edit and Add buttons for an admin (en)', async () => {
    const response = await harness.send({ endpoint: 'contacts', parameters: { calendarId }, locale: 'en' });
    expect(response.status).toBe(200);
    expect(navigationKind(response.body)).toBe('pushCard');
    expect(
      widgetsOf(response.body).flatMap((w) => (w.decoratedText ? [w.decoratedText.topLabel] : [])),
    ).toEqual(['JD', 'MK', 'PK']);
    await expectGolden('contacts.en', response.body);
  });

  it('lists them in Dutch', async () => {
    const response = await harness.send({ endpoint: 'contacts', parameters: { calendarId }, locale: 'nl' });
    await expectGolden('contacts.nl', response.body);
  });

  it('shows a member the list without buttons that change it', async () => {
    const response = await harness.send({ endpoint: 'contacts', user: 'member', parameters: { calendarId } });
    expect(buttonTextsOf(response.body)).toEqual(['Open web admin']);
    expect(paragraphsOf(response.body)).toContain('Only administrators can add or change contacts.');
  });

  it('takes the calendar of the open event when the parameters name none', async () => {
    const response = await harness.send({
      endpoint: 'contacts',
      calendar: { calendarId, id: 'shift-weekend' },
    });
    expect(sentCard(response.body)?.name).toBe('contacts');
  });

  it("never lists another organisation's contacts, whatever calendar the parameters name", async () => {
    const response = await harness.send({
      endpoint: 'contacts',
      parameters: { calendarId: otherCalendarId },
    });
    expect(sentCard(response.body)?.header.title).toBe('No access');
    expect(response.text).not.toContain('Xander');
    expect(response.text).not.toContain('XY');
  });
});
