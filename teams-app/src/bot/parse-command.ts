import { z } from 'zod';
import { type Language, languages } from './bot-language.ts';
import { takeOverHours } from './take-over.ts';

/**
 * What the user asked for. `language` is set when the words themselves are Dutch or English ("wie",
 * "who"); otherwise ("help", a card button without one) the reply follows the client's locale.
 */
export type Command =
  | { readonly kind: 'who'; readonly language?: Language }
  | { readonly kind: 'roster'; readonly language?: Language }
  | { readonly kind: 'help'; readonly language?: Language }
  | {
      readonly kind: 'take-over';
      readonly language: Language;
      /** Absent when the command lacks a duration or a contact key, or the hours are out of range. */
      readonly request?: { readonly hours: number; readonly contactKey: string; readonly number?: string };
    }
  | { readonly kind: 'unknown' };

/** The data of the bot's card buttons (Action.Submit), as Teams sends it back in `value`. */
export const cardActionSchema = z
  .object({
    wygc: z.enum(['who', 'roster', 'help']),
    language: z.enum(languages).optional(),
  })
  .strip();

export type CardAction = z.infer<typeof cardActionSchema>;

const hourUnits = 'u|uur|uren|h|hr|hrs|hour|hours';
// "2u JD", "2 uur als JD op Storingsdienst", "2h as JD", "2 hours as JD on 050 1234567".
const takeOverArguments = new RegExp(
  `^(\\d{1,3})\\s*(?:${hourUnits})?(?:\\s+(?:(?:als|as)\\s+)?([\\p{L}\\p{N}]{1,16})(?:\\s+(?:op|on|voor|for)\\s+(.{1,120}))?)?$`,
  'iu',
);

const parseTakeOver = (language: Language, rest: string): Command => {
  const match = takeOverArguments.exec(rest.trim());
  const hours = Number(match?.[1]);
  const contactKey = match?.[2];
  if (!match || !contactKey || hours < takeOverHours.min || hours > takeOverHours.max) {
    return { kind: 'take-over', language };
  }
  const number = match[3]?.trim();
  return { kind: 'take-over', language, request: { hours, contactKey, ...(number ? { number } : {}) } };
};

/** Reads a command from the message text (mentions already removed) or a card button's data. */
export const parseCommand = (text: string, value?: unknown): Command => {
  const action = cardActionSchema.safeParse(value);
  if (!text && action.success) {
    const { wygc, language } = action.data;
    return language ? { kind: wygc, language } : { kind: wygc };
  }
  const typed = text.trim();
  if (typed === '?') return { kind: 'help' };
  const words = typed.replace(/[?!.]+$/u, '');
  const takeOver = /^(neem\s+over|take\s+over)\b\s*(.*)$/isu.exec(words);
  if (takeOver) {
    const language: Language = (takeOver[1] ?? '').toLowerCase().startsWith('neem') ? 'nl' : 'en';
    return parseTakeOver(language, takeOver[2] ?? '');
  }
  // "wie heeft dienst?" and "who is on duty" are read by their first word.
  switch (words.toLowerCase().split(' ')[0]) {
    case 'wie':
      return { kind: 'who', language: 'nl' };
    case 'who':
      return { kind: 'who', language: 'en' };
    case 'rooster':
      return { kind: 'roster', language: 'nl' };
    case 'roster':
      return { kind: 'roster', language: 'en' };
    case 'hulp':
      return { kind: 'help', language: 'nl' };
    case 'help':
      return { kind: 'help' };
    default:
      return { kind: 'unknown' };
  }
};
