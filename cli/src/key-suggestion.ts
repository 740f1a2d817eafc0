import type { ContactDirectory } from '@wygc/routing-core';

/** Levenshtein distance, capped: only "one edit away" matters here. */
const withinOneEdit = (a: string, b: string): boolean => {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const rest = (x: string, skip: number) => x.slice(i + skip);
  return rest(a, 1) === rest(b, 1) || rest(a, 1) === rest(b, 0) || rest(a, 0) === rest(b, 1);
};

/**
 * The contact key a token was probably meant to be ("JDD" for "JD"): one letter added, missing or
 * changed, ignoring case. Tokens of one letter suggest nothing; too many keys are one edit away.
 */
export const suggestKey = (token: string, contacts: ContactDirectory): string | undefined => {
  if (token.length < 2) return undefined;
  const upper = token.toUpperCase();
  return contacts.contacts.find((contact) => withinOneEdit(upper, contact.key.toUpperCase()))?.key;
};
