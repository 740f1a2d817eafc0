import type { Attempt, RoutingTarget } from '@wygc/routing-core';
import { escapeHtml } from './escape-html.ts';
import type { Messages } from './messages.ts';
import type { TargetLabeler } from './target-label.ts';

const bold = (label: string): string => `<b>${escapeHtml(label)}</b>`;

/** "<b>Jan de Vries (JD)</b>, then <b>PK</b> and <b>ÉB</b> together, then the fallback <b>Marie (MK)</b>". */
export const ringSequence = (input: {
  readonly groups: readonly (readonly RoutingTarget[])[];
  readonly fallback: RoutingTarget | null;
  readonly label: TargetLabeler;
  readonly messages: Messages;
}): string => {
  const { messages, label } = input;
  const parts = input.groups.map((group) => messages.together(group.map((target) => bold(label(target)))));
  if (input.fallback) parts.push(messages.fallbackPart(bold(label(input.fallback))));
  return parts.join(messages.thenSeparator);
};

/**
 * Splits a decision's attempts back into the people on duty and the fallback appended after them, so a
 * card can name the fallback as such.
 */
export const splitAttempts = (
  attempts: readonly Attempt[],
  fallback: RoutingTarget | null,
): { groups: (readonly RoutingTarget[])[]; fallback: RoutingTarget | null } => {
  const groups = attempts.map((attempt) => attempt.targets);
  const last = groups[groups.length - 1];
  const appended =
    fallback !== null &&
    last?.length === 1 &&
    last[0]?.phone === fallback.phone &&
    !groups.slice(0, -1).some((group) => group.some((target) => target.phone === fallback.phone));
  return appended ? { groups: groups.slice(0, -1), fallback } : { groups, fallback: null };
};
