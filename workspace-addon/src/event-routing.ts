import {
  type Contact,
  createContactDirectory,
  parseSubject,
  type RoutedNumber,
  type RoutingTarget,
  resolveFallback,
} from '@wygc/routing-core';

/** What one number does while the event runs, if this event were the only one covering the time. */
export interface NumberRouting {
  readonly number: RoutedNumber;
  /** Groups in ringing order; the targets of a group ring together. */
  readonly groups: readonly (readonly RoutingTarget[])[];
  /** Rings after the groups (alone when there are none); null when the number has none. */
  readonly fallback: RoutingTarget | null;
}

export interface EventRouting {
  /** False when the subject selects nobody: the event never routes and is reported as unmatched. */
  readonly matched: boolean;
  /** Tokens that are no contact key, in order (the words around the keys, or the typo). */
  readonly unmatchedTokens: readonly string[];
  readonly numbers: readonly NumberRouting[];
}

const toTarget = (contact: Contact): RoutingTarget => ({ key: contact.key, phone: contact.phone });

/**
 * Resolves an event's subject through the routing core exactly as compilation does: the same subject
 * parser and key matching, the number's ring strategy, and its fallback (which rings once).
 */
export const describeEventRouting = (input: {
  readonly subject: string;
  readonly contacts: readonly Contact[];
  readonly caseSensitive: boolean;
  readonly numbers: readonly RoutedNumber[];
}): EventRouting => {
  const directory = createContactDirectory(input.contacts, { caseSensitive: input.caseSensitive });
  const { groups, unmatchedTokens } = parseSubject(input.subject, directory);
  const written = groups.map((group) => group.map(toTarget));
  return {
    matched: groups.length > 0,
    unmatchedTokens,
    numbers: input.numbers.map((number) => {
      const ordered = number.strategy === 'simultaneous' && written.length > 1 ? [written.flat()] : written;
      let fallback: RoutingTarget | null;
      try {
        fallback = resolveFallback(number.fallback, directory);
      } catch {
        // A fallback that no longer resolves (its contact was removed) is shown as none, not as a failed card.
        fallback = null;
      }
      const alreadyRings =
        fallback !== null && ordered.some((group) => group.some((t) => t.phone === fallback?.phone));
      return { number, groups: ordered, fallback: alreadyRings ? null : fallback };
    }),
  };
};
