import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NoticeLog } from './notice-log.ts';

export interface NoticeLogFixture {
  readonly log: NoticeLog;
  /** Two tenants that exist wherever the adapter keeps its notices. */
  readonly tenantIds: readonly [string, string];
  readonly cleanup?: () => Promise<void>;
}

/** The behaviour of the NoticeLog port, run against every adapter. */
export const describeNoticeLogContract = (name: string, setup: () => Promise<NoticeLogFixture>) => {
  describe(`NoticeLog contract: ${name}`, () => {
    let fixture: NoticeLogFixture;
    let log: NoticeLog;
    let t1: string;
    let t2: string;

    beforeEach(async () => {
      fixture = await setup();
      log = fixture.log;
      [t1, t2] = fixture.tenantIds;
    });
    afterEach(async () => {
      await fixture.cleanup?.();
    });

    it('remembers notices until their problem is over', async () => {
      await log.remember(t1, 'gap:n1:100@team:19:team', 100);
      await log.remember(t1, 'b', 300);
      expect(await log.has(t1, 'gap:n1:100@team:19:team')).toBe(true);
      expect(await log.has(t1, 'c')).toBe(false);
      await log.prune(t1, 100);
      expect(await log.has(t1, 'gap:n1:100@team:19:team')).toBe(true);
      await log.prune(t1, 200);
      expect([await log.has(t1, 'gap:n1:100@team:19:team'), await log.has(t1, 'b')]).toEqual([false, true]);
    });

    it('keeps a notice as long as the longest it was remembered for', async () => {
      await log.remember(t1, 'a', 300);
      await log.remember(t1, 'a', 100);
      await log.prune(t1, 200);
      expect(await log.has(t1, 'a')).toBe(true);
    });

    it("keeps each tenant's notices apart", async () => {
      await log.remember(t1, 'a', 100);
      await log.remember(t2, 'b', 100);
      expect([await log.has(t1, 'b'), await log.has(t2, 'a')]).toEqual([false, false]);
      await log.prune(t1, 200);
      expect([await log.has(t1, 'a'), await log.has(t2, 'b')]).toEqual([false, true]);
    });
  });
};
