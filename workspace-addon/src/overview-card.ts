import type { Period, RoutingTarget, UnmatchedEvent } from '@wygc/routing-core';
import type { CalendarOverview, NumberOverview } from './calendar-overview.ts';
import type { RosterCardContext } from './card-context.ts';
import type { Card, Section, Widget } from './card-schema.ts';
import { actionButton, buttonRow, decorated, linkButton, paragraph } from './card-widgets.ts';
import { escapeHtml } from './escape-html.ts';
import { formatDid } from './format-did.ts';
import { isContactKey } from './is-contact-key.ts';
import { ringSequence, splitAttempts } from './ring-sequence.ts';

export interface OverviewCardInput {
  readonly overview: CalendarOverview;
  readonly days: number;
  readonly canEdit: boolean;
}

/** Long rosters stay readable on the side panel; the web admin has the full report. */
const maxSlices = 8;
const maxProblems = 8;

const bold = (text: string): string => `<b>${escapeHtml(text)}</b>`;

const nowWidget = (entry: NumberOverview, ctx: RosterCardContext): Widget => {
  const { messages, label, time } = ctx;
  const decision = entry.now;
  if (!decision || !entry.coverage) return paragraph(escapeHtml(messages.notSyncedYet));
  const fallback = entry.coverage.fallback;
  const text =
    decision.reason === 'none'
      ? escapeHtml(messages.nobodyNow)
      : decision.reason === 'fallback' && fallback
        ? messages.onlyFallbackNow(bold(label(fallback)))
        : ringSequence({ ...splitAttempts(decision.attempts, fallback), label, messages });
  const until =
    decision.withinHorizon && Number.isFinite(decision.until)
      ? { bottomLabel: messages.until(time.instant(decision.until)) }
      : {};
  return decorated({ icon: 'PHONE', topLabel: messages.ringsNowLabel, text, ...until });
};

const scheduleWidgets = (entry: NumberOverview, ctx: RosterCardContext, days: number): Widget[] => {
  const { messages, label, time } = ctx;
  const slices = entry.coverage?.slices ?? [];
  const widgets: Widget[] = [paragraph(`<b>${escapeHtml(messages.nextDaysLabel(days))}</b>`)];
  if (slices.length === 0) widgets.push(paragraph(escapeHtml(messages.nobodyScheduled)));
  for (const slice of slices.slice(0, maxSlices)) {
    widgets.push(
      decorated({
        icon: 'CLOCK',
        topLabel: time.period(slice.start, slice.end),
        text: ringSequence({ groups: slice.groups, fallback: null, label, messages }),
      }),
    );
  }
  if (slices.length > maxSlices)
    widgets.push(paragraph(escapeHtml(messages.moreSlices(slices.length - maxSlices))));
  return widgets;
};

/** A recurring event repeats its unmatched subject in every instance: it is one problem, shown once. */
const firstPerSeries = (events: readonly UnmatchedEvent[]): UnmatchedEvent[] => {
  const seen = new Set<string>();
  return events.filter((event) => {
    if (seen.has(event.uid)) return false;
    seen.add(event.uid);
    return true;
  });
};

const gapWidget = (gap: Period, fallback: RoutingTarget | null, ctx: RosterCardContext): Widget =>
  decorated({
    topLabel: `${ctx.messages.gapLabel} · ${ctx.time.period(gap.start, gap.end)}`,
    text: fallback
      ? ctx.messages.gapFallback(bold(ctx.label(fallback)))
      : escapeHtml(ctx.messages.gapRefused),
  });

const unmatchedWidget = (event: UnmatchedEvent, input: OverviewCardInput, ctx: RosterCardContext): Widget => {
  const { messages, time } = ctx;
  const addable = input.canEdit ? event.unmatchedTokens.find(isContactKey) : undefined;
  return decorated({
    topLabel: `${messages.unmatchedLabel} · ${time.period(event.start, event.end)}`,
    text: event.subject.trim() ? escapeHtml(event.subject) : escapeHtml(messages.untitledEvent),
    bottomLabel: messages.unknownTokens(event.unmatchedTokens),
    ...(addable === undefined
      ? {}
      : {
          button: actionButton(messages.addContactButton(addable), ctx.endpoint('contactForm'), {
            calendarId: input.overview.source.externalId,
            key: addable,
          }),
        }),
  });
};

const problemsSection = (
  entry: NumberOverview,
  input: OverviewCardInput,
  ctx: RosterCardContext,
): Section[] => {
  const coverage = entry.coverage;
  if (!coverage) return [];
  const problems: Widget[] = [
    ...coverage.gaps.map((gap) => gapWidget(gap, coverage.fallback, ctx)),
    ...firstPerSeries(coverage.unmatched).map((event) => unmatchedWidget(event, input, ctx)),
  ];
  const widgets =
    problems.length === 0 ? [paragraph(escapeHtml(ctx.messages.noProblems))] : problems.slice(0, maxProblems);
  if (problems.length > maxProblems)
    widgets.push(paragraph(escapeHtml(ctx.messages.moreProblems(problems.length - maxProblems))));
  return [{ header: escapeHtml(ctx.messages.problemsHeader(problems.length)), widgets }];
};

const numberSections = (
  entry: NumberOverview,
  input: OverviewCardInput,
  ctx: RosterCardContext,
): Section[] => [
  {
    header: escapeHtml(ctx.messages.numberHeader(entry.number.name, formatDid(entry.number.did))),
    widgets: [
      nowWidget(entry, ctx),
      ...(entry.coverage ? scheduleWidgets(entry, ctx, input.days) : []),
      buttonRow(linkButton(ctx.messages.rosterButton, ctx.links.roster(entry.number.id))),
    ],
  },
  ...problemsSection(entry, input, ctx),
];

/**
 * The calendar in view: for each number it feeds, who rings now, the coverage of the coming days and the
 * open problems (gaps, events that match no contact), with links to the roster in the web admin.
 */
export const buildOverviewCard = (input: OverviewCardInput, ctx: RosterCardContext): Card => {
  const { overview } = input;
  const { messages } = ctx;
  const calendarId = overview.source.externalId;
  const sections: Section[] =
    overview.numbers.length === 0
      ? [
          {
            widgets: [
              paragraph(escapeHtml(messages.noNumbers)),
              buttonRow(linkButton(messages.webAdminButton, ctx.links.home)),
            ],
          },
        ]
      : overview.numbers.flatMap((entry) => numberSections(entry, input, ctx));
  sections.push({
    widgets: [
      buttonRow(
        actionButton(messages.contactsButton, ctx.endpoint('contacts'), { calendarId }),
        linkButton(messages.webAdminButton, ctx.links.home),
      ),
    ],
  });
  return {
    name: 'overview',
    header: { title: overview.source.name, subtitle: messages.appName },
    sections,
  };
};
