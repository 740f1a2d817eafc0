import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AddonTestHarness,
  calendarId,
  createAddonTestHarness,
  otherCalendarId,
  users,
} from './testing/addon-test-harness.ts';
import { expectGolden } from './testing/golden.ts';

let harness: AddonTestHarness;

beforeAll(async () => {
  harness = await createAddonTestHarness();
});

afterAll(async () => {
  await harness.close();
});

interface SentCard {
  name: string;
  header: { title: string; subtitle?: string };
  sections: { widgets: Record<string, { text?: string; buttons?: { text: string }[] }>[] }[];
}

const cardOf = (body: unknown): SentCard | undefined =>
  (body as { action: { navigations: { pushCard: SentCard }[] } }).action.navigations[0]?.pushCard;

/** The texts of the card's paragraphs, in order. */
const paragraphs = (body: unknown): string[] =>
  (cardOf(body)?.sections ?? []).flatMap((section) =>
    section.widgets.flatMap((widget) => (widget.textParagraph?.text ? [widget.textParagraph.text] : [])),
  );

const buttons = (body: unknown): string[] =>
  (cardOf(body)?.sections ?? []).flatMap((section) =>
    section.widgets.flatMap((widget) => widget.buttonList?.buttons?.map((button) => button.text) ?? []),
  );

/** The events.get requests the local Google Calendar fake served. */
const eventReads = () =>
  harness.google.requests.filter(
    (request) => request.method === 'GET' && /\/events\/[^/]+$/.test(request.path),
  );

const open = (id: string, extra: Parameters<AddonTestHarness['send']>[0] = {}) =>
  harness.send({ endpoint: 'eventOpen', calendar: { calendarId, id }, ...extra });

