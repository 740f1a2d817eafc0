import { isRoutingError, type ParsedCalendar, parseIcs } from '@wygc/routing-core';
import { SyncError } from './sync-error.ts';

/**
 * parseIcs for text from a provider: a malformed file becomes INVALID_RESPONSE naming the line, and
 * never quoting it, because calendar text holds subjects.
 */
export const icsParseCalendar = (text: string, defaultTimeZone: string, what: string): ParsedCalendar => {
  try {
    return parseIcs(text, { defaultTimeZone });
  } catch (error) {
    if (!isRoutingError(error)) throw error;
    const where = error.line === undefined ? '' : ` (line ${error.line})`;
    throw new SyncError('INVALID_RESPONSE', `${what} is not valid iCalendar${where}`, { cause: error });
  }
};
