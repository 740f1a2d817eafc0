// Test support: a real Store (memory driver, real encryption) with one tenant, its contacts, a number
// fed by a calendar, compiled tables, a Teams user linked by Entra identity, and the bot on TestAdapter
// with its conversations and sent notices in that store, as in production.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recompileTenantTables } from '@wygc/calendar-sync';
import type { CalendarEvent, Store } from '@wygc/routing-core';
import { createDataKeys, createLocalKeyFileKeyring, createMemoryDriver, createStore } from '@wygc/store';
import type { ConversationRegistry } from '../conversation-registry.ts';
import { createDutyBot, type DutyBot, type DutyBotDeps } from '../duty-bot.ts';
import { createStoreConversationRegistry } from '../store-conversation-registry.ts';
import { createStoreNoticeLog } from '../store-notice-log.ts';
import type { TakeOverRequest } from '../take-over.ts';
import { createTeamsTestChannel, type TeamsTestChannel, type TestActivity } from './teams-test-adapter.ts';

export const entraTenantId = '7a1c0e55-3f1b-4c6e-9d2a-5b8f0c1d2e3f';
export const linkedUserOid = '4b2d9f10-8c3e-4a5b-b6c7-d8e9f0a1b2c3';
export const strangerOid = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
export const teamId = '19:duty-team@thread.tacv2';

/** Thursday 25 March 2027, 13:00 in Amsterdam (CET; summer time starts on Sunday the 28th). */
export const thursdayOnePm = Date.parse('2027-03-25T12:00:00Z');

const timed = (uid: string, subject: string, start: string, end: string): CalendarEvent => ({
  uid,
  subject,
  status: 'confirmed',
  start: { dateTime: start, timeZone: 'Europe/Amsterdam' },
  end: { dateTime: end, timeZone: 'Europe/Amsterdam' },
});

/**
 * JD Thu 08–17, PK Thu 17 – Fri 08, nobody Fri 08–12, "Storing JD+PK" Fri 12–18, MK Fri 18 – Mon 08,
 * and "XY overleg" Sat 10–12 which matches nobody. MK is also the number's fallback.
 */
export const rosterEvents: readonly CalendarEvent[] = [
  timed('jd-thu', 'JD', '2027-03-25T08:00:00', '2027-03-25T17:00:00'),
  timed('pk-night', 'PK', '2027-03-25T17:00:00', '2027-03-26T08:00:00'),
  timed('storing-fri', 'Storing JD+PK', '2027-03-26T12:00:00', '2027-03-26T18:00:00'),
  timed('mk-weekend', 'MK', '2027-03-26T18:00:00', '2027-03-29T08:00:00'),
  timed('typo-sat', 'XY overleg', '2027-03-27T10:00:00', '2027-03-27T12:00:00'),
];

export interface DutyBotFixture {
  readonly store: Store;
  readonly tenantId: string;
  readonly numberId: string;
  readonly adminId: string;
  readonly bot: DutyBot;
  readonly conversations: ConversationRegistry;
  readonly channel: TeamsTestChannel;
  /**
   * Another bot process on the same store (a restarted server, the jobs function beside the bot
   * function): its own registry, notice log and channel; nothing shared with `bot` but the store.
   */
  startAnotherBot(): { bot: DutyBot; channel: TeamsTestChannel };
  /** What the bot asked the injected takeOver to do. */
  readonly takeOvers: TakeOverRequest[];
  /** The clock the bot and the store see; tests move it. */
  now: number;
  /** Makes the injected takeOver fail from now on. */
  failTakeOver(): void;
  close(): Promise<void>;
}

