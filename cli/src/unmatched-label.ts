import type { ContactDirectory, UnmatchedEvent } from '@wygc/routing-core';
import { suggestKey } from './key-suggestion.ts';

/** The subject in quotes, as people typed it; an empty one said in words. */
export const quotedSubject = (subject: string): string =>
  subject.trim() === '' ? '(no subject)' : `"${subject}"`;

/**
 * Says why an event rings nobody, pointing at the likely typo:
 * "no contact key among Storing, JDD (JDD: did you mean JD?)".
 */
export const unmatchedReason = (event: UnmatchedEvent, contacts: ContactDirectory): string => {
  if (event.unmatchedTokens.length === 0) return 'no words that could be a contact key';
  const hints = event.unmatchedTokens.flatMap((token) => {
    const key = suggestKey(token, contacts);
    return key ? [`${token}: did you mean ${key}?`] : [];
  });
  const reason = `no contact key among ${event.unmatchedTokens.join(', ')}`;
  return hints.length > 0 ? `${reason} (${hints.join('; ')})` : reason;
};
