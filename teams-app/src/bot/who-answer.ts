import { formatPhoneNumber } from '@wygc/routing-core';
import type { Language } from './bot-language.ts';
import { botTexts, escapeMarkdown } from './bot-texts.ts';
import { describePeople, describeTarget } from './describe-people.ts';
import { createDutyTimeFormat } from './duty-time-format.ts';
import type { NumberDuty, TenantDuty } from './read-tenant-duty.ts';

const answerFor = (duty: TenantDuty, entry: NumberDuty, now: number, language: Language): string => {
  const texts = botTexts[language];
  const label = `**${escapeMarkdown(entry.number.name)}** (${formatPhoneNumber(entry.number.did)})`;
  const published = entry.published;
  if (!published) return `${label}: ${texts.noRosterYet}`;
  const { table } = published;
  const format = createDutyTimeFormat(language, table.timeZone);
  const slice = table.slices.find((candidate) => candidate.start <= now && now < candidate.end);
  if (slice) {
    return `${label}: ${texts.onDutyUntil(describePeople(slice.groups, duty.describe, texts), format.instant(slice.end))}`;
  }
  // Nobody on duty: the gap lasts until the next slice, or the end of what the table knows.
  const next = table.slices.find((candidate) => candidate.start > now);
  const until = next ? next.start : table.horizon.end;
  const fallback = table.fallback ? describeTarget(table.fallback, duty.describe, texts) : undefined;
  return `${label}: ${texts.nobodyUntil(format.instant(until), fallback)}`;
};

/** "wie" / "who": per number, who rings now and until when. */
export const buildWhoAnswer = (duty: TenantDuty, now: number, language: Language): string => {
  const texts = botTexts[language];
  if (duty.numbers.length === 0) return texts.noNumbers;
  return [
    texts.onDutyNowTitle,
    ...duty.numbers.map((entry) => `- ${answerFor(duty, entry, now, language)}`),
  ].join('\n');
};
