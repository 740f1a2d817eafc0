import { formatPhoneNumber, type TargetGroup } from '@wygc/routing-core';
import type { CoverageView } from './coverage-view.ts';
import { formatClock, formatDateTime, formatDay, formatDuration, formatSpan } from './human-time.ts';
import { type LocalDay, localDays } from './local-days.ts';
import { groupDescription, groupName, targetName } from './target-label.ts';
import { formatTable } from './text-table.ts';
import { quotedSubject, unmatchedReason } from './unmatched-label.ts';

const hourMs = 3_600_000;

/** A stretch of the period: who rings, or nobody (a gap). */
interface Stretch {
  readonly start: number;
  readonly end: number;
  readonly groups: readonly TargetGroup[];
}

const gapMeaning = (view: CoverageView): string =>
  view.report.fallback ? `only the fallback ${targetName(view.report.fallback)} rings` : 'calls are refused';

const title = ({ report, zone, calendarName }: CoverageView): string =>
  `${calendarName ?? 'Calendar'}: on duty from ${formatDateTime(report.period.start, zone)} ` +
  `to ${formatDateTime(report.period.end, zone)} (${zone})`;

const settingsLines = (view: CoverageView): string[] => {
  const overlaps =
    view.overlapPolicy === 'layered'
      ? 'layered (the later-starting event rings first, then the one it overlaps)'
      : 'override (only the later-starting event rings)';
  const { fallback } = view.report;
  const fallbackText = fallback
    ? `${targetName(fallback)}, rings after the people on duty and alone in a gap`
    : 'none, so a call in a gap is refused';
  return [`Overlaps: ${overlaps}.`, `Fallback: ${fallbackText}.`];
};

const dayHeading = (day: LocalDay, zone: string): string => {
  const hours = Math.round((day.nextMidnight - day.midnight) / hourMs);
  const note =
    hours < 24 ? ' (23 hours: clocks go forward)' : hours > 24 ? ' (25 hours: clocks go back)' : '';
  return `${formatDay(day.midnight, zone)}${note}`;
};

const stretchRow = (stretch: Stretch, day: LocalDay, view: CoverageView): string[] => {
  const start = Math.max(stretch.start, day.start);
  const end = Math.min(stretch.end, day.end);
  const time = `${formatClock(start, view.zone)}–${end === day.nextMidnight ? '24:00' : formatClock(end, view.zone)}`;
  if (stretch.groups.length === 0) return [time, 'GAP', `nobody on duty, ${gapMeaning(view)}`];
  return [
    time,
    stretch.groups.map(groupName).join(' → '),
    stretch.groups.map((group) => groupDescription(group, view.contacts)).join(' → '),
  ];
};

/** The roster day by day; one column layout for all days, so the days line up. */
const rosterLines = (view: CoverageView): string[] => {
  const { report, zone } = view;
  const stretches: Stretch[] = [...report.slices, ...report.gaps.map((gap) => ({ ...gap, groups: [] }))].sort(
    (a, b) => a.start - b.start,
  );
  const days = localDays(report.period, zone);
  const perDay = days.map((day) =>
    stretches.filter((s) => s.start < day.end && s.end > day.start).map((s) => stretchRow(s, day, view)),
  );
  const formatted = formatTable(perDay.flat());
  let next = 0;
  return days.flatMap((day, i) => {
    const rows = formatted.slice(next, next + (perDay[i]?.length ?? 0));
    next += rows.length;
    return [dayHeading(day, zone), ...rows];
  });
};

const gapLines = (view: CoverageView): string[] => {
  const { gaps } = view.report;
  if (gaps.length === 0) return ['GAPS: none, someone is on duty all the time.'];
  const rows = gaps.map((gap) => [
    formatSpan(gap.start, gap.end, view.zone),
    formatDuration(gap.end - gap.start),
  ]);
  return [`GAPS: nobody on duty, ${gapMeaning(view)}`, ...formatTable(rows)];
};

const unmatchedLines = (view: CoverageView): string[] => {
  const { unmatched } = view.report;
  if (unmatched.length === 0) return ['UNMATCHED: none, every event names a contact.'];
  const rows = unmatched.map((event) => [
    formatSpan(event.start, event.end, view.zone),
    quotedSubject(event.subject),
    unmatchedReason(event, view.contacts),
  ]);
  return ['UNMATCHED: events that ring nobody', ...formatTable(rows)];
};

const contactLines = (view: CoverageView): string[] => {
  const { fallback } = view.report;
  const rows = view.contacts.contacts.map((contact) => [
    contact.key,
    contact.description ?? '',
    formatPhoneNumber(contact.phone),
    fallback?.key === contact.key ? 'fallback' : '',
  ]);
  if (fallback && fallback.key === undefined) {
    rows.push(['', 'fallback number', formatPhoneNumber(fallback.phone), 'fallback']);
  }
  return ['CONTACTS', ...formatTable(rows)];
};

/** `wygc preview --from --days`: the roster per day, then gaps, unmatched events and the contacts. */
export const coverageText = (view: CoverageView): string =>
  `${[
    title(view),
    ...settingsLines(view),
    '',
    ...rosterLines(view),
    '',
    ...gapLines(view),
    '',
    ...unmatchedLines(view),
    '',
    ...contactLines(view),
  ].join('\n')}\n`;
