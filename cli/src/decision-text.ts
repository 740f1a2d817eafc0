import { defaultHorizonDays, formatPhoneNumber } from '@wygc/routing-core';
import type { DecisionView } from './decision-view.ts';
import { formatDateTime, formatLater, formatSpan } from './human-time.ts';
import { groupName, targetDescription, targetName } from './target-label.ts';
import { formatTable } from './text-table.ts';
import { quotedSubject, unmatchedReason } from './unmatched-label.ts';

const ringOrder = (view: DecisionView): string => {
  const names = view.onDuty.map((group) =>
    group.length > 1 ? `${groupName(group)} together` : groupName(group),
  );
  if (view.fallbackAttempt && view.fallback) names.push(`fallback ${targetName(view.fallback)}`);
  return names.join(', then ');
};

const verdict = (view: DecisionView): string => {
  switch (view.decision.reason) {
    case 'duty':
      return `ring ${ringOrder(view)}`;
    case 'fallback':
      return `nobody is on duty; ring ${ringOrder(view)}`;
    case 'none':
      return 'nobody is on duty and there is no fallback: the call is refused';
  }
};

const headline = (view: DecisionView): string => {
  const until =
    view.until === undefined
      ? `no change within ${defaultHorizonDays.after} days`
      : `until ${formatLater(view.at, view.until, view.zone)}`;
  return `${formatDateTime(view.at, view.zone)} (${view.zone}): ${verdict(view)} (${until})`;
};

const attemptRows = (view: DecisionView): string[][] =>
  view.decision.attempts.flatMap((attempt, index) => {
    const isFallback = view.fallbackAttempt && index === view.decision.attempts.length - 1;
    return attempt.targets.map((target, position) => [
      position === 0 ? `${index + 1}` : '',
      target.key ?? '',
      targetDescription(target, view.contacts),
      formatPhoneNumber(target.phone),
      isFallback ? 'fallback' : '',
    ]);
  });

/** `wygc preview --at`: one headline, who rings in what order, and which events say so. */
export const decisionText = (view: DecisionView): string => {
  const lines = [headline(view)];
  if (view.decision.attempts.length > 0) {
    lines.push(...formatTable(attemptRows(view)));
    lines.push(`  Each attempt rings ${view.ringSeconds} seconds.`);
  }
  if (view.events.length > 0) {
    lines.push('On duty (highest priority first):');
    const rows = view.events.map((event, index) => [
      event.subject,
      formatSpan(event.start, event.end, view.zone),
      view.overlapPolicy === 'override' && index > 0 ? 'overridden' : '',
    ]);
    lines.push(...formatTable(rows));
  }
  for (const event of view.unmatched) {
    const span = formatSpan(event.start, event.end, view.zone);
    lines.push(
      `Rings nobody: ${quotedSubject(event.subject)} (${span}): ${unmatchedReason(event, view.contacts)}`,
    );
  }
  return `${lines.join('\n')}\n`;
};
