import type { Store } from '@wygc/routing-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adaptiveCardSchema } from './adaptive-card.ts';
import { createDutyBot } from './duty-bot.ts';
import { createMemoryConversationRegistry } from './memory-conversation-registry.ts';
import { createMemoryNoticeLog } from './memory-notice-log.ts';
import {
  cardOf,
  channelMessage,
  createDutyBotFixture,
  type DutyBotFixture,
  personalMessage,
  strangerOid,
  teamId,
  teamInstallation,
  textOf,
} from './testing/duty-bot-fixture.ts';
import { createTeamsTestChannel } from './testing/teams-test-adapter.ts';

// The bot through botbuilder's TestAdapter on channel "msteams": every reply below is an activity the
// Bot Framework would have posted to Teams.

let fixture: DutyBotFixture;
beforeEach(async () => {
  fixture = await createDutyBotFixture();
});
afterEach(async () => {
  await fixture.close();
});

const say = async (activity: Parameters<DutyBotFixture['channel']['say']>[0]) => {
  const replies = await fixture.channel.say(activity);
  expect(replies).toHaveLength(1);
  return replies[0];
};

describe('wie / who', () => {
  it('answers in Dutch who is on duty now per number, with the contact description and until when', async () => {
    const reply = await say(personalMessage('wie'));
    expect(reply?.type).toBe('message');
    expect(reply?.textFormat).toBe('markdown');
    expect(textOf(reply)).toBe(
      'Nu van dienst:\n- **Storingsdienst** (050 123 4567): JD (Jan de Vries), tot do 25 mrt 17:00',
    );
  });

  it('answers in English to "who", whatever the locale', async () => {
    const reply = await say(personalMessage('who is on duty?', { locale: 'nl-NL' }));
    expect(textOf(reply)).toBe(
      'On duty now:\n- **Storingsdienst** (050 123 4567): JD (Jan de Vries), until Thu 25 Mar 17:00',
    );
  });

  it('names the fallback during a gap', async () => {
    fixture.now = Date.parse('2027-03-26T08:30:00Z'); // Friday 09:30, nobody until 12:00
    expect(textOf(await say(personalMessage('wie')))).toContain(
      'niemand van dienst tot vr 26 mrt 12:00; MK (terugval) krijgt de gesprekken',
    );
    expect(textOf(await say(personalMessage('who')))).toContain(
      'nobody on duty until Fri 26 Mar 12:00; calls go to MK (fallback)',
    );
  });

  it('lists people who ring together and the weekend shift across the DST change', async () => {
    fixture.now = Date.parse('2027-03-26T13:00:00Z'); // Friday 14:00
    expect(textOf(await say(personalMessage('who')))).toContain(
      'JD (Jan de Vries) + PK (Petra Kok), until Fri 26 Mar 18:00',
    );
    fixture.now = Date.parse('2027-03-28T12:00:00Z'); // Sunday, summer time
    expect(textOf(await say(personalMessage('wie')))).toContain('MK, tot ma 29 mrt 08:00');
  });

  it('answers in a team channel when mentioned, in the language of the command', async () => {
    const reply = await say(channelMessage('wie'));
    expect(textOf(reply)).toMatch(/^Nu van dienst:/);
    expect(reply?.conversation?.id).toBe(`${teamId};messageid=1711364400000`);
  });

  it('answers a card button ({wygc: "who"}) without text', async () => {
    const reply = await say(personalMessage('', { value: { wygc: 'who', language: 'en' } }));
    expect(textOf(reply)).toMatch(/^On duty now:/);
  });
});

