import { createContactDirectory, type TenantStore } from '@wygc/routing-core';
import type { Language } from './bot-language.ts';
import { type BotLogger, errorFields } from './bot-logger.ts';
import { botTexts, escapeMarkdown } from './bot-texts.ts';
import type { ConversationRegistry } from './conversation-registry.ts';
import { createDutyTimeFormat } from './duty-time-format.ts';
import type { LinkedUser } from './identify-user.ts';
import type { Command } from './parse-command.ts';
import { pickNumber } from './pick-number.ts';
import type { TakeOver } from './take-over.ts';

export interface AnswerTakeOverInput {
  readonly command: Extract<Command, { kind: 'take-over' }>;
  readonly language: Language;
  readonly user: LinkedUser;
  readonly tenant: TenantStore;
  readonly takeOver: TakeOver;
  readonly conversations: ConversationRegistry;
  readonly logger: BotLogger;
}

/**
 * "neem over 2u JD [op <nummer>]" / "take over 2h as JD [on <number>]": checks the contact and the
 * number, lets the injected takeOver write the override, and from then on sends JD's duty notices
 * to this Teams user.
 */
export const answerTakeOver = async (input: AnswerTakeOverInput): Promise<string> => {
  const { command, language, user, tenant } = input;
  const texts = botTexts[language];
  const request = command.request;
  if (!request) return texts.takeOverUsage;

  const [settings, contacts, unsorted] = await Promise.all([
    tenant.tenant(),
    tenant.contacts.list(),
    tenant.numbers.list(),
  ]);
  const numbers = [...unsorted].sort((a, b) => a.name.localeCompare(b.name));
  const contact = createContactDirectory(contacts, {
    caseSensitive: settings.settings.caseSensitiveKeys,
  }).find(request.contactKey);
  if (!contact) return texts.unknownContact(escapeMarkdown(request.contactKey));

  const names = numbers.map((number) => escapeMarkdown(number.name)).join(', ');
  const choice = pickNumber(numbers, request.number);
  switch (choice.kind) {
    case 'none':
      return texts.noNumbers;
    case 'unknown':
      return texts.unknownNumber(escapeMarkdown(request.number ?? ''), names);
    case 'ambiguous': {
      const example = texts.takeOverExample(request.hours, contact.key, numbers[0]?.name ?? '');
      return texts.whichNumber(names, escapeMarkdown(example));
    }
    case 'found':
      break;
  }

  const number = choice.number;
  let end: number;
  try {
    ({ end } = await input.takeOver({
      tenantId: user.tenantId,
      numberId: number.id,
      contactKey: contact.key,
      hours: request.hours,
      actor: user.actor,
    }));
  } catch (error) {
    input.logger.warn(
      { ...errorFields(error), tenantId: user.tenantId, numberId: number.id },
      'take over failed',
    );
    return texts.takeOverFailed;
  }
  await input.conversations.linkContact({
    tenantId: user.tenantId,
    contactKey: contact.key,
    userId: user.userId,
  });
  const format = createDutyTimeFormat(language, settings.timeZone);
  return texts.tookOver(escapeMarkdown(contact.key), escapeMarkdown(number.name), format.instant(end));
};
