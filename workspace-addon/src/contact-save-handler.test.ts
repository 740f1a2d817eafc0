import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { type AddonTestHarness, calendarId, createAddonTestHarness } from './testing/addon-test-harness.ts';
import { expectGolden } from './testing/golden.ts';
import { inputsOf, navigationKind, notificationOf, paragraphsOf, sentCard } from './testing/sent-card.ts';

let harness: AddonTestHarness;

// Saving changes the store: every test starts from the same two organisations.
beforeEach(async () => {
  await harness?.close();
  harness = await createAddonTestHarness();
});

afterAll(async () => {
  await harness.close();
});

const contactsOfA = () => harness.store.forTenant(harness.tenantA, { actor: 'system:test' }).contacts.list();

const save = (
  formInputs: Record<string, string>,
  extra: Omit<Parameters<AddonTestHarness['send']>[0], 'formInputs'> = {},
) =>
  harness.send({
    endpoint: 'contactSave',
    ...extra,
    parameters: { calendarId, ...extra.parameters },
    formInputs,
  });

describe('saving a contact', () => {
  it('adds the contact, recompiles the routing tables and shows the list with a notification', async () => {
    const response = await save({ key: 'JDD', phone: '06 13572468', description: 'Johan Dijkstra' });
    expect(response.status).toBe(200);
    expect(navigationKind(response.body)).toBe('updateCard');
    expect(sentCard(response.body)?.name).toBe('contacts');
    expect(notificationOf(response.body)).toBe('Contact JDD saved.');
    const added = (await contactsOfA()).find((contact) => contact.key === 'JDD');
    expect(added).toMatchObject({ phone: '+31613572468', description: 'Johan Dijkstra' });
    expect(harness.rosterChanges).toEqual([harness.tenantA]);

    // The event that matched nobody now rings the new contact.
    const event = await harness.send({ endpoint: 'eventOpen', calendar: { calendarId, id: 'typo-tuesday' } });
    expect(paragraphsOf(event.body)[0]).toContain('<b>Johan Dijkstra (JDD)</b>, then the fallback');
    const home = await harness.send({ endpoint: 'homepage' });
    expect(home.text).not.toContain('Matches no contact');
  });

  it('keeps the form, with every error inline above its field and the values typed (en)', async () => {
    const response = await save({ key: 'J D', phone: '12', description: 'x'.repeat(81) }, { locale: 'en' });
    expect(navigationKind(response.body)).toBe('updateCard');
    expect(paragraphsOf(response.body)).toEqual([
      '<font color="#B3261E">A key is 1 to 16 letters or digits, without spaces.</font>',
      '<font color="#B3261E">This is not a valid phone number.</font>',
      '<font color="#B3261E">At most 80 characters.</font>',
    ]);
    expect(inputsOf(response.body)).toEqual({ key: 'J D', phone: '12', description: 'x'.repeat(81) });
    expect(await contactsOfA()).toHaveLength(3);
    expect(harness.rosterChanges).toEqual([]);
    await expectGolden('contact-form-errors.en', response.body);
  });

  it('shows the errors in Dutch', async () => {
    const response = await save({ key: '', phone: '', description: '' }, { locale: 'nl' });
    expect(paragraphsOf(response.body)).toEqual([
      '<font color="#B3261E">Een sleutel is 1 tot 16 letters of cijfers, zonder spaties.</font>',
      '<font color="#B3261E">Vul een telefoonnummer in.</font>',
    ]);
    await expectGolden('contact-form-errors.nl', response.body);
  });

  it('refuses a key another contact has, whatever its case', async () => {
    const response = await save({ key: 'jd', phone: '06 13572468', description: '' });
    expect(paragraphsOf(response.body)).toEqual([
      '<font color="#B3261E">Another contact already has this key.</font>',
    ]);
    expect(await contactsOfA()).toHaveLength(3);
  });

  it('edits a contact and clears its description', async () => {
    const contactId = harness.ids['contact-PK'] ?? '';
    const response = await save(
      { key: 'PK', phone: '+32 470 12 34 56', description: '' },
      { parameters: { contactId } },
    );
    expect(notificationOf(response.body)).toBe('Contact PK saved.');
    const edited = (await contactsOfA()).find((contact) => contact.id === contactId);
    expect(edited).toEqual({ id: contactId, tenantId: harness.tenantA, key: 'PK', phone: '+32470123456' });
  });

  it('escapes a description with markup wherever it is shown', async () => {
    await save({ key: 'TJ', phone: '06 11122233', description: 'Tom & <b>Jerry</b>' });
    const list = await harness.send({ endpoint: 'contacts', parameters: { calendarId } });
    expect(list.text).toContain('Tom &#38; &#60;b&#62;Jerry&#60;/b&#62;');
    expect(list.text).not.toContain('<b>Jerry');
  });

  it('changes nothing for a member', async () => {
    const response = await save({ key: 'NEW', phone: '06 13572468' }, { user: 'member' });
    expect(paragraphsOf(response.body)).toEqual(['Only administrators can add or change contacts.']);
    expect(await contactsOfA()).toHaveLength(3);
  });

  it("changes nothing when the parameters name another organisation's contact", async () => {
    const response = await save(
      { key: 'XY', phone: '06 13572468' },
      { parameters: { contactId: harness.ids.contactB ?? '' } },
    );
    expect(paragraphsOf(response.body)).toEqual(['This contact no longer exists.']);
    const b = await harness.store.forTenant(harness.tenantB, { actor: 'system:test' }).contacts.list();
    expect(b).toEqual([expect.objectContaining({ key: 'XY', phone: '+31634567890' })]);
    expect(await contactsOfA()).toHaveLength(3);
  });

  it("changes nothing when the parameters name another organisation's calendar", async () => {
    const response = await harness.send({
      endpoint: 'contactSave',
      user: 'admin',
      parameters: { calendarId: 'planning@group.calendar.google.com' },
      formInputs: { key: 'NEW', phone: '06 13572468' },
    });
    expect(sentCard(response.body)?.header.title).toBe('No access');
    const b = await harness.store.forTenant(harness.tenantB, { actor: 'system:test' }).contacts.list();
    expect(b.map((contact) => contact.key)).toEqual(['XY']);
  });

  it('changes nothing for a request without a valid user token', async () => {
    const forged = await harness.userToken('admin', {}, { forged: true });
    const response = await save({ key: 'NEW', phone: '06 13572468' }, { userIdToken: forged });
    expect(response.status).toBe(401);
    expect(await contactsOfA()).toHaveLength(3);
  });
});
