import { languageOf } from './language.ts';
import type { Messages } from './messages.ts';
import { englishMessages } from './messages-en.ts';
import { dutchMessages } from './messages-nl.ts';

/** The card texts for commonEventObject.userLocale: Dutch for nl*, English otherwise. */
export const messagesFor = (userLocale: string | undefined): Messages =>
  languageOf(userLocale) === 'nl' ? dutchMessages : englishMessages;
