import type { RoutedNumber } from '@wygc/routing-core';

export type NumberChoice =
  | { readonly kind: 'found'; readonly number: RoutedNumber }
  | { readonly kind: 'none' }
  | { readonly kind: 'ambiguous' }
  | { readonly kind: 'unknown' };

const digitsOf = (text: string): string => text.replace(/\D/g, '');

const only = (candidates: readonly RoutedNumber[]): NumberChoice | undefined => {
  const [first] = candidates;
  if (!first) return undefined;
  return candidates.length === 1 ? { kind: 'found', number: first } : { kind: 'ambiguous' };
};

/**
 * The number a command is about: the only one, or the one named by its name (whole, else its start)
 * or its digits as dialled ("050 123 4567" finds +31 50 123 4567).
 */
export const pickNumber = (numbers: readonly RoutedNumber[], wanted?: string): NumberChoice => {
  if (numbers.length === 0) return { kind: 'none' };
  if (!wanted) return only(numbers) ?? { kind: 'none' };
  const name = wanted.trim().toLocaleLowerCase();
  const byName = numbers.filter((number) => number.name.toLocaleLowerCase() === name);
  const byPrefix = numbers.filter((number) => number.name.toLocaleLowerCase().startsWith(name));
  // A national trunk 0 or an international 00 prefix is not part of the E.164 digits.
  const dialled = /^[\d\s+()-]+$/.test(wanted.trim()) ? digitsOf(wanted).replace(/^0+/, '') : '';
  const byDigits =
    dialled.length >= 6 ? numbers.filter((number) => digitsOf(number.did).endsWith(dialled)) : [];
  return only(byName) ?? only(byPrefix) ?? only(byDigits) ?? { kind: 'unknown' };
};
