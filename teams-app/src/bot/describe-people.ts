import type { RoutingTarget, TargetGroup } from '@wygc/routing-core';
import { type BotTexts, escapeMarkdown } from './bot-texts.ts';

/** "JD (Jan de Vries)", or "JD" without a description; a bare fallback phone stays unnamed. */
export const describeTarget = (
  target: RoutingTarget,
  describe: (key: string) => string | undefined,
  texts: BotTexts,
): string => {
  if (!target.key) return texts.fallbackNumber;
  const description = describe(target.key);
  return escapeMarkdown(description ? `${target.key} (${description})` : target.key);
};

/** Groups in ringing order: "JD + PK, then MK". */
export const describePeople = (
  groups: readonly TargetGroup[],
  describe: (key: string) => string | undefined,
  texts: BotTexts,
): string =>
  groups
    .map((group) => group.map((target) => describeTarget(target, describe, texts)).join(' + '))
    .join(texts.nextGroup);
