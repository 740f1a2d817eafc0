import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotReply } from './bot-turn.ts';
import { createDutyNotifier } from './duty-notifier.ts';
import { createMemoryNoticeLog } from './memory-notice-log.ts';
import {
  createDutyBotFixture,
  type DutyBotFixture,
  linkedUserOid,
  personalMessage,
  teamId,
  teamInstallation,
  textOf,
} from './testing/duty-bot-fixture.ts';

// Proactive messages through botbuilder's TestAdapter ("msteams"): the fixture's clock is moved by
// hand, nothing waits for real time.

let fixture: DutyBotFixture;
beforeEach(async () => {
  fixture = await createDutyBotFixture();
});
afterEach(async () => {
  await fixture.close();
});

const sent = () =>
  fixture.channel.drain().map((activity) => ({ to: activity.conversation?.id, text: textOf(activity) }));

describe('team notices', () => {
  beforeEach(async () => {
    await fixture.channel.say(teamInstallation('add'));
  });

  it('tells the team once about a gap and an unmatched event within 48 hours', async () => {
    expect(await fixture.bot.notifyDue()).toEqual({ sent: 2, failed: 0 });
    expect(sent()).toEqual([
      {
        to: teamId,
        text:
          '⚠ **Storingsdienst**: niemand van dienst op vr 26 mrt 08:00–12:00. ' +
          'MK (terugval) krijgt dan de gesprekken.',
      },
      {
        to: teamId,
        text:
          '⚠ **Storingsdienst**: de afspraak "XY overleg" (za 27 mrt 10:00–12:00) wijst niemand aan: ' +
          'er staat geen sleutel van een contact in. Controleer de schrijfwijze in de agenda.',
      },
    ]);

    expect(await fixture.bot.notifyDue()).toEqual({ sent: 0, failed: 0 });
    fixture.now += 3 * 3_600_000;
    expect(await fixture.bot.notifyDue()).toEqual({ sent: 0, failed: 0 });
    expect(sent()).toEqual([]);
  });

  it('tells about a gap when it comes within 48 hours, not before', async () => {
    await fixture.bot.notifyDue();
    fixture.channel.drain();
    // Monday 08:00 summer time (06:00Z) the weekend shift ends and nobody follows.
    fixture.now = Date.parse('2027-03-27T05:59:00Z');
    expect(await fixture.bot.notifyDue()).toEqual({ sent: 0, failed: 0 });
    fixture.now = Date.parse('2027-03-27T06:01:00Z');
    expect(await fixture.bot.notifyDue()).toEqual({ sent: 1, failed: 0 });
    expect(sent()[0]?.text).toMatch(/^⚠ \*\*Storingsdienst\*\*: niemand van dienst op ma 29 mrt 08:00 – /);
  });

  it('writes to a team in the language it was installed in', async () => {
    await fixture.channel.say(teamInstallation('add', { locale: 'en-US' }));
    await fixture.bot.notifyDue();
    expect(sent().map((message) => message.text)).toEqual([
      '⚠ **Storingsdienst**: nobody is on duty on Fri 26 Mar 08:00–12:00. Calls will go to MK (fallback).',
      '⚠ **Storingsdienst**: the event "XY overleg" (Sat 27 Mar 10:00–12:00) matches nobody: it holds no ' +
        'contact key. Please check its spelling in the calendar.',
    ]);
  });

  it('stops when the app is removed from the team', async () => {
    await fixture.channel.say(teamInstallation('remove'));
    expect(await fixture.bot.notifyDue()).toEqual({ sent: 0, failed: 0 });
  });
});

