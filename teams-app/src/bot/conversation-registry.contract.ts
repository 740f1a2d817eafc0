import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationRegistry, TeamConversation, UserConversation } from './conversation-registry.ts';

export interface ConversationRegistryFixture {
  readonly registry: ConversationRegistry;
  /** Two tenants that exist wherever the adapter keeps its conversations. */
  readonly tenantIds: readonly [string, string];
  readonly cleanup?: () => Promise<void>;
}

const user = (tenantId: string, userId: string, language: 'nl' | 'en' = 'nl'): UserConversation => ({
  tenantId,
  userId,
  language,
  reference: {
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    conversation: { id: `a:personal-${userId}`, conversationType: 'personal' },
  },
});

const team = (tenantId: string, teamId: string, language: 'nl' | 'en' = 'en'): TeamConversation => ({
  tenantId,
  teamId,
  language,
  reference: { channelId: 'msteams', conversation: { id: teamId, conversationType: 'channel' } },
});

/** The behaviour of the ConversationRegistry port, run against every adapter. */
export const describeConversationRegistryContract = (
  name: string,
  setup: () => Promise<ConversationRegistryFixture>,
) => {
  describe(`ConversationRegistry contract: ${name}`, () => {
    let fixture: ConversationRegistryFixture;
    let registry: ConversationRegistry;
    let t1: string;
    let t2: string;

    beforeEach(async () => {
      fixture = await setup();
      registry = fixture.registry;
      [t1, t2] = fixture.tenantIds;
    });
    afterEach(async () => {
      await fixture.cleanup?.();
    });

    it('finds the user linked to a contact only within the tenant the user belongs to', async () => {
      await registry.saveUser(user(t1, 'u1'));
      await registry.linkContact({ tenantId: t1, contactKey: 'JD', userId: 'u1' });
      expect(await registry.userForContact(t1, 'JD')).toEqual(user(t1, 'u1'));
      expect(await registry.userForContact(t1, 'PK')).toBeUndefined();
      expect(await registry.userForContact(t2, 'JD')).toBeUndefined();
      await registry.linkContact({ tenantId: t2, contactKey: 'JD', userId: 'u1' });
      expect(await registry.userForContact(t2, 'JD')).toBeUndefined();
    });

    it('links a contact to the last user who acted as it, and a user to several contacts', async () => {
      await registry.saveUser(user(t1, 'u1'));
      await registry.saveUser(user(t1, 'u2'));
      await registry.linkContact({ tenantId: t1, contactKey: 'JD', userId: 'u1' });
      await registry.linkContact({ tenantId: t1, contactKey: 'PK', userId: 'u1' });
      await registry.linkContact({ tenantId: t1, contactKey: 'JD', userId: 'u2' });
      expect((await registry.userForContact(t1, 'JD'))?.userId).toBe('u2');
      expect((await registry.userForContact(t1, 'PK'))?.userId).toBe('u1');
    });

    it('links nobody without a chat of theirs in that tenant', async () => {
      await registry.linkContact({ tenantId: t1, contactKey: 'JD', userId: 'u1' });
      await registry.saveUser(user(t1, 'u1'));
      expect(await registry.userForContact(t1, 'JD')).toBeUndefined();
    });

    it('keeps links when a user is saved again, and drops them when the user moves to another tenant', async () => {
      await registry.saveUser(user(t1, 'u1'));
      await registry.linkContact({ tenantId: t1, contactKey: 'JD', userId: 'u1' });
      await registry.saveUser(user(t1, 'u1', 'en'));
      expect(await registry.userForContact(t1, 'JD')).toEqual(user(t1, 'u1', 'en'));

      await registry.saveUser(user(t2, 'u1'));
      expect(await registry.userForContact(t1, 'JD')).toBeUndefined();
      expect(await registry.userForContact(t2, 'JD')).toBeUndefined();
      await registry.saveUser(user(t1, 'u1'));
      expect(await registry.userForContact(t1, 'JD')).toBeUndefined();
    });

    it('forgets a user with their links, and a team', async () => {
      await registry.saveUser(user(t1, 'u1'));
      await registry.linkContact({ tenantId: t1, contactKey: 'JD', userId: 'u1' });
      await registry.saveTeam(team(t2, 'team'));
      expect(await registry.tenants()).toEqual([t1, t2].sort());
      await registry.forgetUser('u1');
      await registry.forgetUser('u1');
      await registry.saveUser(user(t1, 'u1'));
      expect(await registry.userForContact(t1, 'JD')).toBeUndefined();
      await registry.forgetTeam('team');
      expect(await registry.teamsOf(t2)).toEqual([]);
      expect(await registry.tenants()).toEqual([t1]);
    });

    it("lists a tenant's teams, the latest save of each, and a team in one tenant at a time", async () => {
      await registry.saveTeam(team(t1, 'team-a'));
      await registry.saveTeam(team(t1, 'team-b', 'nl'));
      await registry.saveTeam(team(t1, 'team-a', 'nl'));
      await registry.saveTeam(team(t2, 'team-c'));
      const sorted = (teams: TeamConversation[]) =>
        [...teams].sort((x, y) => x.teamId.localeCompare(y.teamId));
      expect(sorted(await registry.teamsOf(t1))).toEqual([
        team(t1, 'team-a', 'nl'),
        team(t1, 'team-b', 'nl'),
      ]);
      await registry.saveTeam(team(t2, 'team-b'));
      expect((await registry.teamsOf(t1)).map((found) => found.teamId)).toEqual(['team-a']);
      expect(sorted(await registry.teamsOf(t2))).toEqual([team(t2, 'team-b'), team(t2, 'team-c')]);
    });
  });
};
