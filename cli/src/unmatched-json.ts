import type { UnmatchedEvent } from '@wygc/routing-core';
import { formatIsoInstant } from './iso-instant.ts';

/** An event that rings nobody, in --json output. */
export interface UnmatchedJson {
  readonly uid: string;
  readonly start: string;
  readonly end: string;
  readonly subject: string;
  /** The subject's tokens; none of them is a contact key. */
  readonly unmatchedTokens: readonly string[];
}

export const unmatchedJson = (event: UnmatchedEvent, zone: string): UnmatchedJson => ({
  uid: event.uid,
  start: formatIsoInstant(event.start, zone),
  end: formatIsoInstant(event.end, zone),
  subject: event.subject,
  unmatchedTokens: event.unmatchedTokens,
});