describe('duty notices', () => {
  it('tells the contact going on duty, once, when they are linked to a Teams user', async () => {
    // "neem over 2u PK" in the 1:1 chat makes this Teams user PK for notices.
    await fixture.channel.say(personalMessage('neem over 2u PK'));
    fixture.channel.drain();

    fixture.now = Date.parse('2027-03-25T15:40:00Z'); // 16:40, PK starts at 17:00
    expect(await fixture.bot.notifyDue()).toEqual({ sent: 0, failed: 0 });

    fixture.now = Date.parse('2027-03-25T15:50:00Z'); // 16:50
    expect(await fixture.bot.notifyDue()).toEqual({ sent: 1, failed: 0 });
    expect(sent()).toEqual([
      {
        to: `a:personal-${linkedUserOid}`,
        text: 'Je hebt dienst voor **Storingsdienst**: do 25 mrt 17:00 – vr 26 mrt 08:00.',
      },
    ]);

    fixture.now = Date.parse('2027-03-25T16:05:00Z');
    expect(await fixture.bot.notifyDue()).toEqual({ sent: 0, failed: 0 });

    // Friday 12:00 PK is on duty again (with JD) after a gap: a new duty, a new notice.
    fixture.now = Date.parse('2027-03-26T10:50:00Z');
    await fixture.bot.notifyDue();
    expect(sent().map((message) => message.text)).toEqual([
      'Je hebt dienst voor **Storingsdienst**: vr 26 mrt 12:00–18:00.',
    ]);
  });

  it('tells nobody about contacts not linked to a Teams user', async () => {
    await fixture.channel.say(personalMessage('wie'));
    fixture.channel.drain();
    fixture.now = Date.parse('2027-03-25T15:50:00Z');
    expect(await fixture.bot.notifyDue()).toEqual({ sent: 0, failed: 0 });
  });
});

describe('another bot process on the same store', () => {
  it('posts to the team the first one registered, and nothing the first one already sent', async () => {
    await fixture.channel.say(teamInstallation('add'));
    expect(await fixture.bot.notifyDue()).toEqual({ sent: 2, failed: 0 });
    fixture.channel.drain();

    const restarted = fixture.startAnotherBot();
    expect(await restarted.bot.notifyDue()).toEqual({ sent: 0, failed: 0 });
    expect(restarted.channel.drain()).toEqual([]);

    // Monday 08:00's gap comes within 48 hours: whichever process runs first tells it, once.
    fixture.now = Date.parse('2027-03-27T06:01:00Z');
    expect(await restarted.bot.notifyDue()).toEqual({ sent: 1, failed: 0 });
    expect(restarted.channel.drain().map((activity) => activity.conversation?.id)).toEqual([teamId]);
    expect(await fixture.bot.notifyDue()).toEqual({ sent: 0, failed: 0 });
    expect(sent()).toEqual([]);
  });

  it('tells a user of their duty although it never heard them', async () => {
    await fixture.channel.say(personalMessage('neem over 2u PK'));
    fixture.channel.drain();

    const jobs = fixture.startAnotherBot();
    fixture.now = Date.parse('2027-03-25T15:50:00Z'); // 16:50, PK starts at 17:00
    expect(await jobs.bot.notifyDue()).toEqual({ sent: 1, failed: 0 });
    expect(
      jobs.channel.drain().map((activity) => ({ to: activity.conversation?.id, text: textOf(activity) })),
    ).toEqual([
      {
        to: `a:personal-${linkedUserOid}`,
        text: 'Je hebt dienst voor **Storingsdienst**: do 25 mrt 17:00 – vr 26 mrt 08:00.',
      },
    ]);
    expect(await fixture.bot.notifyDue()).toEqual({ sent: 0, failed: 0 });
    expect(sent()).toEqual([]);
  });
});

describe('createDutyNotifier', () => {
  it('retries a notice whose delivery failed, and skips terminated tenants', async () => {
    await fixture.channel.say(teamInstallation('add'));
    fixture.channel.drain();
    const attempts: BotReply[] = [];
    let failing = true;
    const notifier = createDutyNotifier({
      store: fixture.store,
      clock: () => fixture.now,
      conversations: fixture.conversations,
      notices: createMemoryNoticeLog(),
      messenger: {
        send: async (_conversation, reply) => {
          attempts.push(reply);
          if (failing) throw new Error('connector unreachable');
        },
      },
    });
    expect(await notifier.notifyDue()).toEqual({ sent: 0, failed: 2 });
    failing = false;
    expect(await notifier.notifyDue()).toEqual({ sent: 2, failed: 0 });
    expect(await notifier.notifyDue()).toEqual({ sent: 0, failed: 0 });
    expect(attempts).toHaveLength(4);

    await fixture.store.forTenant(fixture.tenantId, { actor: 'system:test' }).privacy.terminate();
    const fresh = createDutyNotifier({
      store: fixture.store,
      clock: () => fixture.now,
      conversations: fixture.conversations,
      notices: createMemoryNoticeLog(),
      messenger: { send: async (_conversation, reply) => void attempts.push(reply) },
    });
    expect(await fresh.notifyDue()).toEqual({ sent: 0, failed: 0 });
  });
});