describe('rooster / roster', () => {
  it('sends the next 7 days as an Adaptive Card 1.5 in Dutch, gaps and unmatched events included', async () => {
    const reply = await say(personalMessage('rooster'));
    expect(reply?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = adaptiveCardSchema.parse(cardOf(reply));
    expect(card.version).toBe('1.5');
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: 'Rooster do 25 mrt – do 1 apr' });
    const section = card.body[1];
    if (section?.type !== 'Container') throw new Error('expected a section per number');
    expect(section.items[0]).toMatchObject({ text: 'Storingsdienst · 050 123 4567' });
    const facts = section.items.find((item) => item.type === 'FactSet');
    if (facts?.type !== 'FactSet') throw new Error('expected the roster facts');
    expect(facts.facts.slice(0, 5)).toEqual([
      { title: 'do 25 mrt 13:00–17:00', value: 'JD (Jan de Vries)' },
      { title: 'do 25 mrt 17:00 – vr 26 mrt 08:00', value: 'PK (Petra Kok)' },
      { title: 'vr 26 mrt 08:00–12:00', value: 'niemand — terugval MK' },
      { title: 'vr 26 mrt 12:00–18:00', value: 'JD (Jan de Vries) + PK (Petra Kok)' },
      { title: 'vr 26 mrt 18:00 – ma 29 mrt 08:00', value: 'MK' },
    ]);
    // Seven days after Thursday 13:00 winter time is Thursday 14:00 summer time.
    expect(facts.facts[5]).toEqual({
      title: 'ma 29 mrt 08:00 – do 1 apr 14:00',
      value: 'niemand — terugval MK',
    });
    expect(section.items).toContainEqual({
      type: 'TextBlock',
      text: '⚠ za 27 mrt 10:00–12:00: "XY overleg" wijst niemand aan',
      color: 'Attention',
      wrap: true,
    });
    expect(card.actions).toEqual([
      { type: 'Action.Submit', title: 'Wie heeft nu dienst?', data: { wygc: 'who', language: 'nl' } },
    ]);
    expect(reply?.summary).toBe('Het rooster van de komende dagen');
  });

  it('sends it in English to "roster"', async () => {
    const card = adaptiveCardSchema.parse(cardOf(await say(personalMessage('roster'))));
    expect(card.body[0]).toMatchObject({ text: 'Roster Thu 25 Mar – Thu 1 Apr' });
    expect(JSON.stringify(card)).toContain('"XY overleg\\" matches nobody');
    expect(card.actions?.[0]?.title).toBe('Who is on duty now?');
  });
});

describe('neem over / take over', () => {
  it('takes over in Dutch through the injected takeOver, as the linked account', async () => {
    const reply = await say(personalMessage('neem over 2u JD'));
    expect(fixture.takeOvers).toEqual([
      {
        tenantId: fixture.tenantId,
        numberId: fixture.numberId,
        contactKey: 'JD',
        hours: 2,
        actor: `admin:${fixture.adminId}`,
      },
    ]);
    expect(textOf(reply)).toBe('Gedaan: JD krijgt de gesprekken van **Storingsdienst** tot do 25 mrt 15:00.');
  });

  it('takes over in English, finding the contact key case-insensitively', async () => {
    const reply = await say(personalMessage('take over 3h as pk', { locale: 'nl-NL' }));
    expect(fixture.takeOvers.map((request) => [request.contactKey, request.hours])).toEqual([['PK', 3]]);
    expect(textOf(reply)).toBe('Done: PK takes the calls of **Storingsdienst** until Thu 25 Mar 16:00.');
  });

  it.each([
    ['neem over 2u', /^Zo neem je over: \*\*neem over 2u JD\*\*/],
    ['neem over JD', /^Zo neem je over/],
    ['neem over 100u JD', /^Zo neem je over/],
    ['take over', /^To take over: \*\*take over 2h as JD\*\*/],
    ['take over 2h', /^To take over/],
  ])('explains how to use it when "%s" lacks a duration or a key', async (text, expected) => {
    expect(textOf(await say(personalMessage(text)))).toMatch(expected);
    expect(fixture.takeOvers).toEqual([]);
  });

  it('refuses a key no contact has', async () => {
    expect(textOf(await say(personalMessage('neem over 2u ZZ')))).toBe(
      'Er is geen contact met de sleutel ZZ.',
    );
    expect(fixture.takeOvers).toEqual([]);
  });

  it('asks which number when the organisation has several, and accepts its name or digits', async () => {
    const scoped = fixture.store.forTenant(fixture.tenantId, { actor: 'system:test' });
    const servicedesk = await scoped.numbers.create({ did: '020 765 4321', name: 'Servicedesk' });
    expect(textOf(await say(personalMessage('neem over 2u JD')))).toBe(
      'Welk nummer? Je organisatie heeft er meer: Servicedesk, Storingsdienst. ' +
        'Bijvoorbeeld: **neem over 2u JD op Servicedesk**',
    );
    await say(personalMessage('neem over 2u JD op servicedesk'));
    await say(personalMessage('take over 1h as JD on 050 123 4567'));
    expect(fixture.takeOvers.map((request) => request.numberId)).toEqual([servicedesk.id, fixture.numberId]);
    expect(textOf(await say(personalMessage('take over 1h as JD on Helpdesk')))).toBe(
      'No number found for "Helpdesk". The numbers are: Servicedesk, Storingsdienst.',
    );
  });

  it('says so when the takeover fails, without details', async () => {
    fixture.failTakeOver();
    expect(textOf(await say(personalMessage('take over 2h as JD')))).toBe(
      "Taking over didn't work. Please try again in a moment, or use the Now tab.",
    );
  });
});

