import type { Store } from '@wygc/routing-core';
import type { NoticeLog } from './notice-log.ts';

export interface StoreNoticeLogDeps {
  readonly store: Store;
}

/**
 * The notice log in the store, shared by every bot instance and kept across restarts, so a notice is
 * sent once however many instances run the notifier and however often they restart. Each sent notice
 * is one audit entry of the tenant (the store audits `remember`).
 */
export const createStoreNoticeLog = ({ store }: StoreNoticeLogDeps): NoticeLog => {
  const notices = (tenantId: string) => store.forTenant(tenantId, { actor: 'system:teams-bot' }).botNotices;
  return {
    has: (tenantId, noticeId) => notices(tenantId).has(noticeId),
    remember: (tenantId, noticeId, keepUntil) => notices(tenantId).remember(noticeId, keepUntil),
    prune: async (tenantId, now) => {
      await notices(tenantId).prune(now);
    },
  };
};
