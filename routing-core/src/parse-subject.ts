import type { Contact } from './contact.ts';
import type { ContactDirectory } from './contact-directory.ts';

/** What an event subject asks for: groups ring one after another, contacts in a group ring together. */
export interface SubjectRouting {
  readonly groups: readonly (readonly Contact[])[];
  /** Tokens that selected nobody, in order; shown to people when a subject matches no contact. */
  readonly unmatchedTokens: readonly string[];
}

const tokenPattern = /[\p{L}\p{N}]+/gu;

/** Text between two keys that makes them ring together: a "+" with optional white space around it. */
const ringTogether = /^\s*\+\s*$/u;

/**
 * Splits a subject into tokens (maximal runs of letters and digits) and maps tokens that equal a
 * contact key to contacts. "JD+PK" is one group, "JD, PK" and "JD PK" are two groups in that order.
 * Other tokens are ignored ("Storing JD (mobiel)" selects JD). A contact appears once: later mentions
 * are dropped, and so is a group left empty by that.
 */
export const parseSubject = (subject: string, directory: ContactDirectory): SubjectRouting => {
  const groups: Contact[][] = [];
  const unmatchedTokens: string[] = [];
  const seen = new Set<string>();
  let previousKeyEnd = -1;

  for (const match of subject.matchAll(tokenPattern)) {
    const token = match[0];
    const contact = directory.find(token);
    if (!contact) {
      unmatchedTokens.push(token);
      continue;
    }
    const between = previousKeyEnd < 0 ? '' : subject.slice(previousKeyEnd, match.index);
    previousKeyEnd = match.index + token.length;
    if (seen.has(contact.key)) continue;
    seen.add(contact.key);
    const joinsPrevious = groups.length > 0 && ringTogether.test(between);
    if (joinsPrevious) groups[groups.length - 1]?.push(contact);
    else groups.push([contact]);
  }
  return { groups, unmatchedTokens };
};
