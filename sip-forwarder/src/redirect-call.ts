import type { CallResult } from './call-result.ts';
import type { ForwardPlan } from './forward-plan.ts';
import type { SipHeaders, SipResponse } from './srf-port.ts';

/**
 * redirect mode: one 302 listing every target at the trunk, q-values giving the ringing order (equal q
 * rings together); the SBC hunts. The Diversion header tells it to mark the new INVITEs.
 */
export const redirectCall = (
  res: SipResponse,
  plan: ForwardPlan,
  headers: SipHeaders,
  clock: () => number,
): CallResult => {
  res.send(302, 'Moved Temporarily', { headers: { ...headers, Contact: plan.contact } });
  return { outcome: 'redirected', attempts: plan.redirectAttempts, endedAt: clock() };
};
