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

/** Drops repeats only after grouping, so "PK+JD, JD+ÉB" stays two groups: ÉB does not join PK. */
const firstMentions = (written: readonly (readonly Contact[])[]): Contact[][] => {
  const seen = new Set<string>();
  const isFirst = (contact: Contact): boolean => {
    if (seen.has(contact.key)) return false;
    seen.add(contact.key);
    return true;
  };
  return written.map((group) => group.filter(isFirst)).filter((group) => group.length > 0);
};

/**
 * Splits a subject into tokens (maximal runs of letters and digits) and maps tokens that equal a
 * contact key to contacts. "JD+PK" is one group, "JD, PK" and "JD PK" are two groups in that order.
 * Other tokens are ignored ("Storing JD (mobiel)" selects JD). A contact appears once: later mentions
 * are dropped, and so is a group left empty by that.
 */
export const parseSubject = (subject: string, directory: ContactDirectory): SubjectRouting => {
  // Decomposed accents (as some clients send them) would otherwise split "ÉB" at the combining mark.
  const text = subject.normalize('NFC');
  const written: Contact[][] = [];
  const unmatchedTokens: string[] = [];
  let previousKeyEnd = -1;

  for (const match of text.matchAll(tokenPattern)) {
    const token = match[0];
    const contact = directory.find(token);
    if (!contact) {
      unmatchedTokens.push(token);
      continue;
    }
    const between = previousKeyEnd < 0 ? '' : text.slice(previousKeyEnd, match.index);
    previousKeyEnd = match.index + token.length;
    const last = written[written.length - 1];
    if (last && ringTogether.test(between)) last.push(contact);
    else written.push([contact]);
  }
  return { groups: firstMentions(written), unmatchedTokens };
};
