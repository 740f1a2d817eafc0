import { parsePhoneNumberWithError } from 'libphonenumber-js/max';

/** A routed number as callers dial it from anywhere: "+31 50 123 4567". */
export const formatDid = (did: string): string => {
  try {
    return parsePhoneNumberWithError(did).formatInternational();
  } catch {
    // Stored numbers are E.164 already; show one the library cannot parse rather than fail the card.
    return did;
  }
};
