/**
 * Which notices were already sent, so that each problem is told once per recipient. Entries are kept
 * until the problem is over. Per tenant, like everything the bot keeps: a durable log is deleted with
 * its tenant (createStoreNoticeLog); the in-process one (createMemoryNoticeLog) is for tests.
 */
export interface NoticeLog {
  has(tenantId: string, noticeId: string): Promise<boolean>;
  remember(tenantId: string, noticeId: string, keepUntil: number): Promise<void>;
  /** Drops the tenant's entries whose problem ended before `now`. */
  prune(tenantId: string, now: number): Promise<void>;
}