export const createDutyBotFixture = async (
  overrides: Partial<Pick<DutyBotDeps, 'problemWindowHours' | 'dutyLeadMinutes'>> = {},
): Promise<DutyBotFixture> => {
  const dir = await mkdtemp(join(tmpdir(), 'wygc-teams-bot-'));
  const state = { now: thursdayOnePm, failing: false };
  const clock = () => state.now;
  const store = createStore({
    driver: createMemoryDriver(),
    dataKeys: createDataKeys({ keyring: createLocalKeyFileKeyring({ path: join(dir, 'keys.json') }) }),
    lookupKey: new Uint8Array(32).fill(7),
    clock,
  });
  const context = { actor: 'system:test' };
  const tenant = await store.tenants.create({ name: 'Storingsdienst BV' }, context);
  const scoped = store.forTenant(tenant.id, context);
  await scoped.contacts.create({ key: 'JD', phone: '06 12345678', description: 'Jan de Vries' });
  await scoped.contacts.create({ key: 'PK', phone: '06 23456789', description: 'Petra Kok' });
  await scoped.contacts.create({ key: 'MK', phone: '06 34567890' });
  const source = await scoped.sources.create({
    provider: 'ics',
    externalId: 'https://calendar.example.nl/storingsdienst.ics',
    name: 'Storingsdienst',
    timeZone: 'Europe/Amsterdam',
  });
  const number = await scoped.numbers.create({
    did: '050 123 4567',
    name: 'Storingsdienst',
    sourceIds: [source.id],
    fallback: 'MK',
  });
  await scoped.commitSync({
    sourceId: source.id,
    changes: { upserts: rosterEvents.map((event) => ({ externalId: event.uid, event })), deletes: [] },
  });
  await recompileTenantTables({ store, tenantId: tenant.id, now: state.now });
  const admin = await scoped.admins.create({
    email: 'jan@storingsdienst.example',
    role: 'member',
    identities: { entra: { tid: entraTenantId, oid: linkedUserOid } },
  });

  const takeOvers: TakeOverRequest[] = [];
  const startBot = () => {
    const channel = createTeamsTestChannel();
    const conversations = createStoreConversationRegistry({ store });
    const bot = createDutyBot({
      store,
      clock,
      conversations,
      notices: createStoreNoticeLog({ store }),
      messenger: channel.messenger,
      takeOver: async (request) => {
        if (state.failing) throw Object.assign(new Error('store unavailable'), { code: 'UNAVAILABLE' });
        takeOvers.push(request);
        return { end: state.now + request.hours * 3_600_000 };
      },
      ...overrides,
    });
    channel.attach(bot);
    return { bot, channel, conversations };
  };
  const { bot, channel, conversations } = startBot();

  return Object.assign(state, {
    store,
    tenantId: tenant.id,
    numberId: number.id,
    adminId: admin.id,
    bot,
    conversations,
    channel,
    startAnotherBot: () => {
      const { bot: another, channel: its } = startBot();
      return { bot: another, channel: its };
    },
    takeOvers,
    failTakeOver: () => {
      state.failing = true;
    },
    close: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  });
};

/** A message in the user's 1:1 chat with the bot. */
export const personalMessage = (
  text: string,
  options: { locale?: string; oid?: string; value?: unknown } = {},
): TestActivity => ({
  type: 'message',
  text,
  ...(options.value !== undefined ? { value: options.value } : {}),
  locale: options.locale ?? 'nl-NL',
  from: { id: `29:${options.oid ?? linkedUserOid}`, name: 'Jan', aadObjectId: options.oid ?? linkedUserOid },
  conversation: {
    id: `a:personal-${options.oid ?? linkedUserOid}`,
    conversationType: 'personal',
    tenantId: entraTenantId,
    isGroup: false,
    name: '',
  },
  channelData: { tenant: { id: entraTenantId } },
});

/** A message in the team's General channel, mentioning the bot, as a reply in a thread. */
export const channelMessage = (text: string, options: { locale?: string } = {}): TestActivity => ({
  type: 'message',
  text: `<at>WhoYouGonnaCall</at> ${text}`,
  locale: options.locale ?? 'en-US',
  from: { id: `29:${linkedUserOid}`, name: 'Jan', aadObjectId: linkedUserOid },
  conversation: {
    id: `${teamId};messageid=1711364400000`,
    conversationType: 'channel',
    tenantId: entraTenantId,
    isGroup: true,
    name: '',
  },
  channelData: { tenant: { id: entraTenantId }, team: { id: teamId }, channel: { id: teamId } },
});

/** The installationUpdate Teams sends when the app is added to (or removed from) the team. */
export const teamInstallation = (
  action: 'add' | 'remove',
  options: { locale?: string; oid?: string } = {},
): TestActivity => ({
  type: 'installationUpdate',
  action,
  locale: options.locale ?? 'nl-NL',
  from: { id: `29:${options.oid ?? linkedUserOid}`, name: 'Jan', aadObjectId: options.oid ?? linkedUserOid },
  conversation: { id: teamId, conversationType: 'channel', tenantId: entraTenantId, isGroup: true, name: '' },
  channelData: { tenant: { id: entraTenantId }, team: { id: teamId } },
});

/** The text of a sent activity, or the card it carries. */
export const textOf = (activity: TestActivity | undefined): string => activity?.text ?? '';
export const cardOf = (activity: TestActivity | undefined): unknown => activity?.attachments?.[0]?.content;
