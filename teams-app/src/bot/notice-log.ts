/**
 * Which notices were already sent, so that each problem is told once per recipient. Entries are kept
 * until the problem is over; the default is in memory (createMemoryNoticeLog).
 */
export interface NoticeLog {
  has(noticeId: string): Promise<boolean>;
  remember(noticeId: string, keepUntil: number): Promise<void>;
  /** Drops entries whose problem ended before `now`. */
  prune(now: number): Promise<void>;
}
