import type { Language } from './language.ts';
import type { MessageKey, Messages } from './messages.ts';
import { en } from './messages-en.ts';
import { nl } from './messages-nl.ts';

export type MessageParams = Readonly<Record<string, string | number>>;

const dictionaries: Readonly<Record<Language, Partial<Messages>>> = { en, nl };

/**
 * The text of `key` in `language`, falling back to English for a text a dictionary lacks (a
 * translation is never a blank), with `{name}` placeholders filled from `params`.
 */
export const translate = (language: Language, key: MessageKey, params: MessageParams = {}): string => {
  const template = dictionaries[language][key] || en[key];
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in params ? String(params[name]) : placeholder,
  );
};
