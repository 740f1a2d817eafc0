import type { NoticeLog } from './notice-log.ts';

export const createMemoryNoticeLog = (): NoticeLog => {
  const keepUntil = new Map<string, number>();
  return {
    has: async (noticeId) => keepUntil.has(noticeId),
    remember: async (noticeId, until) => {
      keepUntil.set(noticeId, Math.max(until, keepUntil.get(noticeId) ?? until));
    },
    prune: async (now) => {
      for (const [noticeId, until] of keepUntil) if (until < now) keepUntil.delete(noticeId);
    },
  };
};
