import { type CountryCode, parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { RoutingError } from './routing-error.ts';

/** A phone number in E.164 form, e.g. "+31501234567". Only `toE164` creates one. */
export type E164 = string & { readonly __brand: 'E164' };

export const defaultPhoneRegion: CountryCode = 'NL';

/**
 * Parses what a person typed ("050 123 4567", "+31 6 1234 5678", "0031501234567") into E.164.
 * Uses the full metadata so that a number of the right length but an unassigned range is refused too.
 * Messages never echo the number: errors end up in logs, and phone numbers must not.
 */
export const toE164 = (input: string, region: CountryCode = defaultPhoneRegion): E164 => {
  const trimmed = input.trim();
  if (trimmed === '') throw new RoutingError('INVALID_PHONE_NUMBER', 'phone number is empty');
  let parsed: ReturnType<typeof parsePhoneNumberWithError>;
  try {
    parsed = parsePhoneNumberWithError(trimmed, { defaultCountry: region });
  } catch (cause) {
    throw new RoutingError('INVALID_PHONE_NUMBER', 'not a phone number', { cause });
  }
  if (!parsed.isValid()) {
    throw new RoutingError('INVALID_PHONE_NUMBER', 'not a valid phone number for its country');
  }
  return parsed.number as E164;
};

/** True when the value is already exactly an E.164 number that `toE164` would return unchanged. */
export const isE164 = (value: string): value is E164 => {
  if (!value.startsWith('+')) return false;
  try {
    return toE164(value) === value;
  } catch {
    return false;
  }
};

/** Formats an E.164 number for people: national format at home, international elsewhere. */
export const formatPhoneNumber = (phone: E164, region: CountryCode = defaultPhoneRegion): string => {
  const parsed = parsePhoneNumberWithError(phone);
  return parsed.country === region ? parsed.formatNational() : parsed.formatInternational();
};
