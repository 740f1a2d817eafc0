import { describe, expect, it } from 'vitest';
import { createMemoryConversationRegistry } from './memory-conversation-registry.ts';
import { createMemoryNoticeLog } from './memory-notice-log.ts';

const user = (tenantId: string, userId: string) => ({
  tenantId,
  userId,
  language: 'nl' as const,
  reference: { conversation: { id: `a:${userId}` } },
});

describe('createMemoryConversationRegistry', () => {
  it('finds the user linked to a contact only within the tenant the user belongs to', async () => {
    const registry = createMemoryConversationRegistry();
    await registry.saveUser(user('t1', 'u1'));
    await registry.linkContact({ tenantId: 't1', contactKey: 'JD', userId: 'u1' });
    expect(await registry.userForContact('t1', 'JD')).toEqual(user('t1', 'u1'));
    expect(await registry.userForContact('t2', 'JD')).toBeUndefined();
    await registry.linkContact({ tenantId: 't2', contactKey: 'JD', userId: 'u1' });
    expect(await registry.userForContact('t2', 'JD')).toBeUndefined();
  });

  it('forgets a user with their links, and a team', async () => {
    const registry = createMemoryConversationRegistry();
    await registry.saveUser(user('t1', 'u1'));
    await registry.linkContact({ tenantId: 't1', contactKey: 'JD', userId: 'u1' });
    await registry.saveTeam({ tenantId: 't2', teamId: 'team', language: 'en', reference: {} });
    expect(await registry.tenants()).toEqual(['t1', 't2']);
    await registry.forgetUser('u1');
    await registry.saveUser(user('t1', 'u1'));
    expect(await registry.userForContact('t1', 'JD')).toBeUndefined();
    await registry.forgetTeam('team');
    expect(await registry.teamsOf('t2')).toEqual([]);
    expect(await registry.tenants()).toEqual(['t1']);
  });
});

describe('createMemoryNoticeLog', () => {
  it('remembers notices until their problem is over', async () => {
    const log = createMemoryNoticeLog();
    await log.remember('a', 100);
    await log.remember('b', 300);
    await log.prune(200);
    expect([await log.has('a'), await log.has('b')]).toEqual([false, true]);
  });
});
