import { createCoverageReport, type PublishedTable, type RoutingSlice } from '@wygc/routing-core';

interface NoticeBase {
  /** Stable while the problem stays the same, so it is told once; see findUpcomingNotices. */
  readonly id: string;
  readonly numberId: string;
  readonly start: number;
  readonly end: number;
  /** Until when the notice must be remembered as sent. */
  readonly keepUntil: number;
}

export type UpcomingNotice =
  | (NoticeBase & { readonly kind: 'gap' })
  | (NoticeBase & { readonly kind: 'unmatched'; readonly subject: string })
  | (NoticeBase & { readonly kind: 'on-duty'; readonly contactKey: string });

export interface UpcomingNoticeOptions {
  readonly now: number;
  /** Gaps and unmatched events that start (or are under way) within this time are reported. */
  readonly problemWindowMs: number;
  /** A contact is told this long before their duty starts... */
  readonly dutyLeadMs: number;
  /** ...or, when the notifier did not run then, up to this long after. */
  readonly dutyGraceMs: number;
}

const keysOf = (slice: RoutingSlice | undefined): Set<string> =>
  new Set((slice?.groups ?? []).flat().flatMap((target) => (target.key ? [target.key] : [])));

/**
 * What a number's table says people should hear about now: gaps and unmatched events starting within
 * the problem window, and contacts whose duty starts within the lead time. Ids: a gap is known by its
 * start (a gap already open at the table's horizon start by "open", since that start moves with every
 * recompile), an unmatched event by its instance id, a duty by contact and start.
 */
export const findUpcomingNotices = (
  published: PublishedTable,
  options: UpcomingNoticeOptions,
): UpcomingNotice[] => {
  const { table, numberId } = published;
  const { now } = options;
  const windowEnd = now + options.problemWindowMs;
  const notices: UpcomingNotice[] = [];

  const report = createCoverageReport(table, { period: table.horizon });
  for (const gap of report.gaps) {
    if (gap.end <= now || gap.start >= windowEnd) continue;
    const start = gap.start > table.horizon.start ? String(gap.start) : 'open';
    notices.push({ kind: 'gap', id: `gap:${numberId}:${start}`, numberId, ...gap, keepUntil: gap.end });
  }

  for (const event of published.unmatched) {
    const underway = event.end > event.start ? event.end > now : event.start >= now;
    if (!underway || event.start >= windowEnd) continue;
    notices.push({
      kind: 'unmatched',
      id: `unmatched:${numberId}:${event.id}`,
      numberId,
      start: event.start,
      end: event.end,
      keepUntil: Math.max(event.start, event.end),
      subject: event.subject,
    });
  }

  const { slices } = table;
  slices.forEach((slice, index) => {
    if (slice.start < now - options.dutyGraceMs || slice.start > now + options.dutyLeadMs) return;
    if (slice.start <= table.horizon.start) return;
    const before = slices[index - 1];
    const already = before && before.end === slice.start ? keysOf(before) : new Set<string>();
    for (const contactKey of keysOf(slice)) {
      if (already.has(contactKey)) continue;
      // The duty lasts as long as the following adjacent slices keep the contact on duty.
      let end = slice.end;
      for (let next = index + 1; next < slices.length; next++) {
        const following = slices[next] as RoutingSlice;
        if (following.start !== end || !keysOf(following).has(contactKey)) break;
        end = following.end;
      }
      notices.push({
        kind: 'on-duty',
        id: `on-duty:${numberId}:${contactKey}:${slice.start}`,
        numberId,
        contactKey,
        start: slice.start,
        end,
        keepUntil: Math.max(end, slice.start + options.dutyGraceMs),
      });
    }
  });
  return notices;
};