describe('event open', () => {
  it('resolves the subject through the routing core: who the number rings (en)', async () => {
    const response = await open('shift-weekend', { locale: 'en' });
    expect(response.status).toBe(200);
    expect(paragraphs(response.body)).toEqual([
      'Calls to <b>+31 50 123 4567</b> (Storingsdienst) ring <b>Jan de Vries (JD)</b>, then the fallback <b>Marie Kok (MK)</b>.',
    ]);
    expect(cardOf(response.body)?.header).toEqual({
      title: 'JD',
      subtitle: 'Fri 26 Mar 08:00 – Mon 29 Mar 08:00',
    });
    await expectGolden('event-matched.en', response.body);
  });

  it('in Dutch for a Dutch user', async () => {
    const response = await open('shift-weekend', { locale: 'nl' });
    expect(paragraphs(response.body)[0]).toBe(
      'Oproepen naar <b>+31 50 123 4567</b> (Storingsdienst) gaan naar <b>Jan de Vries (JD)</b>, daarna de achtervang <b>Marie Kok (MK)</b>.',
    );
    await expectGolden('event-matched.nl', response.body);
  });

  it('reads the title with the user OAuth token through events.get', async () => {
    const before = eventReads().length;
    const sent = await harness.eventObject({ calendar: { calendarId, id: 'shift-weekend' } });
    await open('shift-weekend');
    const [request] = eventReads().slice(before);
    expect(request).toMatchObject({
      path: `/calendar/v3/calendars/${calendarId}/events/shift-weekend`,
      query: { fields: 'id,status,summary,start,end' },
      headers: {
        authorization: `Bearer ${(sent.authorizationEventObject as { userOAuthToken: string }).userOAuthToken}`,
      },
      principal: users.admin.email,
      status: 200,
    });
  });

  it('reads an instance of a recurring series by its instance id', async () => {
    harness.google.calendars.put(calendarId, {
      id: 'weekly',
      summary: 'Storing JD',
      start: { dateTime: '2027-03-26T17:00:00', timeZone: 'Europe/Amsterdam' },
      end: { dateTime: '2027-03-29T08:00:00', timeZone: 'Europe/Amsterdam' },
      recurrence: ['RRULE:FREQ=WEEKLY'],
    });
    const response = await harness.send({
      endpoint: 'eventOpen',
      calendar: { calendarId, id: 'weekly_20270402T150000Z', recurringEventId: 'weekly' },
    });
    expect(paragraphs(response.body)[0]).toContain('<b>Jan de Vries (JD)</b>');
    expect(eventReads().at(-1)).toMatchObject({
      path: `/calendar/v3/calendars/${calendarId}/events/weekly_20270402T150000Z`,
      status: 200,
    });
  });

  it('names the words around the keys as ignored', async () => {
    const response = await open('override-saturday');
    expect(paragraphs(response.body)).toEqual([
      'Calls to <b>+31 50 123 4567</b> (Storingsdienst) ring <b>Piet Klaassen (PK)</b>, then the fallback <b>Marie Kok (MK)</b>.',
      '<i>Not a contact key (ignored): Storing, mobiel</i>',
    ]);
  });

  it('rings a group together and does not repeat a fallback that is on duty already', async () => {
    const response = await open('pair-wednesday');
    expect(paragraphs(response.body)[0]).toBe(
      'Calls to <b>+31 50 123 4567</b> (Storingsdienst) ring <b>Jan de Vries (JD)</b> and <b>Piet Klaassen (PK)</b> together, then <b>Marie Kok (MK)</b>.',
    );
  });

  it('warns about a subject that matches nobody, naming the token, with a button to add it (en)', async () => {
    const response = await open('typo-tuesday', { locale: 'en' });
    expect(paragraphs(response.body)).toEqual([
      '<font color="#B3261E"><b>Nobody is on duty for this event:</b> <b>JDD</b> matches no contact.</font>',
      'Calls to <b>+31 50 123 4567</b> (Storingsdienst) ring only the fallback <b>Marie Kok (MK)</b>.',
    ]);
    expect(buttons(response.body)).toContain('Add contact JDD');
    await expectGolden('event-unmatched.en', response.body);
  });

  it('warns in Dutch too', async () => {
    const response = await open('typo-tuesday', { locale: 'nl' });
    expect(buttons(response.body)).toContain('Contact JDD toevoegen');
    await expectGolden('event-unmatched.nl', response.body);
  });

  it('gives a member the warning without the button to add a contact', async () => {
    const response = await open('typo-tuesday', { user: 'member' });
    expect(paragraphs(response.body)[0]).toContain('JDD');
    expect(buttons(response.body)).not.toContain('Add contact JDD');
  });

  it('keeps markup typed in a subject out of the HTML text fields', async () => {
    harness.google.calendars.put(calendarId, {
      id: 'markup',
      summary: '<a href="https://evil.example">JD</a>',
      start: { dateTime: '2027-04-02T08:00:00', timeZone: 'Europe/Amsterdam' },
      end: { dateTime: '2027-04-02T10:00:00', timeZone: 'Europe/Amsterdam' },
    });
    const response = await open('markup');
    // The header title is plain text in Card v2; paragraphs render HTML and must never carry the link.
    expect(cardOf(response.body)?.header.title).toBe('<a href="https://evil.example">JD</a>');
    for (const text of paragraphs(response.body)) expect(text).not.toContain('<a');
    expect(paragraphs(response.body)[0]).toContain('<b>Jan de Vries (JD)</b>');
  });

  it("refuses an event of another organisation's calendar without reading it", async () => {
    const before = eventReads().length;
    const response = await harness.send({
      endpoint: 'eventOpen',
      calendar: { calendarId: otherCalendarId, id: 'b-event' },
    });
    expect(response.status).toBe(200);
    expect(cardOf(response.body)?.header.title).toBe('No access');
    expect(paragraphs(response.body)[0]).toContain('not connected to an organisation you administer');
    for (const secret of ['Xander', 'XY', 'Planning', '20 123 4567'])
      expect(response.text).not.toContain(secret);
    expect(eventReads().length).toBe(before);
  });

  it('explains, without data, when Google refuses the user token', async () => {
    const response = await open('shift-weekend', { userOAuthToken: 'ya29.revoked' });
    expect(paragraphs(response.body)).toEqual([
      'Google Calendar did not allow the add-on to read this event. Open the add-on again and grant access.',
    ]);
    expect(response.text).not.toContain('Jan de Vries');
  });

  it('explains when the event cannot be found', async () => {
    const response = await open('no-such-event', { locale: 'nl' });
    expect(paragraphs(response.body)).toEqual(['Deze afspraak is niet gevonden in Google Agenda.']);
  });

  it('asks to open an event when the event object names none', async () => {
    const response = await harness.send({ endpoint: 'eventOpen', calendar: null });
    expect(paragraphs(response.body)).toEqual(['Open an event in Google Calendar to see who it rings.']);
  });
});
