import type { Attempts, Target } from './api-schemas.ts';

/** A contact by its key; a bare phone number (a fallback that is no contact) as itself. */
export const targetLabel = (target: Target): string => target.key ?? target.phone;

/** "PK → JD": groups one after another; "JD + PK": people who ring together. */
export const attemptsLabel = (attempts: Attempts): string =>
  attempts.map((group) => group.map(targetLabel).join(' + ')).join(' → ');
