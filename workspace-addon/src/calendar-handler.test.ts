import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AddonTestHarness, calendarId, createAddonTestHarness } from './testing/addon-test-harness.ts';
import { navigationKind, paragraphsOf, sentCard } from './testing/sent-card.ts';

let harness: AddonTestHarness;
const reserveCalendar = 'reserve@group.calendar.google.com';

beforeAll(async () => {
  harness = await createAddonTestHarness();
});

afterAll(async () => {
  await harness.close();
});

describe('calendar overview action', () => {
  it('pushes the overview of the calendar its parameters name', async () => {
    const response = await harness.send({ endpoint: 'calendar', parameters: { calendarId } });
    expect(navigationKind(response.body)).toBe('pushCard');
    expect(sentCard(response.body)?.name).toBe('overview');
    expect(response.text).toContain('Jan de Vries (JD)');
  });

  it('says so when the calendar feeds no number', async () => {
    const tenant = harness.store.forTenant(harness.tenantA, { actor: 'system:test' });
    await tenant.sources.create({
      provider: 'google',
      externalId: reserveCalendar,
      name: 'Reserve',
      timeZone: 'Europe/Amsterdam',
    });
    const response = await harness.send({
      endpoint: 'calendar',
      parameters: { calendarId: reserveCalendar },
    });
    expect(paragraphsOf(response.body)).toEqual([
      'This calendar feeds no number yet. Connect it to a number in the web admin.',
    ]);
  });

  it('says so when a number has no routing table yet', async () => {
    const tenant = harness.store.forTenant(harness.tenantA, { actor: 'system:test' });
    const reserve = (await tenant.sources.list()).find((source) => source.externalId === reserveCalendar);
    await tenant.numbers.create({ did: '050 765 0000', name: 'Reserve', sourceIds: [reserve?.id ?? ''] });
    const response = await harness.send({
      endpoint: 'calendar',
      parameters: { calendarId: reserveCalendar },
      locale: 'nl',
    });
    expect(sentCard(response.body)?.sections[0]?.header).toBe('Reserve · +31 50 765 0000');
    expect(paragraphsOf(response.body)).toEqual([
      'Nog niet gerouteerd: deze agenda is nog niet gesynchroniseerd.',
    ]);
  });

  it('asks for a calendar when neither the parameters nor the event name one', async () => {
    const response = await harness.send({ endpoint: 'calendar' });
    expect(paragraphsOf(response.body)).toEqual(['Open an event in Google Calendar to see who it rings.']);
  });
});
