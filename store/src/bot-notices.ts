import type { TenantStore } from '@wygc/routing-core';
import { z } from 'zod';
import { parseInput } from './invalid-input.ts';
import { fieldOf } from './row-rules.ts';
import type { TenantAccess } from './tenant-access.ts';

const noticeIdSchema = z.string().min(1).max(1_024);
const keepUntilSchema = z.number();

/**
 * The Teams bot's log of sent notices for one tenant. A notice id names its recipient (a Teams user or
 * team), so the row id is the tenant's blind index of it and the notice id itself is not kept: asking
 * "was this sent?" needs nothing more.
 */
export const createBotNotices = (access: TenantAccess): TenantStore['botNotices'] => {
  const { driver, tenantId } = access;
  const collection = 'botNotices';
  const rowId = async (noticeId: string) =>
    (await access.cipher()).blindIndex('bot-notice', parseInput(noticeIdSchema, noticeId, 'bot notice id'));

  return {
    async has(noticeId) {
      await access.activeTenant();
      return (await driver.get(collection, tenantId, await rowId(noticeId))) !== undefined;
    },
    async remember(noticeId, keepUntil) {
      await access.activeTenant();
      const until = parseInput(keepUntilSchema, keepUntil, 'bot notice keepUntil');
      const id = await rowId(noticeId);
      const existing = await driver.get(collection, tenantId, id);
      const kept = existing && fieldOf(existing, 'keepUntil');
      if (typeof kept === 'number' && kept >= until) return;
      const row = await access.seal(collection, id, { keepUntil: until }, { keepUntil: until });
      // Remembered right after the message went out: this entry is the audit trail of proactive messages.
      await access.commitAudited([{ op: 'put', collection, row }], {
        action: 'bot-notice.send',
        target: { category: 'bot-notice', id },
      });
    },
    async prune(now) {
      await access.activeTenant();
      const expired = await driver.list(collection, tenantId, { range: { field: 'keepUntil', to: now } });
      // The notifier prunes every minute: only a prune that removes something is worth an audit entry.
      if (expired.length === 0) return 0;
      await access.commitAudited(
        [{ op: 'deleteWhere', collection, tenantId, before: { field: 'keepUntil', value: now } }],
        { action: 'bot-notice.purge', target: { category: 'bot-notice' } },
      );
      return expired.length;
    },
  };
};