describe('help', () => {
  it('follows the locale for "help" and is Dutch for "hulp"', async () => {
    expect(textOf(await say(personalMessage('help', { locale: 'nl-NL' })))).toMatch(/^Dit kan ik:/);
    expect(textOf(await say(personalMessage('help', { locale: 'en-US' })))).toMatch(
      /^Here is what I can do:/,
    );
    expect(textOf(await say(personalMessage('hulp', { locale: 'en-US' })))).toMatch(/^Dit kan ik:/);
    expect(textOf(await say(channelMessage('help')))).toContain('**take over 2h as JD**');
  });

  it('points to help for anything else, in the locale', async () => {
    expect(textOf(await say(personalMessage('hallo')))).toBe(
      'Dat begreep ik niet. Typ **help** voor wat ik kan.',
    );
    expect(textOf(await say(personalMessage('hello', { locale: 'en-GB' })))).toBe(
      "I didn't understand that. Type **help** to see what I can do.",
    );
  });
});

describe('users that are not linked', () => {
  it('tells a Teams user without a linked account how to link it, and shows them nothing', async () => {
    const dutch = textOf(await say(personalMessage('wie', { oid: strangerOid })));
    expect(dutch).toMatch(/^Je Teams-account is nog niet gekoppeld aan WhoYouGonnaCall/);
    expect(dutch).toContain('meld je één keer aan met je e-mailadres, wachtwoord en de code');
    const english = textOf(await say(personalMessage('take over 2h as JD', { oid: strangerOid })));
    expect(english).toMatch(/^Your Teams account isn't linked to WhoYouGonnaCall yet/);
    expect(english).toContain('Open the WhoYouGonnaCall tab here in Teams');
    expect(english).toContain('sign in once with your email, password and the code');
    expect(fixture.takeOvers).toEqual([]);
    expect(textOf(await say(personalMessage('help', { oid: strangerOid })))).toMatch(/^Dit kan ik:/);
  });
});

describe('installation', () => {
  it('welcomes the team and remembers it for notices when the installer is linked', async () => {
    expect(textOf(await say(teamInstallation('add')))).toMatch(/^Hallo! Vraag me hier \*\*wie\*\*/);
    const teams = await fixture.conversations.teamsOf(fixture.tenantId);
    expect(teams.map((team) => [team.teamId, team.language])).toEqual([[teamId, 'nl']]);
    expect(teams[0]?.reference).toMatchObject({ channelId: 'msteams', conversation: { id: teamId } });
    // Kept in the store: the installer's display name is not needed to write there later.
    expect(teams[0]?.reference).not.toHaveProperty('user.name');

    await fixture.channel.say(teamInstallation('remove'));
    expect(await fixture.conversations.teamsOf(fixture.tenantId)).toEqual([]);
  });

  it('registers a team on the first message of a linked user, at the channel, not the thread', async () => {
    await say(channelMessage('who'));
    const [team] = await fixture.conversations.teamsOf(fixture.tenantId);
    expect(team?.reference).toMatchObject({ conversation: { id: teamId } });
    expect(team?.reference).not.toHaveProperty('activityId');
  });

  it('says it cannot post roster problems yet when the installer is not linked', async () => {
    const reply = await say(teamInstallation('add', { oid: strangerOid, locale: 'en-US' }));
    expect(textOf(reply)).toContain("I don't know yet which organisation this team belongs to.");
    expect(await fixture.conversations.tenants()).toEqual([]);
  });
});

describe('when the store fails', () => {
  it('still answers help, apologises for the rest and logs no personal data', async () => {
    const logged: Record<string, unknown>[] = [];
    const broken: Store = {
      ...fixture.store,
      lookups: {
        ...fixture.store.lookups,
        adminByIdentity: async () => {
          throw Object.assign(new Error('database is locked while reading JD +31612345678'), {
            code: 'UNAVAILABLE',
          });
        },
      },
    };
    const channel = createTeamsTestChannel();
    channel.attach(
      createDutyBot({
        store: broken,
        conversations: createMemoryConversationRegistry(),
        notices: createMemoryNoticeLog(),
        takeOver: async () => ({ end: 0 }),
        clock: () => fixture.now,
        messenger: channel.messenger,
        logger: {
          info: () => {},
          warn: () => {},
          error: (fields, message) => logged.push({ ...fields, message }),
        },
      }),
    );
    expect(textOf((await channel.say(personalMessage('help')))[0])).toMatch(/^Dit kan ik:/);
    expect(textOf((await channel.say(personalMessage('wie')))[0])).toBe(
      'Er ging iets mis. Probeer het zo nog eens.',
    );
    expect(logged).toContainEqual({
      errorType: 'Error',
      errorCode: 'UNAVAILABLE',
      message: 'teams user could not be identified',
    });
    expect(JSON.stringify(logged)).not.toMatch(/\+31|JD/);
  });
});
