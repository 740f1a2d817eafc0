import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AddonTestHarness, createAddonTestHarness, users } from './testing/addon-test-harness.ts';
import { expectGolden } from './testing/golden.ts';

let harness: AddonTestHarness;

beforeAll(async () => {
  harness = await createAddonTestHarness();
});

afterAll(async () => {
  await harness.close();
});

const cardOf = (body: unknown) =>
  (body as { action: { navigations: { pushCard: { name: string; header: { title: string } } }[] } }).action
    .navigations[0]?.pushCard;

describe('homepage', () => {
  it('shows the calendar of an admin found by email: who rings now, the week ahead, the problems (en)', async () => {
    const response = await harness.send({ endpoint: 'homepage', user: 'admin', locale: 'en-GB' });
    expect(response.status).toBe(200);
    await expectGolden('homepage.en', response.body);
  });

  it('writes the same card in Dutch for a Dutch locale', async () => {
    const response = await harness.send({ endpoint: 'homepage', user: 'admin', locale: 'nl' });
    await expectGolden('homepage.nl', response.body);
  });

  it('finds the owner by the linked Google identity, although the account has another email', async () => {
    const owner = await harness.send({ endpoint: 'homepage', user: 'owner' });
    const admin = await harness.send({ endpoint: 'homepage', user: 'admin' });
    expect(owner.body).toEqual(admin.body);
  });

  it('shows a member the roster without the buttons that change contacts', async () => {
    const response = await harness.send({ endpoint: 'homepage', user: 'member' });
    expect(response.text).toContain('Jan de Vries');
    expect(response.text).not.toContain('Add contact');
    expect(response.text).not.toContain('/contacts/form');
  });

  it('tells a user without an admin account how to get access, and shows no data (en)', async () => {
    const response = await harness.send({ endpoint: 'homepage', user: 'stranger', locale: 'en' });
    expect(response.status).toBe(200);
    expect(response.text).not.toContain('Storingsdienst');
    expect(response.text).not.toContain('Planning');
    await expectGolden('no-access.en', response.body);
  });

  it('tells it in Dutch too', async () => {
    const response = await harness.send({ endpoint: 'homepage', user: 'stranger', locale: 'nl-NL' });
    await expectGolden('no-access.nl', response.body);
  });

  it('refuses an email match when the account is linked to another Google identity', async () => {
    const response = await harness.send({ endpoint: 'homepage', user: 'impostor' });
    expect(cardOf(response.body)?.header.title).toBe('No access');
    expect(response.text).not.toContain('Storingsdienst');
  });

  it("shows another organisation's admin only that organisation's calendar", async () => {
    const response = await harness.send({ endpoint: 'homepage', user: 'other' });
    expect(cardOf(response.body)?.header.title).toBe('Planning');
    expect(response.text).toContain('Xander (XY)');
    for (const secret of ['Storingsdienst', 'Jan de Vries', '50 123 4567'])
      expect(response.text).not.toContain(secret);
  });

  it('offers a choice when the user administers several Google calendars', async () => {
    await harness.store
      .forTenant(harness.tenantB, { actor: 'system:test' })
      .admins.create({ email: users.admin.email, role: 'member' });
    const response = await harness.send({ endpoint: 'homepage', user: 'admin' });
    const card = cardOf(response.body);
    expect(card?.name).toBe('calendars');
    expect(response.text).toContain('Storingsdienst');
    expect(response.text).toContain('Planning');
    expect(response.text).toContain('https://wygc.example.com/addon/calendar');
    expect(response.text).not.toContain('Jan de Vries');
  });

  it('grants nothing in a terminated organisation', async () => {
    await harness.store.forTenant(harness.tenantB, { actor: 'system:test' }).privacy.terminate();
    const response = await harness.send({ endpoint: 'homepage', user: 'other' });
    expect(cardOf(response.body)?.header.title).toBe('No access');
    expect(response.text).not.toContain('Planning');
  });
});
