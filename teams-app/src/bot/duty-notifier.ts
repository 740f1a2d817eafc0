import type { RoutedNumber, Store } from '@wygc/routing-core';
import { type BotLogger, errorFields, silentBotLogger } from './bot-logger.ts';
import { type BotTexts, botTexts, escapeMarkdown } from './bot-texts.ts';
import type { ConversationRef } from './bot-turn.ts';
import type { ConversationRegistry } from './conversation-registry.ts';
import { createDutyTimeFormat } from './duty-time-format.ts';
import type { NoticeLog } from './notice-log.ts';
import type { ProactiveMessenger } from './proactive-messenger.ts';
import { findUpcomingNotices, type UpcomingNotice } from './upcoming-notices.ts';

export interface DutyNotifierDeps {
  readonly store: Store;
  readonly clock: () => number;
  readonly conversations: ConversationRegistry;
  readonly notices: NoticeLog;
  readonly messenger: ProactiveMessenger;
  readonly logger?: BotLogger;
  /** Gaps and unmatched events starting within this many hours are posted to the team. Default 48. */
  readonly problemWindowHours?: number;
  /** Contacts are told this many minutes before their duty starts. Default 15. */
  readonly dutyLeadMinutes?: number;
  /** A duty that started at most this many minutes ago is still told (the notifier may have paused). Default 60. */
  readonly dutyGraceMinutes?: number;
}

export interface NotifyReport {
  readonly sent: number;
  readonly failed: number;
}

export interface DutyNotifier {
  /** Run it every minute or so: sends what is due, each notice once per recipient. */
  notifyDue(): Promise<NotifyReport>;
}

const label = (number: RoutedNumber | undefined): string => escapeMarkdown(number?.name ?? '');

const textOf = (
  notice: UpcomingNotice,
  texts: BotTexts,
  number: string,
  period: string,
  fallback?: string,
) => {
  switch (notice.kind) {
    case 'gap':
      return texts.gapNotice(number, period, fallback);
    case 'unmatched':
      return texts.unmatchedNotice(number, period, escapeMarkdown(notice.subject));
    case 'on-duty':
      return texts.onDutyNotice(number, period);
  }
};

/**
 * The bot's proactive messages: to the installing team when a gap or an unmatched event starts within
 * the problem window, and to a contact (when linked to a Teams user) when their duty is about to start.
 */
export const createDutyNotifier = (deps: DutyNotifierDeps): DutyNotifier => {
  const logger = deps.logger ?? silentBotLogger;
  const problemWindowMs = (deps.problemWindowHours ?? 48) * 3_600_000;
  const dutyLeadMs = (deps.dutyLeadMinutes ?? 15) * 60_000;
  const dutyGraceMs = (deps.dutyGraceMinutes ?? 60) * 60_000;

  const notifyTenant = async (tenantId: string, now: number) => {
    let sent = 0;
    let failed = 0;
    const tenant = await deps.store.tenants.get(tenantId);
    if (tenant?.status !== 'active') return { sent, failed };
    await deps.notices.prune(tenantId, now);
    const scoped = deps.store.forTenant(tenantId, { actor: 'system:teams-bot' });
    const [tables, numbers, teams] = await Promise.all([
      scoped.tables.list(),
      scoped.numbers.list(),
      deps.conversations.teamsOf(tenantId),
    ]);
    const numberOf = new Map(numbers.map((number) => [number.id, number]));

    const deliver = async (noticeId: string, keepUntil: number, reference: ConversationRef, text: string) => {
      if (await deps.notices.has(tenantId, noticeId)) return;
      try {
        await deps.messenger.send(reference, { kind: 'text', text });
        await deps.notices.remember(tenantId, noticeId, keepUntil);
        sent++;
      } catch (error) {
        // Not remembered: the next run tries again.
        failed++;
        logger.warn({ ...errorFields(error), tenantId }, 'proactive message failed');
      }
    };

    for (const published of tables) {
      const { table } = published;
      for (const notice of findUpcomingNotices(published, {
        now,
        problemWindowMs,
        dutyLeadMs,
        dutyGraceMs,
      })) {
        const number = label(numberOf.get(notice.numberId));
        if (notice.kind === 'on-duty') {
          const user = await deps.conversations.userForContact(tenantId, notice.contactKey);
          if (!user) continue;
          const texts = botTexts[user.language];
          const period = createDutyTimeFormat(user.language, table.timeZone).period(notice.start, notice.end);
          await deliver(
            `${notice.id}@user:${user.userId}`,
            notice.keepUntil,
            user.reference,
            textOf(notice, texts, number, period),
          );
          continue;
        }
        for (const team of teams) {
          const texts = botTexts[team.language];
          const period = createDutyTimeFormat(team.language, table.timeZone).period(notice.start, notice.end);
          const fallback = table.fallback
            ? table.fallback.key
              ? escapeMarkdown(table.fallback.key)
              : texts.fallbackNumber
            : undefined;
          await deliver(
            `${notice.id}@team:${team.teamId}`,
            notice.keepUntil,
            team.reference,
            textOf(notice, texts, number, period, fallback),
          );
        }
      }
    }
    return { sent, failed };
  };

  return {
    notifyDue: async () => {
      const now = deps.clock();
      let sent = 0;
      let failed = 0;
      for (const tenantId of await deps.conversations.tenants()) {
        try {
          const report = await notifyTenant(tenantId, now);
          sent += report.sent;
          failed += report.failed;
        } catch (error) {
          failed++;
          logger.error({ ...errorFields(error), tenantId }, 'duty notices failed for a tenant');
        }
      }
      if (sent > 0 || failed > 0) logger.info({ sent, failed }, 'duty notices');
      return { sent, failed };
    },
  };
};
