import type { NoticeLog } from './notice-log.ts';

/** The notice log in process memory: the reference adapter of the NoticeLog contract. */
export const createMemoryNoticeLog = (): NoticeLog => {
  /** tenant id -> notice id -> keep until */
  const tenants = new Map<string, Map<string, number>>();
  const of = (tenantId: string) => {
    let kept = tenants.get(tenantId);
    if (!kept) {
      kept = new Map();
      tenants.set(tenantId, kept);
    }
    return kept;
  };
  return {
    has: async (tenantId, noticeId) => tenants.get(tenantId)?.has(noticeId) ?? false,
    remember: async (tenantId, noticeId, until) => {
      const kept = of(tenantId);
      kept.set(noticeId, Math.max(until, kept.get(noticeId) ?? until));
    },
    prune: async (tenantId, now) => {
      const kept = tenants.get(tenantId);
      for (const [noticeId, until] of kept ?? []) if (until < now) kept?.delete(noticeId);
    },
  };
};
