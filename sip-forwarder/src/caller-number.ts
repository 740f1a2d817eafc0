import { toE164 } from '@wygc/routing-core';
import type { CountryCode } from 'libphonenumber-js';
import { readCallerUser } from './sip-headers.ts';
import type { SipRequest } from './srf-port.ts';

/** The caller for a CallRecord: E.164 when it is a number, else "anonymous" (withheld) or "unknown". */
export type CallerNumber = (req: SipRequest) => string;

/** Enough for every caller of a busy hour; past it the oldest answers go. */
const rememberedCallers = 10_000;

/**
 * libphonenumber's full validation costs more than the rest of a redirected call, and the same callers
 * (and the same SBC presenting them) come back: so the answer for each presented user part is kept,
 * oldest out first. Only the mapping is kept, never which call or tenant it belonged to.
 */
export const createCallerNumber = (region: CountryCode): CallerNumber => {
  const known = new Map<string, string>();
  const normalise = (user: string): string => {
    try {
      return toE164(user, region);
    } catch {
      return 'unknown';
    }
  };
  return (req) => {
    const user = readCallerUser(req);
    if (user === undefined) return 'anonymous';
    let caller = known.get(user);
    if (caller === undefined) {
      caller = normalise(user);
      if (known.size >= rememberedCallers) known.delete(known.keys().next().value as string);
      known.set(user, caller);
    }
    return caller;
  };
};
