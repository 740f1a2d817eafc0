import { createCoverageReport, formatPhoneNumber } from '@wygc/routing-core';
import {
  type AdaptiveCard,
  type AdaptiveCardElement,
  type ContainerItem,
  parseAdaptiveCard,
  type TextBlock,
} from './adaptive-card.ts';
import type { Language } from './bot-language.ts';
import { botTexts, escapeMarkdown } from './bot-texts.ts';
import { describePeople, describeTarget } from './describe-people.ts';
import { createDutyTimeFormat } from './duty-time-format.ts';
import type { NumberDuty, TenantDuty } from './read-tenant-duty.ts';

const dayMs = 24 * 3_600_000;
// Teams refuses cards over about 28 KB; a week of hourly shifts would pass it, the tab shows the rest.
const maxFactsPerNumber = 30;
const maxUnmatchedPerNumber = 5;

export interface RosterCardOptions {
  readonly duty: TenantDuty;
  readonly now: number;
  readonly language: Language;
  readonly days?: number;
}

const sectionFor = (
  duty: TenantDuty,
  entry: NumberDuty,
  period: { start: number; end: number },
  language: Language,
): AdaptiveCardElement => {
  const texts = botTexts[language];
  const heading: TextBlock = {
    type: 'TextBlock',
    text: `${escapeMarkdown(entry.number.name)} · ${formatPhoneNumber(entry.number.did)}`,
    weight: 'Bolder',
    wrap: true,
  };
  const published = entry.published;
  if (!published) {
    return {
      type: 'Container',
      separator: true,
      items: [heading, { type: 'TextBlock', text: texts.noRosterYet, isSubtle: true, wrap: true }],
    };
  }
  const report = createCoverageReport(published.table, { period, unmatched: published.unmatched });
  const format = createDutyTimeFormat(language, report.timeZone);
  const fallback = report.fallback ? describeTarget(report.fallback, duty.describe, texts) : undefined;
  const rows = [
    ...report.slices.map((slice) => ({
      start: slice.start,
      end: slice.end,
      value: describePeople(slice.groups, duty.describe, texts),
    })),
    ...report.gaps.map((gap) => ({ start: gap.start, end: gap.end, value: texts.rosterGap(fallback) })),
  ].sort((a, b) => a.start - b.start);
  const items: ContainerItem[] = [heading];
  const shown = rows.slice(0, maxFactsPerNumber);
  if (shown.length > 0) {
    items.push({
      type: 'FactSet',
      facts: shown.map((row) => ({ title: format.period(row.start, row.end), value: row.value })),
    });
  }
  if (rows.length > shown.length) {
    items.push({
      type: 'TextBlock',
      text: texts.rosterMore(rows.length - shown.length),
      isSubtle: true,
      wrap: true,
    });
  }
  for (const event of report.unmatched.slice(0, maxUnmatchedPerNumber)) {
    items.push({
      type: 'TextBlock',
      text: texts.rosterUnmatched(format.period(event.start, event.end), escapeMarkdown(event.subject)),
      color: 'Attention',
      wrap: true,
    });
  }
  if (report.clipped)
    items.push({ type: 'TextBlock', text: texts.rosterClipped, isSubtle: true, wrap: true });
  return { type: 'Container', separator: true, items };
};

/** "rooster" / "roster": the coverage of every number for the next days, as an Adaptive Card 1.5. */
export const buildRosterCard = (options: RosterCardOptions): AdaptiveCard => {
  const { duty, now, language } = options;
  const texts = botTexts[language];
  const period = { start: now, end: now + (options.days ?? 7) * dayMs };
  const format = createDutyTimeFormat(language, duty.timeZone);
  const body: AdaptiveCardElement[] = [
    {
      type: 'TextBlock',
      text: texts.rosterTitle(`${format.day(period.start)} – ${format.day(period.end)}`),
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
    },
  ];
  if (duty.numbers.length === 0) body.push({ type: 'TextBlock', text: texts.noNumbers, wrap: true });
  for (const entry of duty.numbers) body.push(sectionFor(duty, entry, period, language));
  return parseAdaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    body,
    actions: [{ type: 'Action.Submit', title: texts.whoButton, data: { wygc: 'who', language } }],
  });
};
